/**
 * Which tests run the changed lines (the step summary, `cli.js tests-for`). Pure: a tests.json
 * document and the changed lines in, the tests that run them and the changed lines no test
 * runs out. Only coverable lines count: a changed comment is run by nothing and needs no test.
 */
import type { ChangedLines } from '../publish/diff.js'
import {
  parseRanges,
  TESTS_FORMAT,
  TESTS_VERSION,
  type TestKind,
  type TestsDocument
} from './tests-document.js'

export interface DecodedTests {
  commit: string | null
  files: Map<string, { coverable: Set<number>; covered: Set<number> }>
  tests: Array<{ id: string; kind: TestKind; lines: Map<string, Set<number>> }>
}

/** A tests.json document read back; throws naming what is wrong. */
export function decodeTests(value: unknown): DecodedTests {
  const document = value as Partial<TestsDocument>
  if (document?.format !== TESTS_FORMAT || document.version !== TESTS_VERSION) {
    throw new Error(`not a ${TESTS_FORMAT} document of version ${TESTS_VERSION}`)
  }
  const { files = [], coverable = [], covered = [], tests = [] } = document
  const decoded: DecodedTests = { commit: document.commit ?? null, files: new Map(), tests: [] }
  files.forEach((path, at) => {
    decoded.files.set(path, {
      coverable: new Set(parseRanges(coverable[at] ?? '')),
      covered: new Set(parseRanges(covered[at] ?? ''))
    })
  })
  for (const test of tests) {
    const lines = new Map<string, Set<number>>()
    for (const [at, ranges] of Object.entries(test.lines ?? {})) {
      const path = files[Number(at)]
      if (path === undefined)
        throw new Error(`test ${test.id} names file ${at}, which is not listed`)
      lines.set(path, new Set(parseRanges(ranges)))
    }
    decoded.tests.push({ id: test.id, kind: test.kind, lines })
  }
  return decoded
}

export interface TestOfChange {
  id: string
  kind: TestKind
  /** Changed lines the test runs, per file, ascending. */
  lines: Map<string, number[]>
  count: number
}

export interface UntestedChange {
  path: string
  /** Changed lines the run ran, but outside every test (imports, collection, fixtures). */
  outsideTests: number[]
  /** Changed lines nothing ran. */
  notRun: number[]
}

export interface ChangedTests {
  /** Changed lines that are coverable. */
  changedLines: number
  /** Of those, the lines some test runs. */
  testedLines: number
  /** Most changed lines first, then kind and id. */
  tests: TestOfChange[]
  untested: UntestedChange[]
}

export function testsOfChange(tests: DecodedTests, changed: ChangedLines): ChangedTests {
  const result: ChangedTests = { changedLines: 0, testedLines: 0, tests: [], untested: [] }
  const tested = new Map<string, Set<number>>()
  for (const test of tests.tests) {
    const lines = new Map<string, number[]>()
    let count = 0
    for (const [path, changedSet] of changed) {
      const ran = [...(test.lines.get(path) ?? [])].filter((line) => changedSet.has(line))
      if (ran.length === 0) continue
      lines.set(
        path,
        ran.sort((a, b) => a - b)
      )
      count += ran.length
      const known = tested.get(path) ?? new Set<number>()
      for (const line of ran) known.add(line)
      tested.set(path, known)
    }
    if (count > 0) result.tests.push({ id: test.id, kind: test.kind, lines, count })
  }
  for (const [path, changedSet] of [...changed].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const file = tests.files.get(path)
    if (!file) continue
    const coverable = [...changedSet]
      .filter((line) => file.coverable.has(line))
      .sort((a, b) => a - b)
    const untested = coverable.filter((line) => !tested.get(path)?.has(line))
    result.changedLines += coverable.length
    result.testedLines += coverable.length - untested.length
    if (untested.length === 0) continue
    result.untested.push({
      path,
      outsideTests: untested.filter((line) => file.covered.has(line)),
      notRun: untested.filter((line) => !file.covered.has(line))
    })
  }
  result.tests.sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return result
}
