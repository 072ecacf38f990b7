/**
 * Hostile inputs, class 8: no data is not 100 %. A merge that keeps no file says so and exits
 * non-zero unless `--allow-empty` is given; a measure with nothing found prints as "no data",
 * and coverage-summary.json gives no percent for it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseLcov } from '../../../../src/coverage/lcov-reader.js'
import { emptyReport } from '../../../../src/coverage/model.js'
import { writeSummaryJson } from '../../../../src/coverage/summary-json.js'
import { buildCli, type BuiltCli } from '../helpers/cli.js'
import { utf8 } from '../helpers/hostile.js'

let cli: BuiltCli
beforeAll(async () => (cli = await buildCli()), 30_000)
afterAll(() => cli.remove())

function input(name: string, text: string): string {
  const path = join(cli.directory, name)
  writeFileSync(path, text)
  return path
}

describe('node dist/cli.js merge when no file is kept', () => {
  it.each([
    ['a TN:-only tracefile', 'tn.info', 'TN:\nTN:again\n', /no file/],
    [
      'files all outside the root',
      'outside.info',
      'SF:/elsewhere/a.rs\nDA:1,1\nend_of_record\n',
      /no file.*1 file\(s\) outside the workspace/
    ]
  ])('%s: says so, writes nothing and exits 3', (_, name, text, reason) => {
    const out = join(cli.directory, `out-${name}`)
    const result = cli.run(['merge', '-o', out, '--root', '/w', input(name, text)])
    expect(result.code).toBe(3)
    expect(result.stderr).toMatch(reason)
    expect(result.stderr).toContain('--allow-empty')
    expect(existsSync(join(out, 'lcov.info'))).toBe(false)
  })

  it('with --allow-empty writes the empty set and prints "no data", not 100.00% (0/0)', () => {
    const out = join(cli.directory, 'out-allowed')
    const result = cli.run(['merge', '-o', out, '--allow-empty', input('tn2.info', 'TN:\n')])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('0 file(s): lines no data, branches no data, functions no data')
    expect(result.stdout).not.toContain('100.00%')
    expect(existsSync(join(out, 'lcov.info'))).toBe(true)
  })
})

describe('measures with nothing found', () => {
  it('print as "no data" on the CLI summary line', () => {
    const path = input('lines-only.info', 'SF:/w/a.rs\nDA:1,1\nDA:2,0\nend_of_record\n')
    const result = cli.run(['merge', '-o', join(cli.directory, 'out-lines'), '--root', '/w', path])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('lines 50.00% (1/2), branches no data, functions no data')
  })

  it('have no percent in coverage-summary.json (schema 2), where 100 claimed full coverage', () => {
    const report = parseLcov(utf8('SF:a.rs\nDA:1,1\nDA:2,0\nend_of_record\n'), 'a.info')
    const json = JSON.parse(writeSummaryJson(report))
    expect(json.schema).toBe('mixed-coverage-summary/2')
    expect(json.totals.lines).toEqual({ found: 2, hit: 1, percent: 50 })
    expect(json.totals.branches).toEqual({ found: 0, hit: 0, percent: null })
    expect(json.languages.python.lines).toEqual({ found: 0, hit: 0, percent: null })
    expect(json.files[0].functions).toEqual({ found: 0, hit: 0, percent: null })
    expect(JSON.parse(writeSummaryJson(emptyReport())).totals.lines.percent).toBeNull()
  })

  it('keep the summary file as written before for every measure that has data', () => {
    const path = input(
      'full.info',
      'SF:/w/a.rs\nFN:1,f\nFNDA:1,f\nBRDA:1,0,0,1\nDA:1,1\nend_of_record\n'
    )
    const out = join(cli.directory, 'out-full')
    expect(cli.run(['merge', '-o', out, '--root', '/w', path]).code).toBe(0)
    const json = JSON.parse(readFileSync(join(out, 'coverage-summary.json'), 'utf8'))
    expect(json.totals).toEqual({
      lines: { found: 1, hit: 1, percent: 100 },
      branches: { found: 1, hit: 1, percent: 100 },
      functions: { found: 1, hit: 1, percent: 100 }
    })
  })
})
