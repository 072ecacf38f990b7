import { describe, expect, it } from '@jest/globals'
import { reportNotes } from '../../../src/coverage/notes.js'
import { parseCobertura } from '../../../src/coverage/cobertura-reader.js'
import { parseCoveragePyJson } from '../../../src/coverage/coveragepy-json.js'
import { parseLcov } from '../../../src/coverage/lcov-reader.js'
import { fileLines } from '../../../src/coverage/model.js'
import { normalizePaths, toPosixPath } from '../../../src/coverage/paths.js'
import { readFixture } from './helpers/fixtures.js'

const lcov = (text: string) => parseLcov(new TextEncoder().encode(text), 'paths.info')
const record = (path: string, hits = 1) => `SF:${path}\nDA:1,${hits}\nend_of_record\n`

describe('toPosixPath', () => {
  it('turns Windows separators and drive letters into one POSIX spelling', () => {
    expect(toPosixPath('c:\\Users\\me\\repo\\src\\lib.rs')).toBe('C:/Users/me/repo/src/lib.rs')
    expect(toPosixPath('/a/./b//c/../d.py')).toBe('/a/b/d.py')
    expect(toPosixPath('src\\pkg\\mod.py')).toBe('src/pkg/mod.py')
    expect(toPosixPath('/../x')).toBe('/x')
  })
})

describe('normalizePaths', () => {
  it('makes paths inside the workspace relative and drops the others with a note', () => {
    const report = normalizePaths(
      lcov(
        record('/repo/src/lib.rs') + record('/usr/include/stdio.h') + record('/repository/x.rs')
      ),
      {
        root: '/repo',
        includeOutside: false
      }
    )
    expect([...report.files.keys()]).toEqual(['src/lib.rs'])
    expect(report.files.get('src/lib.rs')?.outsideWorkspace).toBe(false)
    expect(reportNotes(report).join('\n')).toMatch(
      /2 file\(s\) outside the workspace \/repo were left out: \/repository\/x\.rs, \/usr\/include\/stdio\.h/
    )
  })

  it('keeps outside files, absolute and marked, when asked', () => {
    const report = normalizePaths(lcov(record('/usr/include/stdio.h')), {
      root: '/repo',
      includeOutside: true
    })
    expect(report.files.get('/usr/include/stdio.h')?.outsideWorkspace).toBe(true)
    expect(report.files.get('/usr/include/stdio.h')?.language).toBe('other')
  })

  it('handles a Windows report on a Windows workspace (drive letter case, backslashes)', () => {
    const report = normalizePaths(
      parseLcov(readFixture('corpus', 'rust_zero2prod_windows.lcov.info'), 'w'),
      {
        root: 'c:\\users\\kaloyan\\desktop\\learning\\zero2prod',
        includeOutside: false
      }
    )
    expect([...report.files.keys()].sort()).toEqual([
      'src/configuration.rs',
      'src/main.rs',
      'src/routes/health_check.rs',
      'src/routes/subscriptions.rs',
      'src/startup.rs'
    ])
  })
})

describe('normalizePaths with Cobertura <source> roots', () => {
  it('resolves Cobertura file names against the <source> where the file exists', () => {
    const xml =
      '<coverage><sources><source>/ci/checkout</source><source>/ci/checkout/python</source></sources>' +
      '<packages><package><classes><class filename="demo/__init__.py"><lines><line number="1" hits="1"/></lines></class>' +
      '</classes></package></packages></coverage>'
    const report = parseCobertura(new TextEncoder().encode(xml), 'c.xml')
    const existing = new Set(['python/demo/__init__.py'])
    const normalized = normalizePaths(report, {
      root: '/ci/checkout',
      includeOutside: false,
      exists: (path) => existing.has(path)
    })
    expect([...normalized.files.keys()]).toEqual(['python/demo/__init__.py'])
    const blind = normalizePaths(report, { root: '/ci/checkout', includeOutside: false })
    expect([...blind.files.keys()]).toEqual(['demo/__init__.py'])
  })

  it('reads a foreign <source> (another machine) relative to the workspace', () => {
    const report = normalizePaths(
      parseCobertura(readFixture('corpus', 'py_tuesday_branch.coverage.xml'), 't'),
      {
        root: '/home/runner/work/tuesday',
        includeOutside: false
      }
    )
    expect([...report.files.keys()]).toContain('src/tuesday/__init__.py')
  })
})

describe('normalizePaths for installed Python packages', () => {
  it('maps installed copies in site-packages back to the source tree when the file exists', () => {
    const report = lcov(
      record('/home/u/.venv/lib/python3.12/site-packages/demo/core.py', 2) +
        record('/repo/.venv/lib/python3.12/site-packages/demo/core.py', 3) +
        record('/repo/python/demo/core.py', 4) +
        record('/opt/py/lib/python3.12/site-packages/requests/api.py')
    )
    const existing = new Set(['python/demo/core.py'])
    const normalized = normalizePaths(report, {
      root: '/repo',
      includeOutside: false,
      exists: (path) => existing.has(path)
    })
    expect([...normalized.files.keys()]).toEqual(['python/demo/core.py'])
    expect([...fileLines(normalized.files.get('python/demo/core.py')!)]).toEqual([[1, 9]])
    expect(reportNotes(normalized).join()).toMatch(/requests\/api\.py/)
  })

  it('maps coverage.py 4.5 absolute site-packages names of a real report', () => {
    const report = parseCobertura(
      readFixture('corpus', 'py_ramstk_coveragepy45.cobertura.xml'),
      'ramstk'
    )
    const normalized = normalizePaths(report, {
      root: '/ci/ramstk',
      includeOutside: false,
      exists: (path) => path.startsWith('src/ramstk/')
    })
    expect(normalized.files.size).toBe(report.files.size)
    expect([...normalized.files.keys()]).toContain('src/ramstk/__init__.py')
  })
})

describe('normalizePaths with path maps and collisions', () => {
  it('applies path maps and merges files that end up with one path', () => {
    const report = lcov(record('/build/agent/src/a.rs', 1) + record('src/a.rs', 2))
    const normalized = normalizePaths(report, {
      root: '/repo',
      includeOutside: false,
      pathMaps: [{ from: '/build/agent', to: '.' }]
    })
    expect([...fileLines(normalized.files.get('src/a.rs')!)]).toEqual([[1, 3]])
  })

  it('keeps coverage.py Windows keys apart from POSIX ones only until normalized', () => {
    const report = parseCoveragePyJson(
      readFixture('corpus', 'py_neuralops_windows.coverage.json'),
      'n'
    )
    expect([...report.files.keys()].some((key) => key.includes('\\'))).toBe(true)
    const normalized = normalizePaths(report, { root: '/w', includeOutside: false })
    expect(
      [...normalized.files.keys()].every((key) => !key.includes('\\') && !key.startsWith('/'))
    ).toBe(true)
    expect(normalized.files.size).toBe(report.files.size)
  })
})
