/**
 * The tools every run needs, found — and where missing, installed — before anything runs:
 * LLVM tools that read rustc's profiles, and cargo-llvm-cov. The Python tools are checked once
 * the interpreter is known (python-tools.ts, uv.ts; called from the pipeline).
 */
import type { Config } from '../config.js'
import type { CargoLlvmCov } from './cargo-llvm-cov.js'
import { installCargoLlvmCov } from './install-cargo-llvm-cov.js'
import type { LlvmTools } from './llvm-tools.js'
import { findLlvmTools } from './llvm-ways.js'

export type { CargoLlvmCov } from './cargo-llvm-cov.js'
export type { LlvmTools } from './llvm-tools.js'
export {
  ensurePythonTools,
  MissingPythonToolsError,
  pythonToolNeeds,
  type PythonToolNeeds
} from './python-tools.js'
export {
  detectUvProject,
  prepareUvProject,
  uvBuildArgv,
  uvPythonCommand,
  uvTestEnv,
  type UvProject
} from './uv.js'

export interface Tools {
  cargoLlvmCov: CargoLlvmCov
  llvm: LlvmTools
}

/** `cwd`: the Cargo workspace root (its rust-toolchain file chooses rustc, and so LLVM). */
export async function findTools(config: Config, cwd: string): Promise<Tools> {
  const llvm = await findLlvmTools({
    cwd,
    installLlvm: config.installLlvm
  })
  const { tool: cargoLlvmCov } = await installCargoLlvmCov({ version: config.cargoLlvmCovVersion })
  return { cargoLlvmCov, llvm }
}
