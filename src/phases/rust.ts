/** Rust phases: clean old profiles, run the user's Rust tests, export the lcov report. */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { CargoLlvmCov } from '../install/cargo-llvm-cov.js'
import { exec, runShell } from '../exec.js'
import type { InstrumentedEnv } from './env.js'

/** Removes profiles and workspace build artifacts, so stale data cannot leak in. */
export async function cleanWorkspace(
  tool: CargoLlvmCov,
  ienv: InstrumentedEnv,
  cwd: string
): Promise<void> {
  await exec([tool.binary, 'llvm-cov', 'clean', '--workspace'], { cwd, env: ienv.env })
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

/** `cargo llvm-cov report --lcov`, merging every profile under the target directory. */
export async function exportRustReport(
  tool: CargoLlvmCov,
  ienv: InstrumentedEnv,
  cwd: string,
  outputPath: string
): Promise<void> {
  await exec([tool.binary, 'llvm-cov', 'report', '--lcov', '--output-path', outputPath], {
    cwd,
    env: ienv.env,
    hint: 'the profiles could not be merged or the instrumented binaries were not found'
  })
}

/** `cargo llvm-cov report --html` into `outputDir` (for the artifact). */
export async function exportRustHtml(
  tool: CargoLlvmCov,
  ienv: InstrumentedEnv,
  cwd: string,
  outputDir: string
): Promise<void> {
  await exec([tool.binary, 'llvm-cov', 'report', '--html', '--output-dir', outputDir], {
    cwd,
    env: ienv.env
  })
}
