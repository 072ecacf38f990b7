import { describe, expect, it } from '@jest/globals'
import { uncoveredRanges } from '../../../src/coverage/index.js'
import { formatRange, rankRanges } from '../../../src/publish/ranges.js'
import { fileOf, span } from '../../fixtures/publish/model.js'

describe('uncoveredRanges', () => {
  const file = fileOf('x.rs', {
    lines: { 1: 1, 3: 0, 5: 0, 6: 0, 7: 4, 9: 0, 20: 0, 21: 1, 30: 0 }
  })

  it('joins uncovered lines across lines no tool instruments, splits at a covered line', () => {
    expect(uncoveredRanges(file)).toEqual([
      { startLine: 3, endLine: 6, lines: 3 },
      { startLine: 9, endLine: 20, lines: 2 },
      { startLine: 30, endLine: 30, lines: 1 }
    ])
  })

  it('restricted to changed lines, an unchanged uncovered line splits a range', () => {
    const changed = new Set([3, 4, 6, 9, 20, 30])
    expect(uncoveredRanges(file, changed)).toEqual([
      { startLine: 3, endLine: 3, lines: 1 },
      { startLine: 6, endLine: 6, lines: 1 },
      { startLine: 9, endLine: 20, lines: 2 },
      { startLine: 30, endLine: 30, lines: 1 }
    ])
  })

  it('finds nothing in a fully covered file', () => {
    expect(uncoveredRanges(fileOf('y.py', { lines: span(1, 50, 1) }))).toEqual([])
  })
})

describe('rankRanges', () => {
  it('orders by uncovered lines, then span, then path and line', () => {
    const range = (path: string, startLine: number, endLine: number, lines: number) => ({
      path,
      language: 'rust' as const,
      startLine,
      endLine,
      lines
    })
    const ranked = rankRanges([
      range('b.rs', 1, 2, 2),
      range('a.rs', 9, 9, 1),
      range('a.rs', 5, 9, 2),
      range('a.rs', 1, 2, 2),
      range('c.rs', 1, 40, 3)
    ])
    expect(ranked.map((r) => `${r.path}:${formatRange(r)}`)).toEqual([
      'c.rs:1–40',
      'a.rs:5–9',
      'a.rs:1–2',
      'b.rs:1–2',
      'a.rs:9'
    ])
  })
})
