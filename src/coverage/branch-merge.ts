import { BranchArena } from './arena.js'
import { combineTaken } from './counts.js'
import { MAX_COUNT } from './limits.js'
import type { BranchTable } from './model.js'
import { stretchTotal } from './stretch-merge.js'

/**
 * Build-time merge of a file's branch stretches: the same scheme as its lines (see
 * stretch-merge.ts), with outcome identity (line, block, id, label) in place of the line and
 * `-` + n = n when combining. Stretches are in outcome order without repeats; the caller
 * leaves more than MAX_WAYS of them, or an unordered one, to the sort.
 */

/** Set by the merges below when a combined count reached 2^53 - 1 and stopped there. */
let takenCapped = false
const scratch = [new BranchArena(1024), new BranchArena(1024)] as const

/** Merges the ordered branch stretches `bounds` of `source` into `output`. */
export function mergeBranchStretches(
  source: BranchArena,
  bounds: readonly number[],
  output: BranchArena
): { table: BranchTable; saturated: boolean } {
  const total = stretchTotal(bounds)
  const start = output.length
  while (start + total > output.lines.length) output.grow()
  const labelled = source.labels !== undefined
  takenCapped = false
  let extras: BranchArena = source
  let extraStart = bounds[2] ?? 0
  let extraEnd = bounds[3] ?? 0
  for (let pair = 4; pair < bounds.length; pair += 2) {
    const into = scratch[(pair / 2) % 2] as BranchArena
    while (total > into.lines.length) into.grow()
    const from = bounds[pair] as number
    const to = bounds[pair + 1] as number
    extraEnd = mergeTwo(labelled, extras, extraStart, extraEnd, source, from, to, into, 0)
    extras = into
    extraStart = 0
  }
  const [baseStart, baseEnd] = [bounds[0] ?? 0, bounds[1] ?? 0]
  const end = mergeTwo(
    labelled,
    source,
    baseStart,
    baseEnd,
    extras,
    extraStart,
    extraEnd,
    output,
    start
  )
  output.length = end
  return { table: branchView(output, start, end, labelled), saturated: takenCapped }
}

/** Merges [a, aEnd) of `first` and [b, bEnd) of `second` into `output` from `at`. */
function mergeTwo(
  labelled: boolean,
  first: BranchArena,
  a: number,
  aEnd: number,
  second: BranchArena,
  b: number,
  bEnd: number,
  output: BranchArena,
  at: number
): number {
  let count = at
  while (a < aEnd && b < bEnd) {
    const order =
      (first.lines[a] as number) - (second.lines[b] as number) ||
      (first.blocks[a] as number) - (second.blocks[b] as number) ||
      (first.ids[a] as number) - (second.ids[b] as number) ||
      (labelled ? compareLabels(first.labelAt(a), second.labelAt(b)) : 0)
    if (order > 0) {
      copyOutcome(labelled, second, b++, output, count++)
      continue
    }
    copyOutcome(labelled, first, a++, output, count)
    if (order === 0) {
      const taken = combineTaken(output.taken[count] as number, second.taken[b++] as number)
      if (taken === MAX_COUNT) takenCapped = true
      output.taken[count] = taken
    }
    count++
  }
  while (a < aEnd) copyOutcome(labelled, first, a++, output, count++)
  while (b < bEnd) copyOutcome(labelled, second, b++, output, count++)
  return count
}

function copyOutcome(
  labelled: boolean,
  from: BranchArena,
  index: number,
  to: BranchArena,
  at: number
): void {
  to.lines[at] = from.lines[index] as number
  to.blocks[at] = from.blocks[index] as number
  to.ids[at] = from.ids[index] as number
  to.taken[at] = from.taken[index] as number
  // Every index written gets its label, so a reused scratch arena holds none from before.
  if (labelled) to.setLabel(at, from.labelAt(index))
}

/** Labels order after no label (see compareAt in branch-stretches.ts). */
function compareLabels(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0
  if (a === undefined) return -1
  if (b === undefined) return 1
  return a < b ? -1 : 1
}

function branchView(arena: BranchArena, start: number, end: number, labelled: boolean) {
  let labels: Array<string | undefined> | undefined
  if (labelled) {
    labels = []
    for (let index = start; index < end; index++) labels.push(arena.labelAt(index))
  }
  return {
    lines: arena.lines.subarray(start, end),
    blocks: arena.blocks.subarray(start, end),
    ids: arena.ids.subarray(start, end),
    labels,
    taken: arena.taken.subarray(start, end)
  }
}
