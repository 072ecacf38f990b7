import { describe, expect, it } from '@jest/globals'
import { ReportParseError, ReportTooLargeError } from '../../../src/coverage/errors.js'
import { parseLcov } from '../../../src/coverage/lcov-reader.js'
import { fileBranches, fileLines, type CoverageReport } from '../../../src/coverage/model.js'
import { summarize } from '../../../src/coverage/summary.js'

const bytes = (text: string) => new TextEncoder().encode(text)
const parse = (text: string) => parseLcov(bytes(text), 'test.info')
const linesOf = (report: CoverageReport, path: string) => [...fileLines(report.files.get(path)!)]

function parseError(text: string): ReportParseError {
  try {
    parse(text)
  } catch (error) {
    expect(error).toBeInstanceOf(ReportParseError)
    return error as ReportParseError
  }
  throw new Error('expected a ReportParseError')
}

describe('parseLcov records', () => {
  it('reads DA, FN/FNDA, BRDA with - and recomputes the totals', () => {
    const report = parse(
      'TN:t\nSF:/w/src/a.rs\nFN:1,foo\nFN:5,bar\nFNDA:3,foo\nFNDA:0,bar\nFNF:2\nFNH:1\n' +
        'BRDA:2,0,0,1\nBRDA:2,0,1,-\nBRDA:3,0,0,0\nBRF:3\nBRH:1\n' +
        'DA:1,3\nDA:2,3\nDA:3,0\nDA:5,0\nLF:4\nLH:2\nend_of_record\n'
    )
    const file = report.files.get('/w/src/a.rs')!
    expect(file.language).toBe('rust')
    expect(linesOf(report, '/w/src/a.rs')).toEqual([
      [1, 3],
      [2, 3],
      [3, 0],
      [5, 0]
    ])
    expect([...fileBranches(file)].map((b) => [b.line, b.block, b.id, b.taken])).toEqual([
      [2, 0, 0, 1],
      [2, 0, 1, undefined],
      [3, 0, 0, 0]
    ])
    expect(file.functions.map((f) => [f.name, f.start, f.hits])).toEqual([
      ['foo', 1, 3],
      ['bar', 5, 0]
    ])
    expect(summarize(report).totals).toEqual({
      lines: { found: 4, hit: 2 },
      branches: { found: 3, hit: 1 },
      functions: { found: 2, hit: 1 }
    })
  })

  it('reads checksums, lcov 2.x FN end lines, FNL/FNA aliases, e-blocks and expression branches', () => {
    const report = parse(
      'VER:2.1\nSF:c.c\nFN:3,9,main\nFNDA:1,main\nFNL:0,12,20\nFNA:0,4,alias_a\nFNA:0,0,alias_b\n' +
        'DA:3,1,kXkJ2\nDA:12,4\nBRDA:12,e0,0,2\nBRDA:12,1,(x > 0) => true,1\nMCDC:12,2,t,1,0,x\nend_of_record\n'
    )
    const file = report.files.get('c.c')!
    expect(file.functions.map((f) => [f.name, f.start, f.end, f.hits])).toEqual([
      ['main', 3, 9, 1],
      ['alias_a', 12, 20, 4],
      ['alias_b', 12, 20, 0]
    ])
    expect(summarize(report).totals.functions).toEqual({ found: 2, hit: 2 })
    expect([...fileBranches(file)].map((b) => [b.block, b.exception, b.label, b.taken])).toEqual([
      [0, true, undefined, 2],
      [1, false, '(x > 0) => true', 1]
    ])
  })
})

describe('parseLcov line endings and encodings', () => {
  it('accepts CRLF, a BOM, a missing final end_of_record and no final newline', () => {
    const report = parseLcov(
      new Uint8Array([
        0xef,
        0xbb,
        0xbf,
        ...bytes('SF:a.py\r\nDA:1,1\r\nDA:2,0\r\nend_of_record\r\nSF:b.py\r\nDA:7,2')
      ]),
      'crlf.info'
    )
    expect(linesOf(report, 'a.py')).toEqual([
      [1, 1],
      [2, 0]
    ])
    expect(linesOf(report, 'b.py')).toEqual([[7, 2]])
  })
})

