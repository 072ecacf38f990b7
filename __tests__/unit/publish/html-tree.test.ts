import { describe, expect, it } from '@jest/globals'
import { escapeSourceLine } from '../../../src/publish/escape.js'
import { figuresOf } from '../../../src/publish/figures.js'
import {
  listingTable,
  ratioKey,
  rowSortKeys,
  totalsTable
} from '../../../src/publish/html/listing.js'
import {
  allDirectories,
  buildTree,
  OUTSIDE_NAME,
  pageName,
  pathSegments,
  type TreeDirectory
} from '../../../src/publish/html/tree.js'
import { reportOf, span } from '../../fixtures/publish/model.js'

const SAFE_PAGE = /^(dirs|files)\/\d+(-[A-Za-z0-9_-][A-Za-z0-9._-]*)?\.html$/

const HOSTILE = [
  'src/<script>window.pwned=1</script>.py',
  'src/a&amp;b.rs',
  `src/quo"te's.py`,
  'src/::error::boom.py',
  'src/[link](javascript:alert(1)).py',
  `src/${'long_'.repeat(80)}name.rs`
]

function names(directory: TreeDirectory) {
  return {
    directories: directory.directories.map((sub) => sub.name),
    files: directory.files.map((file) => file.name)
  }
}

describe('escapeSourceLine', () => {
  it('escapes what HTML acts on and keeps code readable: tabs, quotes, Markdown', () => {
    expect(escapeSourceLine('\tif a < b && c > "d" { x_y(*z) }')).toBe(
      '\tif a &lt; b &amp;&amp; c &gt; "d" { x_y(*z) }'
    )
  })

  it('shows bidi overrides and other controls instead of obeying them', () => {
    expect(escapeSourceLine('let s = "\u202Eevil\u2066";\r\u0000')).toBe(
      'let s = "\\u{202e}evil\\u{2066}";\\r\\u{0}'
    )
  })
})

describe('buildTree', () => {
  const report = reportOf({
    'examples/demo/core/src/lib.rs': { lines: { 1: 1, 2: 0 } },
    'examples/demo/ext/src/lib.rs': {
      lines: { 1: 1, 2: 1, 3: 0 },
      branches: [
        [2, 1],
        [2, 0]
      ]
    },
    'examples/demo/python/pkg/__init__.py': { lines: span(1, 4, 1) },
    'setup.py': { lines: { 1: 0 } },
    '/usr/lib/python3/site.py': { lines: { 5: 1 }, outsideWorkspace: true }
  })
  const root = buildTree(figuresOf(report).files)

  it('makes one node per folder, a chain of single folders one entry, outside files apart', () => {
    expect(names(root)).toEqual({
      directories: [OUTSIDE_NAME, 'examples/demo'],
      files: ['setup.py']
    })
    const demo = root.directories[1] as TreeDirectory
    expect(demo.path).toBe('examples/demo')
    expect(names(demo)).toEqual({ directories: ['core/src', 'ext/src', 'python/pkg'], files: [] })
    const outside = root.directories[0] as TreeDirectory
    expect(names(outside)).toEqual({ directories: ['/usr/lib/python3'], files: [] })
    expect(outside.directories[0]?.path).toBe('/usr/lib/python3')
  })

  it('sums every folder from its files, per language too', () => {
    const demo = root.directories[1] as TreeDirectory
    expect(demo.totals).toEqual({
      lines: { found: 9, hit: 7 },
      branches: { found: 2, hit: 1 },
      functions: { found: 0, hit: 0 }
    })
    expect(demo.fileCounts).toEqual({ rust: 2, python: 1, other: 0 })
    expect(root.totals.lines).toEqual({ found: 11, hit: 8 })
    expect(root.fileCounts).toEqual({ rust: 2, python: 3, other: 0 })
  })

  it('lists every directory once, parents first, each with its own generated page', () => {
    const all = [...allDirectories(root)]
    expect(all[0]).toBe(root)
    expect(root.page).toBe('index.html')
    const pages = all.slice(1).map((directory) => directory.page)
    expect(new Set(pages).size).toBe(pages.length)
    for (const page of pages) expect(page).toMatch(SAFE_PAGE)
  })

  it('gives hostile paths safe, unique page names and keeps their names as they are', () => {
    const hostile = buildTree(
      figuresOf(
        reportOf(
          Object.fromEntries(
            [...HOSTILE, '../../etc/passwd.py', 'a//b/./c.rs', '.hidden.py', 'C:\\x\\y.rs'].map(
              (path) => [path, { lines: { 1: 1 } }]
            )
          )
        )
      ).files
    )
    const files = [...allDirectories(hostile)].flatMap((directory) => directory.files)
    expect(files).toHaveLength(HOSTILE.length + 4)
    for (const file of files) expect(file.page).toMatch(SAFE_PAGE)
    expect(new Set(files.map((file) => file.page)).size).toBe(files.length)
    expect(files.map((file) => file.name)).toEqual(
      // A '/' in a name is a folder: `<script>…</script>.py` is the folder `<script>…<`.
      expect.arrayContaining(['script>.py', `quo"te's.py`, 'passwd.py', '::error::boom.py'])
    )
  })
})

