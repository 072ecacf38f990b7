import { LineArena } from './arena.js'
import { addCounts } from './counts.js'
import { MAX_COUNT } from './limits.js'

/**
 * Build-time merge of a file's line stretches (see FileBuilder): the base, which later records
 * were added into in place, and one stretch per record that had lines the base lacks — shards
 * of different builds, a file listed in several blocks. Each stretch is ascending without
 * repeats, so two-way merges give the file's table with repeats summed. The base holds most
 * lines, so the extra stretches are merged among themselves first (in scratch arenas) and then
 * with the base, straight into an output arena shared by all files of the build: no file
 * allocates tables of its own.
 *
 * More stretches than MAX_WAYS (a file in many blocks, each with lines of its own) are left to
 * the sort (table-sort.ts): merging them one after another would cost more than it saves.
 */
export const MAX_WAYS = 16

/** True when every stretch starts above the previous one's end: concatenation is the merge. */
export function stretchesAscending(lines: Uint32Array, bounds: readonly number[]): boolean {
  for (let pair = 2; pair < bounds.length; pair += 2) {
    const previousLast = lines[(bounds[pair - 1] as number) - 1] as number
    if ((lines[bounds[pair] as number] as number) <= previousLast) return false
  }
  return true
}

/** Entries over all stretches of `bounds` (flat [start, end) pairs). */
export function stretchTotal(bounds: readonly number[]): number {
  let total = 0
  for (let pair = 0; pair < bounds.length; pair += 2) {
    total += (bounds[pair + 1] as number) - (bounds[pair] as number)
  }
  return total
}

export interface MergedLines {
  numbers: Uint32Array
  hits: Float64Array
  saturated: boolean
}

/** Set by the merges below when a sum reached 2^53 - 1 and stopped there. */
let lineSumCapped = false
/** Where the extra stretches of a file are merged, pair by pair, before they meet its base. */
const scratch = [new LineArena(4096), new LineArena(4096)] as const

/** Merges the ascending, unique line stretches `bounds` (at most MAX_WAYS) into `output`. */
export function mergeLineStretches(
  source: LineArena,
  bounds: readonly number[],
  output: LineArena
): MergedLines {
  const total = stretchTotal(bounds)
  const start = output.length
  while (start + total > output.numbers.length) output.grow()
  lineSumCapped = false
  // The extras merged so far: a stretch of the source, then the latest scratch arena.
  let extras: LineArena = source
  let extraStart = bounds[2] ?? 0
  let extraEnd = bounds[3] ?? 0
  for (let pair = 4; pair < bounds.length; pair += 2) {
    const into = scratch[(pair / 2) % 2] as LineArena
    while (total > into.numbers.length) into.grow()
    const [from, to] = [bounds[pair] as number, bounds[pair + 1] as number]
    extraEnd = mergeTwo(extras, extraStart, extraEnd, source, from, to, into, 0)
    extras = into
    extraStart = 0
  }
  const [baseStart, baseEnd] = [bounds[0] ?? 0, bounds[1] ?? 0]
  const end = mergeTwo(source, baseStart, baseEnd, extras, extraStart, extraEnd, output, start)
  output.length = end
  return {
    numbers: output.numbers.subarray(start, end),
    hits: output.hits.subarray(start, end),
    saturated: lineSumCapped
  }
}

/** Sums two counts of one line, noting a sum that reached the cap. */
function sum(a: number, b: number): number {
  const total = addCounts(a, b)
  if (total === MAX_COUNT) lineSumCapped = true
  return total
}

/**
 * Merges [a, aEnd) of `first` and [b, bEnd) of `second` into `output` from `at`; returns the
 * end. Runs of `first` below the next line of `second` are copied with one comparison a line.
 */
function mergeTwo(
  first: LineArena,
  a: number,
  aEnd: number,
  second: LineArena,
  b: number,
  bEnd: number,
  output: LineArena,
  at: number
): number {
  const aNumbers = first.numbers
  const aHits = first.hits
  const bNumbers = second.numbers
  const bHits = second.hits
  const outNumbers = output.numbers
  const outHits = output.hits
  let count = at
  while (a < aEnd && b < bEnd) {
    const next = bNumbers[b] as number
    let line = aNumbers[a] as number
    while (line < next) {
      outNumbers[count] = line
      outHits[count++] = aHits[a++] as number
      if (a === aEnd) break
      line = aNumbers[a] as number
    }
    if (a < aEnd && line === next) {
      outNumbers[count] = line
      outHits[count++] = sum(aHits[a++] as number, bHits[b++] as number)
    } else {
      outNumbers[count] = next
      outHits[count++] = bHits[b++] as number
    }
  }
  for (; a < aEnd; a++) {
    outNumbers[count] = aNumbers[a] as number
    outHits[count++] = aHits[a] as number
  }
  for (; b < bEnd; b++) {
    outNumbers[count] = bNumbers[b] as number
    outHits[count++] = bHits[b] as number
  }
  return count
}