describe('parseLcov with records out of order', () => {
  it('sums a file listed in several records, in any order, like lcov -a', () => {
    const report = parse(
      'SF:x.rs\nFN:1,f\nFNDA:2,f\nDA:1,1\nDA:3,0\nBRDA:3,0,0,-\nend_of_record\n' +
        'SF:y.rs\nDA:1,1\nend_of_record\n' +
        'SF:x.rs\nFN:1,f\nFNDA:5,f\nDA:3,4\nDA:2,1\nDA:1,1\nBRDA:3,0,0,2\nend_of_record\n'
    )
    expect(linesOf(report, 'x.rs')).toEqual([
      [1, 2],
      [2, 1],
      [3, 4]
    ])
    const file = report.files.get('x.rs')!
    expect(file.functions[0]?.hits).toBe(7)
    expect([...fileBranches(file)].map((b) => b.taken)).toEqual([2])
  })

  it('keeps coverage.py lcov lines given out of order (hits first, then misses)', () => {
    const report = parse('SF:m.py\nDA:5,1,aGFzaA\nDA:9,1\nDA:2,0\nDA:7,0\nend_of_record\n')
    expect(linesOf(report, 'm.py').map(([line]) => line)).toEqual([2, 5, 7, 9])
  })

  it('takes FNDA before FN and skips comments, blank lines and unknown tags', () => {
    const report = parse(
      '# produced by a test\n\nSF:f.rs\nFNDA:4,g\nFN:10,g\nXYZ:whatever\nDA:10,4\n'
    )
    expect(report.files.get('f.rs')!.functions[0]?.hits).toBe(4)
  })

  it('gives FNDA hits to the function of that name when names are not ASCII', () => {
    // `é` has as many bytes (2) as `éx` has UTF-16 units: a byte comparison against the next
    // declared name must not take one for the other.
    const report = parse('SF:f.rs\nFN:1,éx\nFN:2,é\nFNDA:5,é\nFNDA:7,éx\nend_of_record\n')
    const hits = report.files.get('f.rs')!.functions.map((record) => [record.name, record.hits])
    expect(hits).toEqual([
      ['éx', 7],
      ['é', 5]
    ])
  })
})

describe('parseLcov refuses what no tool writes, naming file and line', () => {
  const cases: Array<[string, string, number, RegExp]> = [
    ['a record before SF', 'TN:\nDA:1,1\n', 2, /SF:<path> before DA/],
    ['line 0', 'SF:a\nDA:0,1\n', 2, /line number from 1 to 16777216/],
    ['line 2^40', 'SF:a\nDA:1,1\nDA:1099511627776,1\n', 3, /line number/],
    ['negative hits', 'SF:a\nDA:1,-1\n', 2, /whole count/],
    ['hits beyond 2^53', 'SF:a\nDA:1,9007199254740993\n', 2, /whole count/],
    ['fractional hits', 'SF:a\nDA:1,1.5\n', 2, /DA:<line>,<hits>/],
    ['a broken BRDA', 'SF:a\nBRDA:1,0\n', 2, /BRDA:<line>/],
    ['BRDA taken that is no count', 'SF:a\nBRDA:1,0,0,x\n', 2, /taken a whole count or -/],
    ['garbage', 'SF:a\nDA:1,1\nhello world\n', 3, /expected an lcov record/],
    ['an empty SF', 'SF:\nDA:1,1\n', 1, /SF:<path>/]
  ]
  for (const [name, text, line, message] of cases) {
    it(name, () => {
      const error = parseError(text)
      expect(error.file).toBe('test.info')
      expect(error.line).toBe(line)
      expect(error.message).toMatch(message)
      expect(error.message.startsWith(`test.info:${line}: `)).toBe(true)
    })
  }
})

describe('the report size cap', () => {
  it('refuses a report over the cap before reading it, naming the cap and how to raise it', () => {
    const data = bytes(`SF:a.rs\n${'DA:1,1\n'.repeat(200)}`)
    expect(() => parseLcov(data, 'big.info', { maxBytes: 1000 })).toThrow(ReportTooLargeError)
    expect(() => parseLcov(data, 'big.info', { maxBytes: 1000 })).toThrow(
      /^big\.info: report is 0\.00134 MB, over the 0\.000954 MB cap\. Raise the cap with the action input `max-report-size-mb` or the CLI flag `--max-size-mb`\.$/
    )
    expect(parseLcov(data, 'big.info', { maxBytes: data.length }).files.size).toBe(1)
  })
})
