/** Rust phases: clean old profiles, run the user's Rust tests, export the lcov report. */
import * as core from '@actions/core'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { CommandError } from '../errors.js'
import type { CargoLlvmCov } from '../install/cargo-llvm-cov.js'
import { exec, runShell } from '../exec.js'
import type { LocalCrate } from './cargo-metadata.js'
import type { InstrumentedEnv } from './env.js'
import { PythonLinkScan } from './python-link.js'
import {
  emptyProfiles,
  NoReadableProfileError,
  parseSkippedProfiles,
  withSkippingFailureMode,
  type UnreadableProfile
} from './profiles.js'
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

export interface RustTestsResult {
  /** 0 = passed. */
  exitCode: number
  /** Why they failed, when that was recognised in their output (python-link.ts). */
  cause?: string
}

/** Runs the user's Rust test command. */
export async function runRustTests(
  command: string,
  ienv: InstrumentedEnv,
  cwd: string,
  /** Package names of the workspace members, for the advice when the tests cannot link. */
  members: readonly string[]
): Promise<RustTestsResult> {
  const link = new PythonLinkScan()
  const result = await runShell(command, {
    cwd,
    env: ienv.env,
    allowFailure: true,
    onStderr: (chunk) => link.feed(chunk)
  })
  const exitCode = result.exitCode ?? 1
  const cause = exitCode === 0 ? undefined : link.explain(members, command)
  return cause === undefined ? { exitCode } : { exitCode, cause }
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

/** What the Rust report was made from. */
export interface RustReportSources {
  /** Profiles under the target directory. */
  total: number
  /** Profiles left out: empty, or skipped by llvm-profdata. */
  unreadable: UnreadableProfile[]
}

const NO_SCOPE: RustReportScope = { args: [], env: {}, objectsLeftOut: [] }

/**
 * `cargo llvm-cov report --lcov`, merging every profile under the target directory that can be
 * read. Throws NoReadableProfileError when none can.
 */
export async function exportRustReport(
  tool: CargoLlvmCov,
  ienv: InstrumentedEnv,
  cwd: string,
  outputPath: string,
  scope: RustReportScope = NO_SCOPE
): Promise<RustReportSources> {
  const profiles = listProfiles(ienv.targetDir)
  const empty = emptyProfiles(profiles)
  if (profiles.length > 0 && empty.length === profiles.length) {
    throw new NoReadableProfileError(empty, profiles.length)
  }
  const argv = [tool.binary, 'llvm-cov', 'report', '--lcov', '--output-path', outputPath]
  argv.push(...scope.args)
  const hint = 'the profiles could not be merged or the instrumented binaries were not found'
  const env = reportEnv(ienv, scope)
  core.info(`LLVM_PROFDATA_FLAGS=${env.LLVM_PROFDATA_FLAGS ?? ''}`)
  const result = await exec(argv, {
    cwd,
    env,
    captureStderr: true,
    allowFailure: true,
    hint
  })
  // Skipped by llvm-profdata, or empty (which it skips without a word); the same file not twice.
  const skipped = parseSkippedProfiles(result.stderr)
  const unreadable = [...skipped, ...empty.filter((e) => !skipped.some((s) => s.path === e.path))]
  if (profiles.length > 0 && unreadable.length >= profiles.length) {
    throw new NoReadableProfileError(unreadable, profiles.length)
  }
  if (result.exitCode !== 0) throw new CommandError(argv, result.exitCode, result.stderrTail, hint)
  return { total: profiles.length, unreadable }
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

/** The report's environment: unreadable profiles skipped, the scope's variables set. */
function reportEnv(ienv: InstrumentedEnv, scope: RustReportScope): NodeJS.ProcessEnv {
  return { ...withSkippingFailureMode(ienv.env), ...scope.env }
}
