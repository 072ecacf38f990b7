/**
 * What a source of coverage hands on: the measuring of this job (run and collect modes) or the
 * shards of a workflow run (merge mode). An immutable value: made once by its source, read by
 * the reports step, the sink and the outcome, changed by none of them.
 */
import { TestFailureError } from './errors.js'
import type { PerTestResult } from './per-test/index.js'

export type Phase = 'rust' | 'python'

/** A report a tool wrote, and where its paths are rooted. */
export interface ToolReport {
  /** Which phase's tool wrote it: cargo llvm-cov (lcov) or coverage.py (JSON). */
  kind: Phase
  path: string
  /** The repository root when the report was written (absolute paths are made relative to it). */
  root: string
  /** Directories that relative file names in the report are relative to. */
  sourceRoots: string[]
}

/** A test command that ran, and how it ended. */
export interface TestRun {
  phase: Phase
  exitCode: number
  /** Why the tests failed, when their output said (a Rust test build that cannot link Python). */
  cause?: string
  /** The shard it ran in (merge mode). */
  shard?: string
}

export interface Measurement {
  /** The raw reports, Rust before Python (shard by shard in merge mode). */
  readonly reports: readonly ToolReport[]
  /** Every test command that ran. */
  readonly tests: readonly TestRun[]
  /** Version of the interpreter the Python tests ran under (shard manifests record it). */
  readonly pythonVersion?: string
  /** HTML reports the tools wrote, for the artifact. */
  readonly htmlDirs: Readonly<Partial<Record<Phase, string>>>
  /** Why the extension wrote no profile, when that was found out. */
  readonly diagnosis?: string
  /** Errors that stopped a phase after measuring began: reported, then they fail the step. */
  readonly failures: readonly Error[]
  /** Which tests ran which lines (per-test: true), with absolute paths. */
  readonly perTest?: PerTestResult
}

/** Freezes a measurement and its lists: a source's last step. */
export function measurement(value: Measurement): Measurement {
  return Object.freeze({
    ...value,
    reports: Object.freeze([...value.reports]),
    tests: Object.freeze([...value.tests]),
    htmlDirs: Object.freeze({ ...value.htmlDirs }),
    failures: Object.freeze([...value.failures])
  })
}

/** The failed test commands, each as the error that names it (and its shard). */
export function testFailures(tests: readonly TestRun[]): TestFailureError[] {
  return tests
    .filter((test) => test.exitCode !== 0)
    .map((test) => new TestFailureError(test.phase, test.exitCode, test.shard, test.cause))
}

/**
 * One exit code per phase, for the summary and a shard's manifest: the first failing one, else
 * 0 when the phase ran, else undefined (it did not run).
 */
export function exitCodes(tests: readonly TestRun[]): Partial<Record<Phase, number>> {
  const codes: Partial<Record<Phase, number>> = {}
  for (const phase of ['rust', 'python'] as const) {
    const ran = tests.filter((test) => test.phase === phase)
    if (ran.length > 0) codes[phase] = (ran.find((test) => test.exitCode !== 0) ?? ran[0])!.exitCode
  }
  return codes
}

/** Why each phase's tests failed, where that was recognised (the summary says it too). */
export function testCauses(tests: readonly TestRun[]): Partial<Record<Phase, string>> {
  const causes: Partial<Record<Phase, string>> = {}
  for (const test of tests) if (test.cause !== undefined) causes[test.phase] ??= test.cause
  return causes
}

/** The report of one kind (a job writes at most one of each). */
export function reportOf(value: Measurement, kind: Phase): ToolReport | undefined {
  return value.reports.find((report) => report.kind === kind)
}

/**
 * A report this job's tools wrote: rooted in this workspace; coverage.py's relative names are
 * relative to the directory its tests ran in.
 */
export function toolReport(
  workspace: string,
  kind: Phase,
  path: string,
  testsDir: string
): ToolReport {
  return { kind, path, root: workspace, sourceRoots: [testsDir] }
}
