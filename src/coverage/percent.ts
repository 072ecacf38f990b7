/**
 * Percent of `hit` over `found`, rounded to two decimals; 100 when nothing was found.
 * Rounding never claims a bound that was not reached: 99.996% shows as 99.99, not 100,
 * and 0.004% as 0.01, not 0. Gates compare exact ratios, not this display value.
 */
export function percent(hit: number, found: number): number {
  if (found === 0) return 100
  const rounded = Math.round((hit / found) * 10000) / 100
  if (rounded === 100 && hit < found) return 99.99
  if (rounded === 0 && hit > 0) return 0.01
  return rounded
}

/** `percent` as a string with exactly two decimals, as the action's outputs give it. */
export function formatPercent(hit: number, found: number): string {
  return percent(hit, found).toFixed(2)
}
