import type { BranchArena } from './arena.js'
import { addCounts, combineTaken } from './counts.js'
import { MAX_COUNT } from './limits.js'
import type { BranchTable } from './model.js'

/**
 * The slow path of FileBuilder: records that arrived out of order (a file in several lcov
 * blocks, coverage.py's lcov listing hit lines before missed ones). Sorts and sums repeats.
 */

export function sortLineTable(
  numbers: Uint32Array,
  hits: Float64Array
): { numbers: Uint32Array; hits: Float64Array; saturated: boolean } {
  const order = Array.from({ length: numbers.length }, (_, index) => index)
  order.sort((a, b) => (numbers[a] as number) - (numbers[b] as number) || a - b)
  const sortedNumbers = new Uint32Array(numbers.length)
  const sortedHits = new Float64Array(numbers.length)
  let count = 0
  let saturated = false
  for (const index of order) {
    const line = numbers[index] as number
    const value = hits[index] as number
    if (count > 0 && sortedNumbers[count - 1] === line) {
      const total = addCounts(sortedHits[count - 1] as number, value)
      if (total === MAX_COUNT) saturated = true
      sortedHits[count - 1] = total
    } else {
      sortedNumbers[count] = line
      sortedHits[count] = value
      count++
    }
  }
  return {
    numbers: sortedNumbers.subarray(0, count),
    hits: sortedHits.subarray(0, count),
    saturated
  }
}

/** Sorts the outcomes in `bounds` (flat [start, end) pairs of the arena) and combines repeats. */
export function sortBranchTable(
  arena: BranchArena,
  bounds: readonly number[]
): { table: BranchTable; saturated: boolean } {
  const order: number[] = []
  for (let pair = 0; pair < bounds.length; pair += 2) {
    for (let index = bounds[pair] as number; index < (bounds[pair + 1] as number); index++) {
      order.push(index)
    }
  }
  order.sort(
    (a, b) =>
      (arena.lines[a] as number) - (arena.lines[b] as number) ||
      (arena.blocks[a] as number) - (arena.blocks[b] as number) ||
      (arena.ids[a] as number) - (arena.ids[b] as number) ||
      compareOptional(arena.labelAt(a), arena.labelAt(b)) ||
      a - b
  )
  const size = order.length
  const lines = new Uint32Array(size)
  const blocks = new Int32Array(size)
  const ids = new Int32Array(size)
  const taken = new Float64Array(size)
  const labels: Array<string | undefined> | undefined = arena.labels === undefined ? undefined : []
  let count = 0
  let saturated = false
  for (const index of order) {
    const last = count - 1
    const label = arena.labelAt(index)
    if (
      count > 0 &&
      lines[last] === arena.lines[index] &&
      blocks[last] === arena.blocks[index] &&
      ids[last] === arena.ids[index] &&
      labels?.[last] === label
    ) {
      const total = combineTaken(taken[last] as number, arena.taken[index] as number)
      if (total === MAX_COUNT) saturated = true
      taken[last] = total
      continue
    }
    lines[count] = arena.lines[index] as number
    blocks[count] = arena.blocks[index] as number
    ids[count] = arena.ids[index] as number
    taken[count] = arena.taken[index] as number
    labels?.push(label)
    count++
  }
  return {
    table: {
      lines: lines.subarray(0, count),
      blocks: blocks.subarray(0, count),
      ids: ids.subarray(0, count),
      labels,
      taken: taken.subarray(0, count)
    },
    saturated
  }
}

function compareOptional(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0
  if (a === undefined) return -1
  if (b === undefined) return 1
  return a < b ? -1 : 1
}
