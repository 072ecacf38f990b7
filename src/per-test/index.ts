/**
 * Per-test coverage after the tests ran (per-test: true): each test's counters — the pytest
 * plugin's differences, the profiles of a test's subprocesses, each Rust test process's profile
 * — mapped to lines (counter-lines.ts), and coverage.py's contexts (python-contexts.ts), joined
 * into one list of tests with absolute paths. tests-document.ts makes tests.json of it once the
 * merged report gives the coverable lines.
 */
import {
  linesOfContributions,
  mergeLineSets,
  type Contribution,
  type LlvmPaths
} from './counter-lines.js'
import type { PerTestDirs } from './env.js'
import { readContexts } from './python-contexts.js'
import {
  readPytestRecords,
  readRustRuns,
  rustTestOf,
  taggedProfiles,
  type PytestRecords
} from './records.js'
import type { MeasuredTest } from './tests-document.js'

export interface PerTestSources {
  dirs: PerTestDirs
  /** Where the profiles are (the instrumented target directory). */
  targetDir: string
  llvm: LlvmPaths
  /** Directories of the instrumented executables and libraries. */
  objectDirs: string[]
  /** mc_per_test.py's output, when the Python tests ran. */
  contextsPath?: string
  scratchDir: string
}

export interface PerTestMeasurement {
  tests: MeasuredTest[]
  /** Distinct counter sets mapped to lines, and the contributions they came from. */
  counterSets: number
  contributions: number
  notes: string[]
}

/** The measurement and the commit it measured (tests.json records it). */
export interface PerTestResult extends PerTestMeasurement {
  commit: string | null
}

export async function measurePerTest(sources: PerTestSources): Promise<PerTestMeasurement> {
  const tests = new Map<string, MeasuredTest>()
  const notes: string[] = []
  const pytest = readPytestRecords(sources.dirs.pytest)
  for (const { path, reason } of pytest.unreadable) {
    notes.push(`${path}: ${reason}; the Rust lines of the tests in that process are not attributed`)
  }
  const contributions = [
    ...pytestContributions(pytest, sources.targetDir, tests, notes),
    ...rustContributions(sources, tests)
  ]
  const mapped = await linesOfContributions(contributions, {
    llvm: sources.llvm,
    objectDirs: sources.objectDirs,
    scratchDir: sources.scratchDir
  })
  notes.push(...mapped.notes)
  for (const [id, lines] of mapped.byTest) {
    const test = tests.get(id)
    if (test) mergeLineSets(test.lines, lines)
  }
  if (sources.contextsPath) {
    addPythonContexts(sources.contextsPath, tests)
    if (pytest.tests.length === 0) {
      notes.push(
        'no pytest process recorded its tests: the Rust lines the Python tests reach are not attributed (the per-test plugin runs in pytest)'
      )
    }
  }
  return {
    tests: [...tests.values()],
    counterSets: mapped.distinct,
    contributions: contributions.length,
    notes
  }
}

function newTest(id: string, kind: MeasuredTest['kind'], context?: string): MeasuredTest {
  return { id, kind, ...(context ? { context } : {}), lines: new Map(), arcs: new Map() }
}

/** The pytest process's counter differences, and the whole profiles of each test's subprocesses. */
function pytestContributions(
  pytest: PytestRecords,
  targetDir: string,
  tests: Map<string, MeasuredTest>,
  notes: string[]
): Contribution[] {
  const tagged = taggedProfiles(targetDir).pytest
  const contributions: Contribution[] = []
  for (const record of pytest.tests) {
    if (!tests.has(record.nodeid)) {
      tests.set(record.nodeid, newTest(record.nodeid, 'pytest', record.context ?? undefined))
    }
    for (const [profile, counters] of record.profiles) {
      contributions.push({ test: record.nodeid, profile, counters })
    }
    for (const profile of tagged.get(record.tag) ?? []) {
      contributions.push({ test: record.nodeid, profile, counters: 'all' })
    }
    tagged.delete(record.tag)
  }
  for (const [tag, profiles] of tagged) {
    notes.push(
      `${profiles.length} profile(s) of subprocesses of test ${tag} with no record of that test (did its pytest process end early?): not attributed`
    )
  }
  return contributions
}

/** Each Rust test process's profiles (its own, and those of the processes it started). */
function rustContributions(
  sources: PerTestSources,
  tests: Map<string, MeasuredTest>
): Contribution[] {
  const tagged = taggedProfiles(sources.targetDir).rust
  const contributions: Contribution[] = []
  for (const run of readRustRuns(sources.dirs.rustRuns)) {
    const identity = rustTestOf(run)
    if (!identity) continue
    if (!tests.has(identity.id)) tests.set(identity.id, newTest(identity.id, identity.kind))
    for (const profile of tagged.get(run.id) ?? []) {
      contributions.push({
        test: identity.id,
        profile,
        counters: 'all',
        executable: identity.executable
      })
    }
  }
  return contributions
}

/**
 * coverage.py's contexts joined to the pytest tests whose test function they name (the
 * parametrized cases of one function share its context); a context no pytest test names
 * (another test runner) becomes a test of its own.
 */
function addPythonContexts(path: string, tests: Map<string, MeasuredTest>): void {
  const byContext = new Map<string, MeasuredTest[]>()
  for (const test of tests.values()) {
    if (test.context) byContext.set(test.context, [...(byContext.get(test.context) ?? []), test])
  }
  for (const [name, coverage] of readContexts(path)) {
    let owners = byContext.get(name)
    if (!owners) {
      const test = newTest(name, 'python', name)
      tests.set(`python:${name}`, test)
      owners = [test]
    }
    for (const owner of owners) {
      mergeLineSets(owner.lines, coverage.lines)
      for (const [file, arcs] of coverage.arcs) {
        owner.arcs.set(file, [...(owner.arcs.get(file) ?? []), ...arcs])
      }
    }
  }
}
