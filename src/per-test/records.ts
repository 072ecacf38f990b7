/**
 * What the test processes wrote down: the pytest plugin's lines (one per test: its tag, node id,
 * coverage.py context and the counters that grew in each profile of the pytest process), the
 * Rust test runner's records (one per test process), and the profiles named after a test —
 * those of a pytest test's subprocesses (mct-<tag>-…) and of each Rust test process
 * (mcrt-<id>-…).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { CounterValue } from './profraw.js'

export interface PytestTest {
  tag: string
  nodeid: string
  /** The context coverage.py's test_function gives the test function; null when it has none. */
  context: string | null
  /** Profile of the pytest process → the counters that grew during the test. */
  profiles: Map<string, CounterValue[]>
}

export interface PytestRecords {
  tests: PytestTest[]
  /** Profiles the plugin could not read, and why. */
  unreadable: Array<{ path: string; reason: string }>
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir).sort()
  } catch {
    return []
  }
}

export function readPytestRecords(dir: string): PytestRecords {
  const records: PytestRecords = { tests: [], unreadable: [] }
  for (const name of listDir(dir).filter((entry) => /^pytest-\d+\.jsonl$/.test(entry))) {
    const text = readFileSync(join(dir, name), 'utf8')
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue
      let parsed: Record<string, unknown>
      try {
        parsed = JSON.parse(line) as Record<string, unknown>
      } catch {
        continue // a line cut off by a process that died while writing it
      }
      if (typeof parsed.unreadable === 'string') {
        records.unreadable.push({ path: parsed.unreadable, reason: String(parsed.reason) })
      } else if (typeof parsed.tag === 'string' && typeof parsed.nodeid === 'string') {
        records.tests.push(pytestTest(parsed))
      }
    }
  }
  return records
}

function pytestTest(parsed: Record<string, unknown>): PytestTest {
  const profiles = new Map<string, CounterValue[]>()
  const given = (parsed.profiles ?? {}) as Record<string, Array<[number, number]>>
  for (const [path, pairs] of Object.entries(given)) {
    profiles.set(
      path,
      pairs.map(([index, value]) => [index, value] as const)
    )
  }
  return {
    tag: parsed.tag as string,
    nodeid: parsed.nodeid as string,
    context: typeof parsed.context === 'string' ? parsed.context : null,
    profiles
  }
}

export interface RustRun {
  id: string
  /** NEXTEST_BINARY_ID, when nextest ran the process. */
  binaryId: string | undefined
  argv: string[]
}

export function readRustRuns(dir: string): RustRun[] {
  const runs: RustRun[] = []
  for (const name of listDir(dir).filter((entry) => entry.startsWith('run.'))) {
    const fields = readFileSync(join(dir, name), 'utf8').split('\0')
    // NUL-terminated fields: the last split piece is the empty rest after the final NUL.
    if (fields.length < 3 || fields.pop() !== '') continue
    const [binaryId, ...argv] = fields as [string, ...string[]]
    runs.push({ id: name.slice('run.'.length), binaryId: binaryId || undefined, argv })
  }
  return runs
}

export interface RustTestIdentity {
  /** `<binary> <test>` (one test per process), or `<binary>` (all its tests in one process). */
  id: string
  kind: 'rust-test' | 'rust-binary'
  executable: string
}

/** cargo's file names end with the crate's metadata hash. */
const METADATA_HASH = /-[0-9a-f]{16}$/

/** What a Rust test process ran; undefined for a listing (`--list`), which runs no test. */
export function rustTestOf(run: RustRun): RustTestIdentity | undefined {
  const [executable, ...args] = run.argv
  if (executable === undefined || args.includes('--list')) return undefined
  const binary = run.binaryId ?? basename(executable).replace(METADATA_HASH, '')
  const name = args.includes('--exact') ? args.find((arg) => !arg.startsWith('-')) : undefined
  return name
    ? { id: `${binary} ${name}`, kind: 'rust-test', executable }
    : { id: binary, kind: 'rust-binary', executable }
}

export interface TaggedProfiles {
  /** pytest test tag → profiles of the processes the test started. */
  pytest: Map<string, string[]>
  /** Rust run id → profiles of the process (and the processes it started). */
  rust: Map<string, string[]>
}

const PYTEST_TAGGED = /^mct-(\d+-\d+)-.*\.profraw$/
const RUST_TAGGED = /^mcrt-([A-Za-z0-9]+)-.*\.profraw$/

export function taggedProfiles(targetDir: string): TaggedProfiles {
  const found: TaggedProfiles = { pytest: new Map(), rust: new Map() }
  for (const name of listDir(targetDir)) {
    const pytest = PYTEST_TAGGED.exec(name)
    const rust = RUST_TAGGED.exec(name)
    const [table, tag] = pytest ? [found.pytest, pytest[1]] : rust ? [found.rust, rust[1]] : []
    if (!table || tag === undefined) continue
    table.set(tag, [...(table.get(tag) ?? []), join(targetDir, name)])
  }
  return found
}
