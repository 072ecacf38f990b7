/**
 * Hostile inputs, class 2: output well-formedness. Whatever is accepted is written so that the
 * engine itself, xmllint (coverage-04.dtd) and `lcov --summary` read it again: no character XML
 * cannot carry, no file written as `SF:` or `filename=""`, no branch count the engine's own
 * Cobertura reader refuses.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { parseCobertura } from '../../../../src/coverage/cobertura-reader.js'
import { parseCoveragePyJson } from '../../../../src/coverage/coveragepy-json.js'
import { parseLcov } from '../../../../src/coverage/lcov-reader.js'
import { reportNotes } from '../../../../src/coverage/notes.js'
import { summarize } from '../../../../src/coverage/summary.js'
import { parseRefusal, utf8 } from '../helpers/hostile.js'
import { lcovSummary, runPipeline, scratch, validateCobertura } from '../helpers/pipeline.js'

let work: ReturnType<typeof scratch>
beforeEach(() => {
  work = scratch()
})
afterEach(() => work.remove())

const meta = { format: 3, version: '7.13.0', branch_coverage: false, show_contexts: false }
const pyFile = { executed_lines: [1], missing_lines: [2], excluded_lines: [] }
const xml = (body: string, source = '/w') =>
  `<?xml version="1.0" ?>\n<coverage line-rate="1" branch-rate="1" version="x" timestamp="0">\n` +
  `<sources><source>${source}</source></sources>\n<packages><package name="p"><classes>\n` +
  `${body}\n</classes></package></packages>\n</coverage>\n`

/** Every output read again: by the engine, by xmllint and by lcov. */
function expectReadableAgain(result: Awaited<ReturnType<typeof runPipeline>>): void {
  const again = parseLcov(utf8(result.lcov), 'lcov.info')
  expect(summarize(again).totals).toEqual(summarize(result.report).totals)
  const fromXml = parseCobertura(utf8(result.cobertura), 'cobertura.xml')
  expect(summarize(fromXml).totals.lines).toEqual(summarize(result.report).totals.lines)
  expect(summarize(fromXml).totals.branches).toEqual(summarize(result.report).totals.branches)
  validateCobertura(result.paths.cobertura)
  expect(JSON.parse(result.summaryJson).totals.lines.found).toBe(
    summarize(result.report).totals.lines.found
  )
  if (result.report.files.size > 0) expect(lcovSummary(result.paths.lcov).code).toBe(0)
}

describe('characters XML cannot carry are refused where they are read', () => {
  it('refuses U+FFFE and U+FFFF in an lcov path or function name', () => {
    expect(parseRefusal(() => parseLcov(utf8('SF:/w/a\uffffb.rs\nDA:1,1\n'), 'x.info')).line).toBe(
      1
    )
    const name = 'SF:/w/a.rs\nFN:1,f\ufffe\nDA:1,1\nend_of_record\n'
    expect(parseRefusal(() => parseLcov(utf8(name), 'x.info')).line).toBe(2)
  })

  it('refuses a raw U+FFFF in a Cobertura filename', () => {
    const body =
      '<class name="a" filename="a\uffff.py"><lines><line number="1" hits="1"/></lines></class>'
    expect(parseRefusal(() => parseCobertura(utf8(xml(body)), 'x.xml')).line).toBe(5)
  })

  it('refuses lone surrogates and U+FFFF in coverage.py JSON keys (escaped as \\uXXXX)', () => {
    for (const key of ['a\\ud800.py', 'a\\udc00b.py', 'a\\uffff.py']) {
      const text = `{"meta": {"format": 3},\n "files": {\n  "${key}": {"executed_lines": [1]}}}`
      expect(parseRefusal(() => parseCoveragePyJson(utf8(text), 'x.json')).line).toBe(3)
    }
  })
})

