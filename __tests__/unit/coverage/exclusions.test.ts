import { describe, expect, it } from '@jest/globals'
import { reportNotes } from '../../../src/coverage/notes.js'
import { applyExclusions, findExclusionMarkers } from '../../../src/coverage/exclusions.js'
import { compileGlob } from '../../../src/coverage/glob.js'
import { seededRandom } from './helpers/shards.js'
import { parseLcov } from '../../../src/coverage/lcov-reader.js'
import { fileBranches, fileLines } from '../../../src/coverage/model.js'

const source = [
  'fn a() {', // 1
  '  x(); // LCOV_EXCL_LINE', // 2
  '  if y { z() } // LCOV_EXCL_BR_LINE', // 3
  '  // LCOV_EXCL_START', // 4
  '  never();', // 5
  '  // LCOV_EXCL_STOP', // 6
  '  // LCOV_EXCL_BR_START', // 7
  '  if p { q() }', // 8
  '  // LCOV_EXCL_BR_STOP', // 9
  '  if r { s() }', // 10
  '}' // 11
].join('\r\n')

const tracefile =
  'SF:src/a.rs\nFN:1,a\nFN:5,inner\nFNDA:1,a\nFNDA:0,inner\n' +
  'BRDA:3,0,0,1\nBRDA:3,0,1,0\nBRDA:5,0,0,0\nBRDA:8,0,0,1\nBRDA:10,0,0,1\nBRDA:10,0,1,0\n' +
  Array.from({ length: 11 }, (_, i) => `DA:${i + 1},${i % 2}`).join('\n') +
  '\nend_of_record\nSF:tests/test_a.py\nDA:1,1\nend_of_record\nSF:src/b.rs\nDA:1,0\nend_of_record\n'

describe('LCOV_EXCL markers', () => {
  it('finds lines and branch-only lines, START..STOP inclusive', () => {
    const markers = findExclusionMarkers(source)
    expect([...markers.lines]).toEqual([2, 4, 5, 6])
    expect([...markers.branchLines]).toEqual([3, 7, 8, 9])
    expect(markers.problems).toEqual([])
  })

  it('excludes lines everywhere, branch markers only from branches, functions starting there', () => {
    const report = applyExclusions(parseLcov(Buffer.from(tracefile), 't.info'), {
      readSource: (path) => (path === 'src/a.rs' ? source : undefined),
      excludeGlobs: []
    })
    const file = report.files.get('src/a.rs')!
    expect([...fileLines(file)].map(([line]) => line)).toEqual([1, 3, 7, 8, 9, 10, 11])
    expect([...fileBranches(file)].map((b) => `${b.line}.${b.id}`)).toEqual(['10.0', '10.1'])
    expect(file.functions.map((f) => f.name)).toEqual(['a'])
  })

  it('says when START has no STOP (excluded to the end) or STOP no START', () => {
    expect(findExclusionMarkers('a\n// LCOV_EXCL_START\nb\nc').problems).toEqual([
      'LCOV_EXCL_START on line 2 has no STOP; excluded to the end'
    ])
    expect([...findExclusionMarkers('a\n// LCOV_EXCL_START\nb\nc').lines]).toEqual([2, 3, 4])
    expect(findExclusionMarkers('// LCOV_EXCL_STOP').problems[0]).toMatch(/without START/)
  })

  it('only reads sources of the chosen languages', () => {
    const asked: string[] = []
    applyExclusions(parseLcov(Buffer.from(tracefile), 't.info'), {
      readSource: (path) => {
        asked.push(path)
        return undefined
      },
      excludeGlobs: [],
      markerLanguages: ['rust']
    })
    expect(asked.sort()).toEqual(['src/a.rs', 'src/b.rs'])
  })
})

describe('exclude globs', () => {
  const matches = (glob: string, path: string) => compileGlob(glob).matches(path)

  it('match repo-relative paths with **, * and ?', () => {
    expect(matches('src/**', 'src/a/b/c.rs')).toBe(true)
    expect(matches('src/*.rs', 'src/a.rs')).toBe(true)
    expect(matches('src/*.rs', 'src/a/b.rs')).toBe(false)
    expect(matches('**/test_*.py', 'test_x.py')).toBe(true)
    expect(matches('**/test_*.py', 'a/b/test_x.py')).toBe(true)
    expect(matches('tests/**/*.py', 'tests/x.py')).toBe(true)
    expect(matches('src/?.rs', 'src/ab.rs')).toBe(false)
    expect(matches('*.py', 'deep/dir/x.py')).toBe(true)
    expect(matches('a+b(c).rs', 'a+b(c).rs')).toBe(true)
    expect(matches('a.rs', 'aXrs')).toBe(false)
  })

  it('agree with the regular expressions they used to compile to, on generated globs and paths', () => {
    // The former reading, as an oracle: fine on these short inputs, exponential on long ones.
    const asRegExp = (pattern: string) => {
      const normalized = pattern.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\//, '')
      let source = ''
      for (let index = 0; index < normalized.length; index++) {
        const char = normalized[index] as string
        if (char === '*' && normalized[index + 1] === '*') {
          const atStart = index === 0 || normalized[index - 1] === '/'
          if (atStart && normalized[index + 2] === '/') {
            source += '(?:[^/]*/)*'
            index += 2
          } else {
            source += '.*'
            index += 1
          }
        } else if (char === '*') source += '[^/]*'
        else if (char === '?') source += '[^/]'
        else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&')
      }
      return new RegExp(`^${normalized.includes('/') ? '' : '(?:.*/)?'}${source}$`)
    }
    const random = seededRandom(11)
    const pick = (alphabet: string[], length: number) =>
      Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('')
    for (let round = 0; round < 3000; round++) {
      const glob = pick(['a', 'b', '/', '*', '**', '?', '.', '**/'], 1 + Math.floor(random() * 6))
      const path = pick(['a', 'b', '/', '.'], Math.floor(random() * 9))
      expect({ glob, path, matches: matches(glob, path) }).toEqual({
        glob,
        path,
        matches: asRegExp(glob).test(path)
      })
    }
  })

  it('drop matching files with a note', () => {
    const report = applyExclusions(parseLcov(Buffer.from(tracefile), 't.info'), {
      readSource: () => undefined,
      excludeGlobs: ['tests/**']
    })
    expect([...report.files.keys()].sort()).toEqual(['src/a.rs', 'src/b.rs'])
    expect(reportNotes(report)).toContain('1 file(s) matched exclude patterns and were left out')
  })
})
