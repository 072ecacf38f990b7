/** Rust phases: clean old profiles, run the user's Rust tests, export the lcov report. */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { CargoLlvmCov } from '../install/cargo-llvm-cov.js'
import { exec, runShell } from '../exec.js'
import type { LocalCrate } from './cargo-metadata.js'
import type { InstrumentedEnv } from './env.js'
import type { RustReportScope } from './report-scope.js'

/**
 * Removes profiles and the build artifacts of every local crate, so stale data cannot leak in.
 * `clean --workspace` reaches the members only; a path dependency is cleaned with `cargo clean
 * -p`, whether it is measured or not: cargo's fingerprint ignores the wrapper's crate list, so an
 * earlier build, instrumented or not, would otherwise be reused as it is.
 */
export async function cleanWorkspace(
  tool: CargoLlvmCov,
  ienv: InstrumentedEnv,
  cwd: string,
  pathDependencies: readonly LocalCrate[] = []
): Promise<void> {
  await exec([tool.binary, 'llvm-cov', 'clean', '--workspace'], { cwd, env: ienv.env })
  if (pathDependencies.length === 0) return
  const packages = [...new Set(pathDependencies.map((crate) => crate.name))]
  await exec(['cargo', 'clean', ...packages.flatMap((name) => ['-p', name])], {
    cwd,
    env: ienv.env,
    hint: 'the path dependencies could not be cleaned out of the target directory'
  })
}

/** Runs the user's Rust test command; returns its exit code (0 = passed). */
export async function runRustTests(
  command: string,
  ienv: InstrumentedEnv,
  cwd: string
): Promise<number> {
  const result = await runShell(command, { cwd, env: ienv.env, allowFailure: true })
  return result.exitCode ?? 1
}

/** Profiles written so far: `<target>/<name>-<pid>-<signature>_<n>.profraw`. */
export function listProfiles(targetDir: string): string[] {
  try {
    return readdirSync(targetDir)
      .filter((name) => name.endsWith('.profraw'))
      .map((name) => join(targetDir, name))
  } catch {
    return []
  }
}

export interface RustReportPaths {
  lcov: string
  html?: string
}

const NO_SCOPE: RustReportScope = { args: [], env: {}, objectsLeftOut: [] }

/** `cargo llvm-cov report --lcov`, merging every profile under the target directory. */
export async function exportRustReport(
  tool: CargoLlvmCov,
  ienv: InstrumentedEnv,
  cwd: string,
  outputPath: string,
  scope: RustReportScope = NO_SCOPE
): Promise<void> {
  const argv = [tool.binary, 'llvm-cov', 'report', '--lcov', '--output-path', outputPath]
  await exec([...argv, ...scope.args], {
    cwd,
    env: reportEnv(ienv, scope),
    hint: 'the profiles could not be merged or the instrumented binaries were not found'
  })
}

/** `cargo llvm-cov report --html` into `outputDir` (for the artifact). */
export async function exportRustHtml(
  tool: CargoLlvmCov,
  ienv: InstrumentedEnv,
  cwd: string,
  outputDir: string,
  scope: RustReportScope = NO_SCOPE
): Promise<void> {
  const argv = [tool.binary, 'llvm-cov', 'report', '--html', '--output-dir', outputDir]
  await exec([...argv, ...scope.args], { cwd, env: reportEnv(ienv, scope) })
}

/** The report's environment: the scope's variables set. */
function reportEnv(ienv: InstrumentedEnv, scope: RustReportScope): NodeJS.ProcessEnv {
  return { ...ienv.env, ...scope.env }
}
