import type { BranchArena, LineArena } from './arena.js'
import { compareAt } from './branch-stretches.js'
import { addCounts, combineTaken } from './counts.js'
import { MAX_COUNT } from './limits.js'
import type { BranchTable } from './model.js'

/**
 * Build-time merge of a file's stretches (see FileBuilder): the base, which later records
 * were added into in place, and one stretch per record that had lines (or branch outcomes)
 * the base lacks — shards of different builds, a file listed in several blocks. Each stretch
 * is sorted and unique, so one linear pass over their heads gives the file's table, with
 * repeats summed; the result is written into an output arena shared by all files of the
 * build, so no file allocates tables of its own.
 *
 * A stretch head is a position in the source arena; `heads` and `ends` are reused scratch.
 * More stretches than MAX_WAYS (a file in many blocks, each with lines of its own) are left to
 * the sort (table-sort.ts), where the scan over the heads would cost more than it saves.
 */
export const MAX_WAYS = 16
const heads = new Int32Array(MAX_WAYS)
const ends = new Int32Array(MAX_WAYS)
/** Above every valid line number (MAX_LINE_NUMBER is 2^24). */
const NO_LINE = 0xffffffff

function loadHeads(bounds: readonly number[]): number {
  let total = 0
  for (let way = 0; way < bounds.length / 2; way++) {
    heads[way] = bounds[2 * way] as number
    ends[way] = bounds[2 * way + 1] as number
    total += (ends[way] as number) - (heads[way] as number)
  }
  return total
}

/** True when every stretch starts above the previous one's end: concatenation is the merge. */
export function stretchesAscending(lines: Uint32Array, bounds: readonly number[]): boolean {
  for (let pair = 2; pair < bounds.length; pair += 2) {
    const previousLast = lines[(bounds[pair - 1] as number) - 1] as number
    if ((lines[bounds[pair] as number] as number) <= previousLast) return false
  }
  return true
}

export interface MergedLines {
  numbers: Uint32Array
  hits: Float64Array
  saturated: boolean
}

/** Merges the sorted, unique line stretches `bounds` (at most MAX_WAYS) into `output`. */
export function mergeLineStretches(
  source: LineArena,
  bounds: readonly number[],
  output: LineArena
): MergedLines {
  const ways = bounds.length / 2
  const total = loadHeads(bounds)
  const start = output.length
  while (start + total > output.numbers.length) output.grow()
  const numbers = source.numbers
  const hits = source.hits
  const outNumbers = output.numbers
  const outHits = output.hits
  let count = start
  let saturated = false
  for (;;) {
    let line = NO_LINE
    for (let way = 0; way < ways; way++) {
      const head = heads[way] as number
      if (head < (ends[way] as number) && (numbers[head] as number) < line) {
        line = numbers[head] as number
      }
    }
    if (line === NO_LINE) break
    let sum = -1
    for (let way = 0; way < ways; way++) {
      const head = heads[way] as number
      if (head < (ends[way] as number) && numbers[head] === line) {
        const value = hits[head] as number
        if (sum < 0) sum = value
        else {
          sum = addCounts(sum, value)
          if (sum === MAX_COUNT) saturated = true
        }
        heads[way] = head + 1
      }
    }
    outNumbers[count] = line
    outHits[count++] = sum
  }
  output.length = count
  return {
    numbers: outNumbers.subarray(start, count),
    hits: outHits.subarray(start, count),
    saturated
  }
}

/** Merges sorted, unique branch stretches `bounds` (at most MAX_WAYS) into `output`. */
export function mergeBranchStretches(
  source: BranchArena,
  bounds: readonly number[],
  output: BranchArena
): { table: BranchTable; saturated: boolean } {
  const ways = bounds.length / 2
  const total = loadHeads(bounds)
  const start = output.length
  while (start + total > output.lines.length) output.grow()
  const labelled = source.labels !== undefined
  let count = start
  let saturated = false
  for (;;) {
    let smallest = -1
    for (let way = 0; way < ways; way++) {
      const head = heads[way] as number
      if (head < (ends[way] as number) && (smallest < 0 || before(source, head, smallest))) {
        smallest = head
      }
    }
    if (smallest < 0) break
    let taken = source.taken[smallest] as number
    const label = labelled ? source.labelAt(smallest) : undefined
    const line = source.lines[smallest] as number
    const block = source.blocks[smallest] as number
    const id = source.ids[smallest] as number
    for (let way = 0; way < ways; way++) {
      const head = heads[way] as number
      if (head === smallest) heads[way] = head + 1
      else if (
        head < (ends[way] as number) &&
        compareAt(source, head, line, block, id, label) === 0
      ) {
        taken = combineTaken(taken, source.taken[head] as number)
        if (taken === MAX_COUNT) saturated = true
        heads[way] = head + 1
      }
    }
    output.lines[count] = line
    output.blocks[count] = block
    output.ids[count] = id
    output.taken[count] = taken
    if (labelled) output.setLabel(count, label)
    count++
  }
  output.length = count
  return { table: branchView(output, start, count, labelled), saturated }
}

/** Whether outcome `a` of the arena orders before outcome `b` (line, block, id, label). */
function before(arena: BranchArena, a: number, b: number): boolean {
  return (
    compareAt(
      arena,
      a,
      arena.lines[b] as number,
      arena.blocks[b] as number,
      arena.ids[b] as number,
      arena.labelAt(b)
    ) < 0
  )
}

function branchView(arena: BranchArena, start: number, end: number, labelled: boolean) {
  const labels: Array<string | undefined> | undefined = labelled ? [] : undefined
  if (labels !== undefined)
    for (let index = start; index < end; index++) labels.push(arena.labelAt(index))
  return {
    lines: arena.lines.subarray(start, end),
    blocks: arena.blocks.subarray(start, end),
    ids: arena.ids.subarray(start, end),
    labels,
    taken: arena.taken.subarray(start, end)
  }
}
