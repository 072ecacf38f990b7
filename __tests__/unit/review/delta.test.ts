import { describe, expect, it } from '@jest/globals'
import { figuresOf } from '../../../src/publish/figures.js'
import type { Baseline } from '../../../src/review/baseline-file.js'
import { compareWithBaseline, deltaHundredths, formatPoints } from '../../../src/review/delta.js'
import { reportOf } from '../../fixtures/publish/model.js'

const count = (hit: number, found: number) => ({ hit, found })

describe('the change in points', () => {
  it('is the exact difference of the percentages, two decimals, signed', () => {
    // 47/59 = 79.661%, 47/65 = 72.308%: -7.353
    expect(formatPoints({ base: count(47, 59), now: count(47, 65) })).toBe('-7.35')
    expect(formatPoints({ base: count(1, 3), now: count(1, 2) })).toBe('+16.67')
    expect(formatPoints({ base: count(5, 10), now: count(50, 100) })).toBe('+0.00')
  })

  it('rounds half away from zero, both ways', () => {
    // 1/800 = 0.125%: exactly half a hundredth above 0.12
    expect(formatPoints({ base: count(0, 1), now: count(1, 800) })).toBe('+0.13')
    expect(formatPoints({ base: count(1, 800), now: count(0, 1) })).toBe('-0.13')
    // 1/1000 = 0.1% less: -0.10; a tiny fall rounds to zero and shows +0.00
    expect(formatPoints({ base: count(1000, 1000), now: count(999, 1000) })).toBe('-0.10')
    expect(formatPoints({ base: count(100000, 100000), now: count(99999, 100000) })).toBe('+0.00')
  })

  it('gives no change where a side measured nothing', () => {
    expect(deltaHundredths({ base: count(0, 0), now: count(1, 2) })).toBeUndefined()
    expect(formatPoints({ base: count(1, 2), now: count(0, 0) })).toBe('')
  })

  it('stays exact on counts past floating point', () => {
    const big = 2 ** 52
    expect(formatPoints({ base: count(big / 2, big), now: count(big / 2 - 1, big) })).toBe('+0.00')
    expect(deltaHundredths({ base: count(1, 3), now: count(2, 3) })).toBe(3333n)
  })
})

describe('compareWithBaseline', () => {
  const figures = figuresOf(
    reportOf({
      'core/src/lib.rs': { lines: { 1: 1, 2: 0, 3: 0, 4: 1 } },
      'pkg/new.py': { lines: { 1: 0, 2: 0 } },
      'pkg/same.py': { lines: { 1: 1 } }
    })
  )
  const baseline: Baseline = {
    commit: 'a'.repeat(40),
    ref: 'refs/heads/main',
    total: count(4, 5),
    byLanguage: { rust: count(3, 3), python: count(1, 2), other: count(0, 0) },
    files: new Map([
      ['core/src/lib.rs', count(3, 3)],
      ['pkg/same.py', count(1, 1)],
      ['pkg/gone.py', count(0, 1)]
    ])
  }

  it('lists the touched files, worst change first, with new and removed files', () => {
    const delta = compareWithBaseline(figures, baseline, [
      'pkg/new.py',
      'core/src/lib.rs',
      'pkg/gone.py',
      'README.md'
    ])
    expect(delta.filesBasis).toBe('touched')
    expect(delta.files).toEqual([
      { path: 'core/src/lib.rs', base: count(3, 3), now: count(2, 4) },
      { path: 'pkg/gone.py', base: count(0, 1) },
      { path: 'pkg/new.py', now: count(0, 2) }
    ])
    expect(formatPoints(delta.total)).toBe('-37.14') // 4/5 → 3/7
    expect(formatPoints(delta.byLanguage.rust)).toBe('-50.00')
    expect(formatPoints(delta.byLanguage.python)).toBe('-16.67') // 1/2 → 1/3
  })

  it('lists the files whose counts differ when the diff is unknown', () => {
    const delta = compareWithBaseline(figures, baseline)
    expect(delta.filesBasis).toBe('differing')
    expect(delta.files.map((file) => file.path)).toEqual([
      'core/src/lib.rs',
      'pkg/gone.py',
      'pkg/new.py'
    ])
  })
})
