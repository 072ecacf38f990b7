/** cargo-llvm-cov as the pipeline uses it, and the checks that a binary is the one we want. */
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { delimiter, isAbsolute, join } from 'node:path'
import { exec } from '../exec.js'

export interface CargoLlvmCov {
  /** Absolute path (or command name) of the binary; invoked as `<binary> llvm-cov <subcommand>`. */
  binary: string
  version: string
  /** Which way found or installed it, for the log. */
  origin: string
}

/** `cargo-llvm-cov llvm-cov --version` prints `cargo-llvm-cov 0.9.1`. */
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

/**
 * Where a cargo subcommand is looked for: every PATH entry, then $CARGO_HOME/bin (or
 * ~/.cargo/bin), where `cargo install` puts it even when a container's PATH leaves it out.
 */
export function candidateBinaries(env: NodeJS.ProcessEnv, binaryName: string): string[] {
  const dirs = (env.PATH ?? '').split(delimiter).filter((dir) => dir && isAbsolute(dir))
  dirs.push(cargoBinDir(env))
  const seen = new Set<string>()
  return dirs
    .map((dir) => join(dir, binaryName))
    .filter((path) => !seen.has(path) && seen.add(path) && existsSync(path))
}

/** Where `cargo install` puts binaries without --root: $CARGO_INSTALL_ROOT/bin or $CARGO_HOME/bin. */
export function cargoBinDir(env: NodeJS.ProcessEnv): string {
  if (env.CARGO_INSTALL_ROOT) return join(env.CARGO_INSTALL_ROOT, 'bin')
  return join(env.CARGO_HOME || join(env.HOME || homedir(), '.cargo'), 'bin')
}

/** Compares dotted versions numerically: negative, zero or positive like a sort comparator. */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number)
  const right = b.split('.').map(Number)
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0)
    if (difference !== 0) return difference
  }
  return 0
}
