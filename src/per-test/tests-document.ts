/**
 * tests.json: which tests ran which lines, against the coverable lines of the merged report.
 * Pure: the tests as measured (absolute paths) and the merged report in, the document out.
 *
 *   {
 *     "format": "mixed-coverage-tests", "version": 1,
 *     "commit": "<sha measured>" | null,
 *     "files":     ["core/src/lib.rs", …],          repository-relative, as in the other reports
 *     "coverable": ["4-10,13-21", …],               per file (same index): the lines the
 *                                                   reports count, as ranges
 *     "covered":   ["4-10,13-21", …],               per file: the lines the whole run ran
 *     "tests": [{
 *       "id": "tests/test_api.py::test_describe",   pytest node id; `<binary> <test>` or
 *                                                   `<binary>` for Rust; a context name
 *       "kind": "pytest" | "python" | "rust-test" | "rust-binary",
 *       "context": "test_api.test_describe",        coverage.py's context (Python tests)
 *       "lines": {"0": "4-10", "2": "10-11,13"},    file index → lines the test ran
 *       "branches": {"2": [[11, 13]]}               file index → Python branch arcs taken
 *     }]
 *   }
 *
 * A test's lines are always coverable lines of the merged report (exclusions applied): lines a
 * test ran that the reports do not count are left out. Ranges: `a-b` or `a`, comma-separated,
 * ascending.
 */
import type { CoverageReport } from '../coverage/index.js'
import { toPosixPath } from '../coverage/index.js'
import type { LineSets } from './counter-lines.js'
import type { Arc } from './python-contexts.js'

export const TESTS_FORMAT = 'mixed-coverage-tests'
export const TESTS_VERSION = 1
export const TESTS_FILE_NAME = 'tests.json'

export type TestKind = 'pytest' | 'python' | 'rust-test' | 'rust-binary'

/** One test as measured: absolute source paths. */
export interface MeasuredTest {
  id: string
  kind: TestKind
  context?: string
  lines: LineSets
  arcs: Map<string, Arc[]>
}

export interface TestEntry {
  id: string
  kind: TestKind
  context?: string
  lines: Record<string, string>
  branches?: Record<string, Array<[number, number]>>
}

export interface TestsDocument {
  format: typeof TESTS_FORMAT
  version: typeof TESTS_VERSION
  commit: string | null
  files: string[]
  coverable: string[]
  covered: string[]
  tests: TestEntry[]
}

const KIND_ORDER: Record<TestKind, number> = {
  pytest: 0,
  python: 1,
  'rust-test': 2,
  'rust-binary': 3
}

/** `[4,5,6,9]` → `4-6,9` */
export function formatRanges(lines: Iterable<number>): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b)
  const parts: string[] = []
  for (let i = 0; i < sorted.length;) {
    let j = i
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] as number) + 1) j++
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`)
    i = j + 1
  }
  return parts.join(',')
}

/** `4-6,9` → `[4,5,6,9]`; throws on anything else. */
export function parseRanges(text: string): number[] {
  if (text === '') return []
  const lines: number[] = []
  for (const part of text.split(',')) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part)
    if (!match) throw new Error(`'${part}' is not a line or a range of lines`)
    const [start, end] = [Number(match[1]), Number(match[2] ?? match[1])]
    if (end < start) throw new Error(`'${part}' ends before it starts`)
    for (let line = start; line <= end; line++) lines.push(line)
  }
  return lines
}

/** The report's key of an absolute source path: repository-relative inside the workspace. */
export function reportPath(workspace: string, absolute: string): string {
  const root = toPosixPath(workspace).replace(/\/$/, '')
  const path = toPosixPath(absolute)
  return path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path
}

export function testsDocument(
  measured: readonly MeasuredTest[],
  report: CoverageReport,
  options: { workspace: string; commit: string | null }
): TestsDocument {
  const files = [...report.files.keys()].sort()
  const index = new Map(files.map((path, at) => [path, at]))
  const coverable = files.map((path) => new Set(report.files.get(path)?.lineNumbers ?? []))
  const branchArcs = files.map((path) => branchArcsOf(report, path))
  const tests = measured.map((test) => {
    const entry: TestEntry = {
      id: test.id,
      kind: test.kind,
      ...(test.context !== undefined ? { context: test.context } : {}),
      lines: {}
    }
    for (const [absolute, ran] of test.lines) {
      const at = index.get(reportPath(options.workspace, absolute))
      if (at === undefined) continue
      const counted = [...ran].filter((line) => coverable[at]?.has(line))
      if (counted.length) entry.lines[String(at)] = formatRanges(counted)
    }
    const branches = testBranches(test, index, branchArcs, options.workspace)
    if (Object.keys(branches).length) entry.branches = branches
    return entry
  })
  tests.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compare(a.id, b.id))
  return {
    format: TESTS_FORMAT,
    version: TESTS_VERSION,
    commit: options.commit,
    files,
    coverable: files.map((path) => formatRanges(report.files.get(path)?.lineNumbers ?? [])),
    covered: files.map((path) => formatRanges(coveredLines(report, path))),
    tests
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function coveredLines(report: CoverageReport, path: string): number[] {
  const file = report.files.get(path)
  if (!file) return []
  return [...file.lineNumbers].filter((_, at) => (file.lineHits[at] as number) > 0)
}

/** coverage.py's branch outcomes of a file as `from:to` (block 0, id = destination). */
function branchArcsOf(report: CoverageReport, path: string): Set<string> {
  const file = report.files.get(path)
  const arcs = new Set<string>()
  if (!file || file.branchSource !== 'coveragepy-json') return arcs
  file.branches.lines.forEach((line, at) => arcs.add(`${line}:${file.branches.ids[at]}`))
  return arcs
}

function testBranches(
  test: MeasuredTest,
  index: ReadonlyMap<string, number>,
  branchArcs: readonly Set<string>[],
  workspace: string
): Record<string, Array<[number, number]>> {
  const branches: Record<string, Array<[number, number]>> = {}
  for (const [absolute, arcs] of test.arcs) {
    const at = index.get(reportPath(workspace, absolute))
    if (at === undefined) continue
    const known = branchArcs[at] as Set<string>
    const taken = [...new Set(arcs.map(([from, to]) => `${from}:${to}`))]
      .filter((arc) => known.has(arc))
      .map((arc) => arc.split(':').map(Number) as [number, number])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    if (taken.length) branches[String(at)] = taken
  }
  return branches
}
