/** Finds cargo-llvm-cov. Installing it when missing is a separate step (see install/index.ts). */
import { ToolNotFoundError } from '../errors.js'
import { exec } from '../exec.js'

export interface CargoLlvmCov {
  /** Absolute path or command name of the cargo-llvm-cov binary. */
  binary: string
  version: string
  origin: string
}

/** `cargo-llvm-cov --version` prints `cargo-llvm-cov 0.9.1`. */
export async function versionOf(
  binary: string,
  env: NodeJS.ProcessEnv
): Promise<string | undefined> {
  try {
    const { stdout } = await exec([binary, 'llvm-cov', '--version'], {
      env,
      captureStdout: true,
      silent: true,
      timeoutMs: 15_000
    })
    return /cargo-llvm-cov (\d+\.\d+\.\d+)/.exec(stdout)?.[1]
  } catch {
    return undefined
  }
}

export async function findCargoLlvmCovOnPath(
  env: NodeJS.ProcessEnv = process.env
): Promise<CargoLlvmCov> {
  const version = await versionOf('cargo-llvm-cov', env)
  if (!version) {
    throw new ToolNotFoundError(
      'cargo-llvm-cov',
      ['cargo-llvm-cov on PATH'],
      "Install it with 'cargo install cargo-llvm-cov --locked' (or taiki-e/install-action) before this step."
    )
  }
  return { binary: 'cargo-llvm-cov', version, origin: 'PATH' }
}