describe('accepted hostile-looking names are written readable', () => {
  it('keeps XML specials, ]]>, astral characters and U+2028 intact through all three outputs', async () => {
    const tracefile =
      'SF:/w/src/a&b<c>"d\'e]]>.rs\nFN:1,f<&>"\'\nFNDA:1,f<&>"\'\n' +
      'FN:2,g\u{1f600}\u2028h\nFNDA:0,g\u{1f600}\u2028h\nDA:1,1\nDA:2,0\nend_of_record\n'
    const result = await runPipeline(work.directory, { 'a.info': tracefile }, '/w')
    expect([...result.report.files.keys()]).toEqual(['src/a&b<c>"d\'e]]>.rs'])
    expectReadableAgain(result)
  })
})

describe('no path that normalises to the root is written as a file', () => {
  it.each([
    [
      'lcov: the root itself',
      { 'a.info': 'SF:/w\nDA:1,1\nend_of_record\nSF:/w/k.rs\nDA:1,1\nend_of_record\n' }
    ],
    [
      'lcov: the root with a slash and a dot',
      { 'a.info': 'SF:/w/./\nDA:1,1\nend_of_record\nSF:/w/k.rs\nDA:1,1\nend_of_record\n' }
    ],
    [
      'lcov: a relative "."',
      { 'a.info': 'SF:.\nDA:1,1\nend_of_record\nSF:k.rs\nDA:1,1\nend_of_record\n' }
    ],
    [
      'coverage.py JSON: "./"',
      { 'a.json': JSON.stringify({ meta, files: { './': pyFile, 'k.py': pyFile } }) }
    ],
    [
      'Cobertura: filename="." under <source>/w</source>',
      {
        'a.xml': xml(
          '<class name="a" filename="."><lines><line number="1" hits="1"/></lines></class>' +
            '<class name="k" filename="k.py"><lines><line number="1" hits="1"/></lines></class>'
        )
      }
    ]
  ])('%s', async (_, files) => {
    const result = await runPipeline(work.directory, files, '/w')
    expect(result.lcov).not.toMatch(/^SF:$/m)
    expect(result.cobertura).not.toContain('filename=""')
    expect(result.report.files.size).toBe(1)
    expect(reportNotes(result.report).join('\n')).toMatch(/names? the workspace root/)
    expectReadableAgain(result)
  })
})

describe('no branch count the Cobertura reader refuses is written', () => {
  const outcomes = (line: number, count: number, offset = 0) =>
    Array.from({ length: count }, (_, id) => `BRDA:${line},0,${id + offset},${id % 2}`).join('\n')

  it('a line with more outcomes than one condition-coverage may claim (10,000)', async () => {
    const tracefile = `SF:/w/a.rs\n${outcomes(3, 10_001)}\nBRDA:4,0,0,1\nDA:3,1\nDA:4,1\nend_of_record\n`
    const result = await runPipeline(work.directory, { 'a.info': tracefile }, '/w')
    expect(reportNotes(result.report).join('\n')).toMatch(/a\.rs:3.*10001 branch outcomes/)
    expect(summarize(result.report).totals.branches).toEqual({ found: 1, hit: 1 })
    expectReadableAgain(result)
  })

  it('a line that only the merge of two reports takes over the limit', async () => {
    const shard = (offset: number) =>
      `SF:/w/a.rs\n${outcomes(3, 6_000, offset)}\nDA:3,1\nend_of_record\n`
    const result = await runPipeline(
      work.directory,
      { 'a.info': shard(0), 'b.info': shard(6_000) },
      '/w'
    )
    expect(reportNotes(result.report).join('\n')).toMatch(/a\.rs:3.*12000 branch outcomes/)
    expectReadableAgain(result)
  })
})

describe('function names lcov would read differently are refused', () => {
  it('refuses a Cobertura method name starting with digits and a comma (lcov reads an end line)', () => {
    const body =
      '<class name="a" filename="a.py"><methods><method name="7,evil" signature="">' +
      '<lines><line number="1" hits="1"/></lines></method></methods>' +
      '<lines><line number="1" hits="1"/></lines></class>'
    expect(parseRefusal(() => parseCobertura(utf8(xml(body)), 'x.xml')).line).toBe(5)
  })
})