describe('pageName and pathSegments', () => {
  it('keeps a readable, bounded slug that never starts with a dot', () => {
    expect(pageName('files', 3, 'lib.rs')).toBe('files/3-lib.rs.html')
    expect(pageName('files', 4, '..')).toBe('files/4.html')
    expect(pageName('dirs', 5, '.github')).toBe('dirs/5-github.html')
    expect(pageName('files', 6, '<a href="x">.py')).toBe('files/6-_a_href__x__.py.html')
    expect(pageName('files', 7, 'é'.repeat(100))).toBe(`files/7-${'_'.repeat(40)}.html`)
  })

  it('drops empty segments', () => {
    expect(pathSegments('/usr//lib/x.py')).toEqual(['usr', 'lib', 'x.py'])
  })
})

describe('sorting data', () => {
  it('sorts by exact ratios, with -1 for no data, and by the count of missed lines', () => {
    expect(ratioKey({ found: 0, hit: 0 })).toBe(-1)
    expect(ratioKey({ found: 3, hit: 1 })).toBe(1 / 3)
    expect(
      rowSortKeys({
        lines: { found: 10, hit: 7 },
        branches: { found: 0, hit: 0 },
        functions: { found: 4, hit: 4 }
      })
    ).toEqual({ lines: 0.7, missed: 3, branches: -1, functions: 1 })
  })

  it('writes the sort values into the listing, folders and files in separate bodies', () => {
    const report = reportOf({
      'src/a.rs': { lines: { 1: 1, 2: 0, 3: 0 } },
      'src/sub/b.py': { lines: { 1: 1 } },
      'src/sub/c.py': { lines: { 1: 0 } }
    })
    const root = buildTree(figuresOf(report).files)
    const src = root.directories[0] as TreeDirectory
    const html = listingTable(src, src.page)
    const bodies = html.split('<tbody>').slice(1)
    expect(bodies).toHaveLength(2)
    expect(bodies[0]).toContain('>sub/</a>')
    expect(bodies[0]).toContain('data-sort="0.5" data-hit="1" data-found="2"')
    expect(bodies[1]).toContain('>a.rs</a>')
    expect(bodies[1]).toContain(`data-sort="${1 / 3}" data-hit="1" data-found="3"`)
    expect(bodies[1]).toContain('<td class="num" data-sort="2">2</td>')
    // Relative links between pages one folder deep.
    expect(html).toMatch(/href="\.\.\/dirs\/\d+-sub\.html"/)
    expect(html).toMatch(/href="\.\.\/files\/\d+-a\.rs\.html"/)
  })

  it('escapes every name in a listing', () => {
    const report = reportOf(Object.fromEntries(HOSTILE.map((path) => [path, { lines: { 1: 1 } }])))
    const src = buildTree(figuresOf(report).files).directories[0] as TreeDirectory
    const html = listingTable(src, src.page)
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('::error::')
    expect(html).not.toContain(`quo"te`)
    expect(html).toContain('>&#60;script&#62;window.pwned&#61;1&#60;/</a>')
    expect(html).toContain('a&#38;amp;b.rs')
  })
})

describe('totalsTable', () => {
  it('shows each language and the total with exact counts, Other only when there is some', () => {
    const figures = figuresOf(
      reportOf({
        'a.rs': { lines: { 1: 1, 2: 0, 3: 1 }, functions: [['f', 1, 1]] },
        'b.py': { lines: { 1: 0 } }
      })
    )
    const html = totalsTable(figures)
    expect(html.match(/data-totals="(\w+)"/g)).toEqual([
      'data-totals="rust"',
      'data-totals="python"',
      'data-totals="total"'
    ])
    expect(html).toContain(
      '<tr data-totals="rust"><th scope="row">Rust</th><td class="num" data-sort="0.6666666666666666" data-hit="2" data-found="3"><span class="bar"><span class="w66"></span></span>66.67% <span class="muted">(2/3)</span></td>'
    )
    expect(html).toContain(
      '<td class="num nodata" data-sort="-1" data-hit="0" data-found="0">—</td>'
    )
  })
})
