import { MAX_COUNT } from './limits.js'
import { NOT_EVALUATED } from './model.js'

/**
 * Adds two hit counts. Sums past 2^53 - 1 would stop being exact, so they stop there
 * (callers seeing 2^53 - 1 leave a note) instead of silently rounding.
 */
export function addCounts(a: number, b: number): number {
  const sum = a + b
  return sum > MAX_COUNT ? MAX_COUNT : sum
}

/** Adds two branch `taken` values the way `lcov -a` does: `-` + `-` = `-`, `-` + n = n. */
export function combineTaken(a: number, b: number): number {
  if (a === NOT_EVALUATED) return b
  if (b === NOT_EVALUATED) return a
  return addCounts(a, b)
}
