/** The step summary's per-test section: the tests of the changed lines, bounded. */
import { describe, expect, it } from '@jest/globals'
import type { ChangedTests } from '../../../src/per-test/changed-tests.js'
import { changedTestsSection, TEST_ROWS } from '../../../src/publish/summary-tests.js'

const changed: ChangedTests = {
  changedLines: 9,
  testedLines: 6,
  tests: [
    {
      id: 'tests/test_api.py::test_describe[<b>]',
      kind: 'pytest',
      lines: new Map([
        ['core/src/lib.rs', [4, 5, 6, 9]],
        ['python/pkg/__init__.py', [10]]
      ]),
      count: 5
    },
    {
      id: 'demo-core tests::a',
      kind: 'rust-test',
      lines: new Map([['core/src/lib.rs', [4]]]),
      count: 1
    }
  ],
  untested: [
    { path: 'core/src/lib.rs', outsideTests: [], notRun: [29, 30, 31] },
    { path: 'python/pkg/__init__.py', outsideTests: [8], notRun: [] }
  ]
}

describe('changedTestsSection', () => {
  // Names and paths are escaped as everywhere in the summary (Markdown characters too).
  it('lists the tests of the changed lines and the changed lines no test runs', () => {
    const blocks = [
      "<p>6 of 9 changed coverable lines are run by 2 tests; 3 by no test. Every test's lines: <code>coverage/tests.json</code>.</p>",
      [
        '<table>',
        '<tr><th>Test</th><th>Changed lines it runs</th><th>Where</th></tr>',
        '<tr><td><code>tests/test&#95;api.py&#58;&#58;test&#95;describe&#91;&#60;b&#62;&#93;</code></td><td>5</td><td>core/src/lib.rs 4–6, 9<br>python/pkg/&#95;&#95;init&#95;&#95;.py 10</td></tr>',
        '<tr><td><code>demo-core tests&#58;&#58;a</code></td><td>1</td><td>core/src/lib.rs 4</td></tr>',
        '</table>'
      ].join('\n'),
      '<p>Changed lines no test runs:</p>',
      [
        '<table>',
        '<tr><th>File</th><th>Not run at all</th><th>Run, but outside any test</th></tr>',
        '<tr><td>core/src/lib.rs</td><td>29–31</td><td>—</td></tr>',
        '<tr><td>python/pkg/&#95;&#95;init&#95;&#95;.py</td><td>—</td><td>8</td></tr>',
        '</table>'
      ].join('\n')
    ]
    expect(changedTestsSection(changed, 'coverage/tests.json')).toBe(blocks.join('\n\n'))
  })

  it('says nothing without changed coverable lines', () => {
    expect(changedTestsSection(undefined, 'coverage/tests.json')).toBe('')
    expect(changedTestsSection({ ...changed, changedLines: 0 }, 'x')).toBe('')
  })

  it('shows at most TEST_ROWS tests and counts the rest', () => {
    const many = Array.from({ length: TEST_ROWS + 3 }, (_, n) => ({
      id: `t${n}`,
      kind: 'pytest' as const,
      lines: new Map([['a.py', [1]]]),
      count: 1
    }))
    const html = changedTestsSection({ ...changed, tests: many }, 'tests.json')
    expect(html.match(/<tr><td><code>/g)).toHaveLength(TEST_ROWS)
    expect(html).toContain('<p>…and 3 more tests.</p>')
  })
})
