/**
 * tests.json from measured tests and a merged report (the engine's own readers and path
 * normalisation), read back, and the tests of a change.
 */
import { describe, expect, it } from '@jest/globals'
import {
  mergeReports,
  normalizePaths,
  parseCoveragePyJson,
  parseLcov
} from '../../../src/coverage/index.js'
import { decodeTests, testsOfChange } from '../../../src/per-test/changed-tests.js'
import {
  formatRanges,
  parseRanges,
  testsDocument,
  type MeasuredTest
} from '../../../src/per-test/tests-document.js'
import { serializeTests } from '../../../src/per-test/write.js'

const ROOT = '/repo'
const lcov = [
  'SF:/repo/core/src/lib.rs',
  ...[4, 5, 6, 9, 10].map((line) => `DA:${line},${line === 10 ? 0 : 3}`),
  'end_of_record',
  ''
].join('\n')
const coveragePy = JSON.stringify({
  meta: { version: '7.17.3', branch_coverage: true, show_contexts: false },
  files: {
    'pkg/api.py': {
      executed_lines: [1, 2, 3, 5],
      missing_lines: [4],
      excluded_lines: [],
      executed_branches: [[2, 3]],
      missing_branches: [[2, 4]]
    }
  }
})

function report() {
  const rust = parseLcov(Buffer.from(lcov), 'rust.lcov')
  const python = parseCoveragePyJson(Buffer.from(coveragePy), 'python.json')
  return normalizePaths(mergeReports([rust, python]), {
    root: ROOT,
    sourceRoots: [ROOT],
    includeOutside: false
  })
}

const measured: MeasuredTest[] = [
  {
    id: 'rust-core tests::a',
    kind: 'rust-test',
    // Line 7 is not coverable (a comment) and a registry file is not in the report.
    lines: new Map([
      ['/repo/core/src/lib.rs', new Set([4, 5, 7])],
      ['/home/.cargo/registry/x.rs', new Set([1])]
    ]),
    arcs: new Map()
  },
  {
    id: 'tests/test_api.py::test_b',
    kind: 'pytest',
    context: 'test_api.test_b',
    lines: new Map([
      ['/repo/pkg/api.py', new Set([2, 3])],
      ['/repo/core/src/lib.rs', new Set([4, 5, 6, 9])]
    ]),
    // [1, 2] is an arc, not a branch; [2, 3] is a branch.
    arcs: new Map([
      [
        '/repo/pkg/api.py',
        [
          [1, 2],
          [2, 3],
          [2, 3]
        ]
      ]
    ])
  },
  { id: 'tests/test_api.py::test_nothing', kind: 'pytest', lines: new Map(), arcs: new Map() }
]

describe('ranges', () => {
  it('writes and reads lines as ascending ranges', () => {
    expect(formatRanges([9, 4, 5, 6, 12, 5])).toBe('4-6,9,12')
    expect(parseRanges('4-6,9,12')).toEqual([4, 5, 6, 9, 12])
    expect(parseRanges('')).toEqual([])
    expect(() => parseRanges('6-4')).toThrow(/ends before it starts/)
    expect(() => parseRanges('4;5')).toThrow(/not a line or a range/)
  })
})

describe('testsDocument', () => {
  const document = testsDocument(measured, report(), { workspace: ROOT, commit: 'abc123' })

  it('keeps each test’s coverable lines and Python branches, pytest tests first', () => {
    expect(document).toEqual({
      format: 'mixed-coverage-tests',
      version: 1,
      commit: 'abc123',
      files: ['core/src/lib.rs', 'pkg/api.py'],
      coverable: ['4-6,9-10', '1-5'],
      covered: ['4-6,9', '1-3,5'],
      tests: [
        {
          id: 'tests/test_api.py::test_b',
          kind: 'pytest',
          context: 'test_api.test_b',
          lines: { '0': '4-6,9', '1': '2-3' },
          branches: { '1': [[2, 3]] }
        },
        { id: 'tests/test_api.py::test_nothing', kind: 'pytest', lines: {} },
        { id: 'rust-core tests::a', kind: 'rust-test', lines: { '0': '4-5' } }
      ]
    })
  })

  it('is written one test per line and reads back as written', () => {
    const text = serializeTests(document)
    expect(text.split('\n').filter((line) => line.startsWith('{"id"'))).toHaveLength(3)
    expect(JSON.parse(text)).toEqual(document)
  })

  it('names the tests that run changed lines, and the changed lines no test runs', () => {
    const tests = decodeTests(JSON.parse(serializeTests(document)))
    const changed = new Map([
      ['core/src/lib.rs', new Set([5, 7, 9, 10])],
      ['pkg/api.py', new Set([1, 3])],
      ['README.md', new Set([1])]
    ])
    expect(testsOfChange(tests, changed)).toEqual({
      changedLines: 5,
      testedLines: 3,
      tests: [
        {
          id: 'tests/test_api.py::test_b',
          kind: 'pytest',
          lines: new Map([
            ['core/src/lib.rs', [5, 9]],
            ['pkg/api.py', [3]]
          ]),
          count: 3
        },
        {
          id: 'rust-core tests::a',
          kind: 'rust-test',
          lines: new Map([['core/src/lib.rs', [5]]]),
          count: 1
        }
      ],
      untested: [
        { path: 'core/src/lib.rs', outsideTests: [], notRun: [10] },
        { path: 'pkg/api.py', outsideTests: [1], notRun: [] }
      ]
    })
  })

  it('refuses what is not a tests document', () => {
    expect(() => decodeTests({ format: 'mixed-coverage-tests', version: 2 })).toThrow(
      /not a mixed-coverage-tests document of version 1/
    )
    const bad = { ...document, tests: [{ id: 'x', kind: 'pytest', lines: { '7': '1' } }] }
    expect(() => decodeTests(bad)).toThrow(/test x names file 7, which is not listed/)
  })
})
