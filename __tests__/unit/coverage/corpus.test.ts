import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { detectFormat, parseReport } from '../../../src/coverage/detect.js'
import { summarize, type Totals } from '../../../src/coverage/summary.js'
import { CORPUS, corpusEntries } from './helpers/fixtures.js'
import { recountLcov, statedLcovTotals } from './helpers/lcov-text.js'

/**
 * Every real report of the corpus parses, and its totals equal what the producing tool itself
 * states in the file — lcov LF/LH, BRF/BRH, FNF/FNH summed over records; Cobertura
 * lines-valid/-covered and branches-valid/-covered; coverage.py JSON `totals`.
 *
 * Where the file contradicts itself the stated number cannot be met by any reader of the
 * records; those cases are listed here with the reason, and the engine must equal an
 * independent recount of the records instead.
 */
const INCONSISTENT: Record<string, { kinds: Array<'lines' | 'branches'>; reason: string }> = {
  'rust_zero2prod_windows.lcov.info': {
    kinds: ['lines'],
    reason:
      'llvm-cov states LF/LH from its own line summary, which counts lines its DA records do ' +
      'not list (4 of 5 records: LF 61 vs 56 DA lines)'
  },
  'rust_bigbits_macos.coverage.lcov': {
    kinds: ['lines'],
    reason:
      'llvm-cov LF/LH disagree with the DA records in 7 of 9 records (LF 3281 vs 3264 DA lines)'
  },
  'py_chia_rs_coveragepy.coverage.lcov': {
    kinds: ['lines'],
    reason: 'one record states LF/LH one lower than the DA records it lists (181 vs 182)'
  },
  'js_grandlinex_jest.cobertura-coverage.xml': {
    kinds: ['branches'],
    reason:
      "istanbul's Cobertura writer counts 72 branch outcomes on lines that have no statement " +
      'in branches-valid (420) but lists branches only on <line> elements (348); the lcov ' +
      'report of the same run lists all 420'
  }
}

function statedTotals(format: string, text: string): Partial<Totals> {
  if (format === 'lcov') return statedLcovTotals(text)
  if (format === 'cobertura') {
    const root = /<coverage\b[^>]*>/.exec(text)?.[0] ?? ''
    const attribute = (name: string) => Number(new RegExp(`\\s${name}="([^"]*)"`).exec(root)?.[1])
    return {
      lines: { found: attribute('lines-valid'), hit: attribute('lines-covered') },
      branches: { found: attribute('branches-valid'), hit: attribute('branches-covered') }
    }
  }
  const totals = (JSON.parse(text) as { totals: Record<string, number | undefined> }).totals
  return {
    lines: { found: totals.num_statements ?? NaN, hit: totals.covered_lines ?? NaN },
    branches: { found: totals.num_branches ?? 0, hit: totals.covered_branches ?? 0 }
  }
}

/** The engine's count must equal an independent recount of the file's own records. */
function recount(format: string, text: string): Partial<Totals> {
  if (format === 'lcov') return recountLcov(text)
  let found = 0
  let hit = 0
  for (const match of text.matchAll(/condition-coverage="[^"(]*\((\d+)\/(\d+)\)"/g)) {
    hit += Number(match[1])
    found += Number(match[2])
  }
  return { branches: { found, hit } }
}

describe('real reports of the corpus', () => {
  const entries = corpusEntries()

  it('covers every file SOURCES.tsv lists', () => {
    expect(entries.length).toBeGreaterThanOrEqual(18)
    for (const name of Object.keys(INCONSISTENT)) expect(entries.map((e) => e.file)).toContain(name)
  })

  for (const entry of entries) {
    it(`${entry.file} (${entry.producer}): totals equal what the file states`, () => {
      const data = readFileSync(join(CORPUS, entry.file))
      expect(detectFormat(data, entry.file)).toBe(entry.format)
      const totals = summarize(parseReport(data, entry.file)).totals
      const text = data.toString('utf8')
      const stated = statedTotals(entry.format, text)
      const inconsistent = INCONSISTENT[entry.file]
      for (const kind of ['lines', 'branches', 'functions'] as const) {
        const expected = stated[kind]
        if (expected === undefined) continue
        if (inconsistent?.kinds.includes(kind as 'lines' | 'branches')) {
          expect(totals[kind]).not.toEqual(expected)
          expect(totals[kind]).toEqual(recount(entry.format, text)[kind])
        } else {
          expect({ kind, ...totals[kind] }).toEqual({ kind, ...expected })
        }
      }
    })
  }
})

describe('llvm-cov function identity', () => {
  it('counts functions by start location over instantiations, as FNF/FNH state', () => {
    const text = readFileSync(join(CORPUS, '..', 'llvm-cov', 'pyo3-demo.lcov'), 'utf8')
    const report = parseReport(Buffer.from(text), 'pyo3-demo.lcov')
    const stated = statedLcovTotals(text).functions
    expect(summarize(report).totals.functions).toEqual(stated)
    expect(stated).toEqual({ found: 10, hit: 8 })
    expect(text.match(/^FN:/gm)).toHaveLength(15)
  })
})
