import { describe, expect, it } from '@jest/globals'
import { parseCoveragePyJson } from '../../../src/coverage/coveragepy-json.js'
import { ReportParseError } from '../../../src/coverage/errors.js'
import { fileBranches, fileLines } from '../../../src/coverage/model.js'
import { summarize } from '../../../src/coverage/summary.js'
import { readFixture } from './helpers/fixtures.js'

const parse = (value: unknown) =>
  parseCoveragePyJson(
    new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value, null, 1)),
    'coverage.json'
  )

const meta = { format: 3, version: '7.13.0', branch_coverage: true, show_contexts: true }

function parseError(value: unknown): ReportParseError {
  try {
    parse(value)
  } catch (error) {
    expect(error).toBeInstanceOf(ReportParseError)
    return error as ReportParseError
  }
  throw new Error('expected a ReportParseError')
}

describe('parseCoveragePyJson', () => {
  it('reads executed (1 hit), missing (0), excluded (not a statement), arcs and contexts', () => {
    const report = parse({
      meta,
      files: {
        'pkg\\mod.py': {
          executed_lines: [1, 2, 4, 6],
          missing_lines: [5],
          excluded_lines: [6, 7],
          summary: { covered_lines: 3, num_statements: 4 },
          executed_branches: [
            [2, 4],
            [4, -1]
          ],
          missing_branches: [[2, 5]],
          contexts: { '2': ['test_a|run'], '4': ['test_a|run', 'test_b|run'] }
        }
      }
    })
    const file = report.files.get('pkg\\mod.py')!
    expect(file.language).toBe('python')
    expect([...fileLines(file)]).toEqual([
      [1, 1],
      [2, 1],
      [4, 1],
      [5, 0]
    ])
    expect([...fileBranches(file)].map((b) => `${b.line}->${b.id}=${b.taken}`)).toEqual([
      '2->4=1',
      '2->5=0',
      '4->-1=1'
    ])
    expect(file.branchSource).toBe('coveragepy-json')
    expect(file.contexts?.get(4)).toEqual(['test_a|run', 'test_b|run'])
    expect(summarize(report).totals.branches).toEqual({ found: 3, hit: 2 })
  })

  it('drops executed docstring lines the summary does not count as statements', () => {
    const report = parse({
      meta,
      files: {
        'm.py': {
          executed_lines: [1, 3, 10, 11, 12],
          missing_lines: [13],
          excluded_lines: [],
          summary: { covered_lines: 3, num_statements: 4 },
          classes: {
            K: {
              executed_lines: [11, 12],
              missing_lines: [13],
              excluded_lines: [],
              summary: { covered_lines: 1, num_statements: 2 }
            },
            '': {
              executed_lines: [1, 3, 10],
              missing_lines: [],
              excluded_lines: [],
              summary: { covered_lines: 2, num_statements: 2 }
            }
          },
          functions: {
            'K.method': {
              executed_lines: [],
              missing_lines: [13],
              excluded_lines: [],
              summary: { covered_lines: 0, num_statements: 1 },
              start_line: 12
            }
          }
        }
      }
    })
    const file = report.files.get('m.py')!
    expect([...fileLines(file)].map(([line]) => line)).toEqual([3, 10, 12, 13])
    expect(summarize(report).totals.lines).toEqual({ found: 4, hit: 3 })
    expect(file.functions).toEqual([
      { name: 'K.method', start: 12, end: undefined, hits: 0, key: 'K.method' }
    ])
  })
})

describe('parseCoveragePyJson on a real report', () => {
  it('equals coverage.py totals on a real report with lines both executed and excluded', () => {
    const data = readFixture('corpus', 'py_steve_branch.coverage.json')
    const totals = JSON.parse(data.toString('utf8')).totals
    const summary = summarize(parseCoveragePyJson(data, 'steve.json')).totals
    expect(summary.lines).toEqual({ found: totals.num_statements, hit: totals.covered_lines })
    expect(summary.branches).toEqual({ found: totals.num_branches, hit: totals.covered_branches })
  })
})

describe('parseCoveragePyJson errors name file and line', () => {
  it('finds the line of a JSON syntax error', () => {
    const error = parseError('{\n "meta": {},\n "files": {\n  "a.py": [1, 2,]\n }\n}\n')
    expect(error.line).toBe(4)
    expect(error.message).toMatch(/^coverage\.json:4: expected a JSON value/)
  })

  it('finds the line of a value of the wrong kind', () => {
    const text =
      '{\n "meta": {"format": 3},\n "files": {\n  "a.py": {\n   "executed_lines": [1, 2, 1099511627776]\n  }\n }\n}\n'
    const error = parseError(text)
    expect(error.line).toBe(5)
    expect(error.message).toMatch(
      /line number from 1 to 16777216 at \["files"\]\["a\.py"\]\["executed_lines"\]\[2\]/
    )
  })

  it('refuses negative, fractional and absurd lines, and arcs that are not pairs', () => {
    for (const bad of [[-1], [1.5], [0], [2 ** 40], ['3']]) {
      expect(parseError({ meta, files: { 'a.py': { executed_lines: bad } } }).message).toMatch(
        /line number/
      )
    }
    expect(
      parseError({ meta, files: { 'a.py': { executed_branches: [[1, 2, 3]] } } }).message
    ).toMatch(/arc/)
    expect(
      parseError({ meta, files: { 'a.py': { executed_branches: [[1, 0]] } } }).message
    ).toMatch(/arc/)
  })

  it('refuses documents that are not coverage.py reports', () => {
    expect(parseError('[1, 2]').message).toMatch(/coverage\.py JSON report/)
    expect(parseError({ meta }).message).toMatch(/"files" object/)
  })
})
