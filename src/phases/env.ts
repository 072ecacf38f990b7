/**
 * The instrumented environment: cargo-llvm-cov's show-env variables, set for every later
 * phase (Rust tests, extension build, Python tests, report), with CARGO_TARGET_DIR pointed
 * at cargo-llvm-cov's target directory so that maturin builds where `report` looks.
 */
import type { CargoLlvmCov } from '../install/cargo-llvm-cov.js'
import type { LlvmTools } from '../install/llvm-tools.js'
import { exec } from '../exec.js'
import { parseShowEnv, showEnvCommand } from './show-env.js'

export interface InstrumentedEnv {
  env: NodeJS.ProcessEnv
  /** Where profiles (*.profraw) and the instrumented build land. */
  targetDir: string
  /** The show-env variables exactly as parsed, for the log. */
  variables: Record<string, string>
}

/** Environment under which cargo-llvm-cov itself runs: the LLVM tools chosen, no prompts. */
export function toolEnv(base: NodeJS.ProcessEnv, llvm: LlvmTools): NodeJS.ProcessEnv {
  return { ...base, LLVM_COV: llvm.llvmCov, LLVM_PROFDATA: llvm.llvmProfdata }
}

export async function instrumentedEnv(
  cargoLlvmCov: CargoLlvmCov,
  llvm: LlvmTools,
  cwd: string,
  base: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform
): Promise<InstrumentedEnv> {
  const env = toolEnv(base, llvm)
  // A format flag, because the default quoting is cmd.exe's on Windows (see show-env.ts).
  const showEnv = showEnvCommand(cargoLlvmCov.version, platform, env)
  const { stdout } = await exec([cargoLlvmCov.binary, 'llvm-cov', ...showEnv.args], {
    cwd,
    env,
    captureStdout: true,
    silent: true,
    hint: 'is the working directory a Cargo workspace?'
  })
  const variables = parseShowEnv(stdout, showEnv.quoting)
  const targetDir = variables.CARGO_LLVM_COV_TARGET_DIR
  if (!targetDir) {
    throw new Error(
      `'cargo llvm-cov show-env' did not give CARGO_LLVM_COV_TARGET_DIR (cargo-llvm-cov ${cargoLlvmCov.version}); ` +
        'use cargo-llvm-cov 0.6 or later'
    )
  }
  return { env: { ...env, ...variables, CARGO_TARGET_DIR: targetDir }, targetDir, variables }
}
