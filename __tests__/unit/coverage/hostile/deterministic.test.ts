/**
 * Hostile inputs, class 6: deterministic output. The same inputs give byte-identical outputs
 * whatever `--threads` is and in whatever order the files are given: notes, function start
 * lines, the branch source kept across formats and the Cobertura timestamp included.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseCobertura } from '../../../../src/coverage/cobertura-reader.js'
import { parseCoveragePyJson } from '../../../../src/coverage/coveragepy-json.js'
import { parseLcov } from '../../../../src/coverage/lcov-reader.js'
import { writeLcov } from '../../../../src/coverage/lcov-writer.js'
import { mergeReports } from '../../../../src/coverage/merge.js'
import type { CoverageReport } from '../../../../src/coverage/model.js'
import { reportNotes } from '../../../../src/coverage/notes.js'
import { writeSummaryJson } from '../../../../src/coverage/summary-json.js'
import { buildCli, type BuiltCli } from '../helpers/cli.js'
import { utf8 } from '../helpers/hostile.js'

let cli: BuiltCli
beforeAll(async () => (cli = await buildCli()), 30_000)
afterAll(() => cli.remove())

/** Every order of `items`. */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]]
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [
      item,
      ...rest
    ])
  )
}

const lcovA =
  'SF:/ws/src/zeta.rs\nFN:5,shared\nFNDA:1,shared\nBRDA:6,0,0,1\nBRDA:6,0,1,0\nDA:5,1\nDA:6,1\nend_of_record\n' +
  'SF:/elsewhere/outside.rs\nDA:1,1\nend_of_record\n' +
  'SF:/ws/gen/generated.rs\nDA:1,1\nend_of_record\n' +
  'SF:/ws/src/alpha.py\nDA:1,1\nDA:2,0\nBRDA:1,0,0,1\nBRDA:1,0,1,1\nend_of_record\n' +
  'SF:/ws/src/mid.rs\nFNDA:3,nobody\nDA:1,1\nend_of_record\n'
const lcovB =
  'SF:/ws/src/zeta.rs\nFN:7,shared\nFNDA:2,shared\nDA:5,2\nDA:7,0\nend_of_record\n' +
  'SF:/other/outside2.rs\nDA:1,1\nend_of_record\n' +
  'SF:/ws/src/beta.rs\nFN:1,b\nFNDA:0,b\nDA:1,0\nend_of_record\n'
const coberturaText =
  '<?xml version="1.0" ?>\n<coverage line-rate="1" branch-rate="1" version="x" timestamp="0">' +
  '<sources><source>/ws</source></sources><packages><package name="p"><classes>' +
  '<class name="alpha" filename="src/alpha.py"><lines><line number="1" hits="1" branch="true" condition-coverage="50% (1/2)"/></lines></class>' +
  '<class name="only" filename="src/only.py"><methods><method name="m" signature=""><lines><line number="3" hits="0"/></lines></method></methods>' +
  '<lines><line number="3" hits="0"/></lines></class>' +
  '</classes></package></packages></coverage>\n'
const jsonText = JSON.stringify({
  meta: { format: 3, branch_coverage: true },
  files: {
    '/ws/src/alpha.py': {
      executed_lines: [1, 2],
      missing_lines: [],
      excluded_lines: [],
      executed_branches: [[1, 2]],
      missing_branches: [[1, -1]]
    }
  }
})

describe('node dist/cli.js merge gives byte-identical outputs', () => {
  it('on one thread and two, whatever the order of its files', () => {
    const inputs = {
      'a.info': lcovA,
      'b.info': lcovB,
      'c.xml': coberturaText,
      'd.json': jsonText
    }
    const paths = Object.entries(inputs).map(([name, text]) => {
      const path = join(cli.directory, name)
      writeFileSync(path, text)
      return path
    })
    const runs: Record<string, string> = {}
    const orders = [paths, [...paths].reverse(), [paths[2], paths[1], paths[3], paths[0]]]
    orders.forEach((order, index) => {
      for (const threads of ['1', '2']) {
        const out = join(cli.directory, `out-${index}-${threads}`)
        const result = cli.run([
          'merge',
          '-o',
          out,
          '--root',
          '/ws',
          '--exclude',
          'gen/**',
          '--threads',
          threads,
          ...(order as string[])
        ])
        expect({ code: result.code, stderr: result.stderr.includes('error') }).toEqual({
          code: 0,
          stderr: false
        })
        runs[`order ${index}, --threads ${threads}`] = [
          'lcov.info',
          'cobertura.xml',
          'coverage-summary.json'
        ]
          .map((name) => readFileSync(join(out, name), 'utf8'))
          .join('\n=====\n')
      }
    })
    const [first, ...rest] = Object.values(runs)
    for (const [label, output] of Object.entries(runs).slice(1)) {
      expect({ label, output }).toEqual({ label, output: first })
    }
    expect(rest.length).toBe(5)
  })
})

describe('the engine merges the same in every order', () => {
  const lcov = (text: string, name: string) => parseLcov(utf8(text), name)
  const outputs = (report: CoverageReport) => `${writeLcov(report)}\n${writeSummaryJson(report)}`

  it('keeps one start line for a function whose reports disagree on it', () => {
    const a = lcov(lcovA, 'a.info')
    const b = lcov(lcovB, 'b.info')
    expect(outputs(mergeReports([b, a]))).toBe(outputs(mergeReports([a, b])))
  })

  it('names the kept and dropped branch sources the same way in every order', () => {
    const reports = [
      lcov('SF:/ws/src/alpha.py\nBRDA:1,0,0,1\nBRDA:1,0,1,0\nDA:1,1\nend_of_record\n', 'a.info'),
      parseCobertura(utf8(coberturaText), 'c.xml'),
      parseCoveragePyJson(utf8(jsonText), 'd.json')
    ].map((report) => ({
      ...report,
      files: new Map(
        [...report.files].map(([path, file]) => [
          path.replace(/^.*src/, 'src'),
          { ...file, path: path.replace(/^.*src/, 'src') }
        ])
      )
    }))
    const written = permutations(reports).map((order) => outputs(mergeReports(order)))
    for (const output of written) expect(output).toBe(written[0])
  })

  it('lists notes in the same order whatever the order of the reports', () => {
    const a = lcov(lcovA, 'a.info')
    const b = lcov(lcovB, 'b.info')
    expect(reportNotes(mergeReports([b, a]))).toEqual(reportNotes(mergeReports([a, b])))
  })
})
