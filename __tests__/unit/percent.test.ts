import { describe, expect, it } from '@jest/globals'
import { percent } from '../../src/coverage/percent.js'

describe('percent', () => {
  it('rounds to two decimals', () => {
    expect(percent(1, 3)).toBe(33.33)
    expect(percent(2, 3)).toBe(66.67)
  })
  it('treats an empty total as fully covered', () => {
    expect(percent(0, 0)).toBe(100)
  })
})

describe('percent near the bounds', () => {
  it('never rounds an incomplete ratio up to 100 or a non-zero one down to 0', () => {
    expect(percent(99999, 100000)).toBe(99.99)
    expect(percent(1, 100000)).toBe(0.01)
  })
})
