import { describe, expect, it } from '@jest/globals'
import { reportNotes } from '../../../src/coverage/notes.js'
import { parseLcov } from '../../../src/coverage/lcov-reader.js'
import { mergeReports } from '../../../src/coverage/merge.js'
import { parseCobertura } from '../../../src/coverage/cobertura-reader.js'
import { parseCoveragePyJson } from '../../../src/coverage/coveragepy-json.js'
import { fileLines, languageOf } from '../../../src/coverage/model.js'
import { uncoveredRanges } from '../../../src/coverage/ranges.js'
import { summarize } from '../../../src/coverage/summary.js'

const lcov = (text: string) => parseLcov(new TextEncoder().encode(text), 's.info')

describe('summarize', () => {
  it('totals per file, per language and overall', () => {
    const report = lcov(
      'SF:a.rs\nFN:1,f\nFNDA:1,f\nBRDA:1,0,0,1\nBRDA:1,0,1,-\nDA:1,1\nDA:2,0\n' +
        'end_of_record\nSF:b.py\nDA:1,0\nend_of_record\nSF:c.c\nDA:4,9\nend_of_record\n'
    )
    const summary = summarize(report)
    expect(summary.totals).toEqual({
      lines: { found: 4, hit: 2 },
      branches: { found: 2, hit: 1 },
      functions: { found: 1, hit: 1 }
    })
    expect(summary.byLanguage.python.lines).toEqual({ found: 1, hit: 0 })
    expect(summary.byLanguage.other.lines).toEqual({ found: 1, hit: 1 })
    expect(summary.files.map((file) => file.path)).toEqual(['a.rs', 'b.py', 'c.c'])
  })

  it('languages come from the extension', () => {
    expect(
      ['x.rs', 'x.py', 'x.pyx', 'X.PYI', 'x.c', 'dir.py/x', 'Makefile'].map(languageOf)
    ).toEqual(['rust', 'python', 'python', 'python', 'other', 'other', 'other'])
  })
})

describe('uncoveredRanges', () => {
  it('groups uncovered lines across lines that are not instrumented, ends at covered ones', () => {
    const report = lcov(
      'SF:a.rs\nDA:1,1\nDA:2,0\nDA:3,0\nDA:6,0\nDA:7,4\nDA:9,0\nDA:20,0\nend_of_record\n'
    )
    expect(uncoveredRanges(report.files.get('a.rs')!)).toEqual([
      { startLine: 2, endLine: 6, lines: 3 },
      { startLine: 9, endLine: 20, lines: 2 }
    ])
  })
})

describe('mergeReports across formats', () => {
  it('keeps lcov branch data over Cobertura for one file, never impossible counts, and says so', () => {
    const fromLcov = lcov('SF:pkg/m.py\nBRDA:3,0,0,1\nBRDA:3,0,1,0\nDA:3,1\nend_of_record\n')
    const fromXml = parseCobertura(
      new TextEncoder().encode(
        '<coverage><packages><package><classes><class filename="pkg/m.py"><lines>' +
          '<line number="3" hits="1" branch="true" condition-coverage="100% (4/4)"/></lines></class></classes></package></packages></coverage>'
      ),
      'x.xml'
    )
    for (const order of [
      [fromLcov, fromXml],
      [fromXml, fromLcov]
    ]) {
      const merged = mergeReports(order)
      const file = merged.files.get('pkg/m.py')!
      expect(file.branchSource).toBe('lcov')
      expect(summarize(merged).totals.branches).toEqual({ found: 2, hit: 1 })
      expect([...fileLines(file)]).toEqual([[3, 2]])
      expect(reportNotes(merged)).toContain(
        'pkg/m.py: branch data from lcov kept, from cobertura dropped (their branch identities cannot be added up)'
      )
    }
  })

  it('adds coverage.py JSON shards: executed in either counts, contexts unite', () => {
    const shard = (executed: number[], missing: number[], test: string) =>
      parseCoveragePyJson(
        new TextEncoder().encode(
          JSON.stringify({
            meta: { format: 3 },
            files: {
              'm.py': {
                executed_lines: executed,
                missing_lines: missing,
                executed_branches: executed.includes(2) ? [[2, 3]] : [],
                missing_branches: executed.includes(2)
                  ? [[2, 4]]
                  : [
                      [2, 3],
                      [2, 4]
                    ],
                contexts: Object.fromEntries(executed.map((line) => [String(line), [test]]))
              }
            }
          })
        ),
        `${test}.json`
      )
    const merged = mergeReports([shard([1, 2, 3], [4], 'a'), shard([1, 4], [2, 3], 'b')])
    const file = merged.files.get('m.py')!
    expect([...fileLines(file)]).toEqual([
      [1, 2],
      [2, 1],
      [3, 1],
      [4, 1]
    ])
    expect(summarize(merged).totals.branches).toEqual({ found: 2, hit: 1 })
    expect(file.contexts?.get(1)).toEqual(['a', 'b'])
  })
})

describe('mergeReports at the edge of exact counts', () => {
  it('caps sums at 2^53 - 1 with a note instead of losing exactness silently', () => {
    const big = lcov('SF:a.rs\nDA:1,9007199254740000\nend_of_record\n')
    const merged = mergeReports([big, big])
    expect(merged.files.get('a.rs')!.lineHits[0]).toBe(Number.MAX_SAFE_INTEGER)
    expect(reportNotes(merged).join()).toMatch(/reached 2\^53 - 1/)
  })
})
