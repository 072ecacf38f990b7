/** cargo-llvm-cov as the pipeline uses it, and the checks that a binary is the one we want. */
import { homedir } from 'node:os'
import { exec } from '../exec.js'
import { pathDirs, pathFor, realHost, type Host } from './platform.js'

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
export function candidateBinaries(
  env: NodeJS.ProcessEnv,
  binaryName: string,
  host: Host = realHost()
): string[] {
  const path = pathFor(host.os)
  const dirs = pathDirs(env, host.os).filter((dir) => path.isAbsolute(dir))
  dirs.push(cargoBinDir(env, host.os))
  const seen = new Set<string>()
  return dirs
    .map((dir) => path.join(dir, binaryName))
    .filter((file) => !seen.has(file) && seen.add(file) && host.exists(file))
}

/**
 * Where `cargo install` puts binaries without --root: $CARGO_INSTALL_ROOT/bin or $CARGO_HOME/bin.
 * Cargo's home on Windows is under the user profile; a HOME set there (Git Bash, MSYS2) is a
 * POSIX-style path cargo itself does not use.
 */
export function cargoBinDir(
  env: NodeJS.ProcessEnv,
  os: NodeJS.Platform = process.platform
): string {
  const path = pathFor(os)
  if (env.CARGO_INSTALL_ROOT) return path.join(env.CARGO_INSTALL_ROOT, 'bin')
  const home = os === 'win32' ? env.USERPROFILE || homedir() : env.HOME || homedir()
  return path.join(env.CARGO_HOME || path.join(home, '.cargo'), 'bin')
}

// cargo-llvm-cov-sources.ts and latest-version.ts import it from here; versions.ts holds it.
export { compareVersions } from './versions.js'
