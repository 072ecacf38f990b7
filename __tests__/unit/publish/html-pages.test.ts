import { describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import type { FileCoverage } from '../../../src/coverage/index.js'
import { figuresOf } from '../../../src/publish/figures.js'
import { renderFilePage } from '../../../src/publish/html/file-page.js'
import { lineMarks, lineRuns, testSets } from '../../../src/publish/html/line-marks.js'
import { renderPage } from '../../../src/publish/html/page.js'
import { SORT_SCRIPT_HASH } from '../../../src/publish/html/sort-script.js'
import { writeHtmlReport } from '../../../src/publish/html/write.js'
import { fileOf, reportOf } from '../../fixtures/publish/model.js'

function pythonFile(contexts?: Map<number, string[]>): FileCoverage {
  const base = fileOf('pkg/mod.py', { lines: { 1: 1, 2: 1, 3: 0, 5: 1 } })
  // coverage.py arcs: from line 2 to 3 (not taken) and to 5 (taken); from 5 to the exit.
  return {
    ...base,
    branches: {
      lines: Uint32Array.from([2, 2, 5]),
      blocks: new Int32Array(3),
      ids: Int32Array.from([3, 5, -1]),
      labels: undefined,
      taken: Float64Array.from([0, 1, 0])
    },
    branchSource: 'coveragepy-json',
    contexts
  }
}

const figures = (file: FileCoverage) =>
  figuresOf({ files: new Map([[file.path, file]]), sourceRoots: [], notes: [] }).files[0]!

describe('lineMarks', () => {
  it('marks 0-hit lines missed, run lines with an untaken outcome partial, naming the outcome', () => {
    const marks = lineMarks(pythonFile())
    expect(Object.fromEntries([...marks].map(([line, mark]) => [line, mark.status]))).toEqual({
      1: 'covered',
      2: 'partial',
      3: 'missed',
      5: 'partial'
    })
    expect(marks.get(2)?.branches).toEqual({ found: 2, hit: 1, notTaken: ['→ 3'] })
    expect(marks.get(5)?.branches?.notTaken).toEqual(['→ exit'])
  })
})

describe('testSets and lineRuns', () => {
  it('names each distinct set of tests once; nothing without contexts', () => {
    expect(testSets(undefined)).toBeUndefined()
    expect(testSets(new Map())).toBeUndefined()
    const sets = testSets(
      new Map([
        [1, ['test_b', 'test_a']],
        [2, ['test_a', 'test_b']],
        [5, ['']]
      ])
    )
    expect(sets?.sets).toEqual([['test_a', 'test_b'], ['']])
    expect([...(sets?.byLine ?? [])]).toEqual([
      [1, 0],
      [2, 0],
      [5, 1]
    ])
  })

  it('groups consecutive lines', () => {
    expect(lineRuns([9, 4, 5, 6, 12, 12])).toEqual([
      [4, 6],
      [9, 9],
      [12, 12]
    ])
  })
})

describe('renderFilePage', () => {
  const source = { text: 'import os\nif os.sep:\n    x = "<b>&"\n\nprint(1)\n' }

  it('marks rows by status and change, escapes the source, and has no script', () => {
    const file = pythonFile()
    const html = renderFilePage({
      page: 'files/1-mod.py.html',
      crumbs: [{ label: 'Coverage', page: 'index.html' }, { label: 'mod.py' }],
      figures: figures(file),
      file,
      source,
      changed: new Set([3, 4]),
      changeName: 'this pull request'
    })
    expect(html.match(/<tr id=L\d+[^>]*>/g)).toEqual([
      '<tr id=L1 class=hit>',
      '<tr id=L2 class=part>',
      '<tr id=L3 class="miss chg">',
      '<tr id=L4 class=chg>',
      '<tr id=L5 class=part>'
    ])
    expect(html).toContain(
      '<tr id=L3 class="miss chg">\n<td>3<td>0<span class=sr> not covered, changed</span>'
    )
    expect(html).toContain('<td>    x = "&lt;b&gt;&amp;"<tr')
    expect(html).toContain('<td>1/2 <span class="muted">not taken: → 3</span><td>')
    expect(html).toContain('<a href="#L3">line 3</a>')
    expect(html).toContain('<a href="#L3">lines 3–4</a>')
    expect(html).toContain('href="../style.css"')
    expect(html).not.toContain('<script')
    expect(html).toContain("script-src 'none'")
    expect(html).not.toContain('Tests')
  })

  it('lists the tests of each line when coverage.py recorded contexts', () => {
    const file = pythonFile(
      new Map([
        [1, ['tests/test_mod.py::test_a|run']],
        [2, ['tests/test_mod.py::test_a|run']],
        [5, ['', 'tests/test_mod.py::<b>|run']]
      ])
    )
    const html = renderFilePage({
      page: 'files/1-mod.py.html',
      crumbs: [],
      figures: figures(file),
      file,
      source
    })
    expect(html).toContain('<th scope="col">Tests</th>')
    expect(html).toContain('<td><a href="#t1">1 test</a><td>')
    expect(html).toContain('<td><a href="#t2">2 tests</a><td>')
    expect(html).toContain(
      '<li id="t2"><p>Line 5</p><ul><li><em>outside any test</em></li><li>tests/test&#95;mod.py&#58;&#58;&#60;b&#62;&#124;run</li></ul></li>'
    )
  })

  it('shows the instrumented lines and why when the source could not be read', () => {
    const file = pythonFile()
    const html = renderFilePage({
      page: 'files/1-mod.py.html',
      crumbs: [],
      figures: figures(file),
      file,
      source: { error: 'no such file in this checkout' }
    })
    expect(html).toContain(
      '<strong>The source could not be read</strong> (no such file in this checkout)'
    )
    expect(html.match(/<tr id=L(\d+)/g)).toEqual([
      '<tr id=L1',
      '<tr id=L2',
      '<tr id=L3',
      '<tr id=L5'
    ])
  })
})

describe('renderPage', () => {
  it('allows the sorting script by its hash on sortable pages only, and nothing from the network', () => {
    const sortable = renderPage({
      page: 'index.html',
      title: 't',
      crumbs: [],
      main: '',
      sortable: true
    })
    expect(sortable).toContain(`script-src ${SORT_SCRIPT_HASH};`)
    expect(sortable).toContain("default-src 'none'; style-src 'self'")
    expect(sortable.match(/<script>/g)).toHaveLength(1)
    expect(sortable).toContain('<a class="skip" href="#main">Skip to content</a>')
    expect(sortable).toContain('<link rel="stylesheet" href="style.css">')
  })
})

describe('writeHtmlReport', () => {
  function listFiles(dir: string): string[] {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
      .sort()
  }

  it('writes every page under html/, replacing an earlier report, tools under tools/', () => {
    const workspace = mkdtempSync(join(tmpdir(), 'mc-html-write-'))
    mkdirSync(join(workspace, 'src'))
    writeFileSync(join(workspace, 'src', 'lib.rs'), 'fn a() {}\nfn b() {}\n')
    const tool = join(workspace, 'llvm-cov-html')
    mkdirSync(tool)
    writeFileSync(join(tool, 'index.html'), '<html>tool</html>')
    const outputDir = join(workspace, 'coverage')
    mkdirSync(join(outputDir, 'html'), { recursive: true })
    writeFileSync(join(outputDir, 'html', 'stale.html'), 'from an earlier run')
    const report = reportOf({
      'src/lib.rs': { lines: { 1: 1, 2: 0 } },
      '../../escape/gone.py': { lines: { 1: 0 } }
    })
    const before = listFiles(workspace).filter((path) => !path.startsWith('coverage/'))
    const written = writeHtmlReport({
      outputDir,
      workspace,
      maxSourceBytes: 1 << 20,
      report,
      figures: figuresOf(report),
      notes: [],
      toolHtml: { rust: tool }
    })
    expect(written).toMatchObject({ dir: join(outputDir, 'html'), pages: 5, unreadableSources: 1 })
    expect(listFiles(workspace).filter((path) => !path.startsWith('coverage/'))).toEqual(before)
    expect(listFiles(outputDir)).toEqual([
      // '../../escape' is one folder entry, shown by that name; its page is named by a number.
      'html/dirs/1.html',
      'html/dirs/4-src.html',
      'html/files/1-gone.py.html',
      'html/files/2-lib.rs.html',
      'html/index.html',
      'html/style.css',
      'html/tools/rust/index.html'
    ])
    expect(readFileSync(join(outputDir, 'html', 'index.html'), 'utf8')).toContain(
      'href="tools/rust/index.html"'
    )
  })
})
