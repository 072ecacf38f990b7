import type { BranchArena } from './arena.js'
import { combineTaken } from './counts.js'
import { MAX_COUNT } from './limits.js'
import { EMPTY_BRANCHES, type BranchTable } from './model.js'
import { OutcomeStretches } from './outcome-stretches.js'
import { mergeBranchStretches } from './branch-merge.js'
import { MAX_WAYS } from './stretch-merge.js'
import { sortBranchTable } from './table-sort.js'

/**
 * One file's branch outcomes in the branch arena: the same base-and-cursor scheme as lines
 * (see FileBuilder), with outcome identity (line, block, id, label) in place of the line.
 */
export class BranchStretches {
  readonly stretches: OutcomeStretches
  private cursor = -1

  constructor(
    readonly arena: BranchArena,
    private readonly onSaturated: () => void
  ) {
    this.stretches = new OutcomeStretches(arena, (a, b) => this.combine(a, b))
  }

  beginRecord(): void {
    if (this.arena.owner === this.stretches) this.arena.take(undefined)
    const own = this.stretches
    this.cursor = own.sorted && own.bounds.length > 0 ? own.baseStart() : -1
  }

  /**
   * For a reader's hot loop: the index of the base outcome the next one may match in place,
   * or -1 (appending, or labels in play). `matchedUpTo` moves past those the caller added.
   */
  get plainCursor(): number {
    return this.arena.labels === undefined && this.cursor < this.stretches.baseEnd()
      ? this.cursor
      : -1
  }

  /** Where the base ends: plainCursor stays below it. */
  get baseEnd(): number {
    return this.stretches.baseEnd()
  }

  /** The hot loop added the outcomes before `cursor` in place (see plainCursor). */
  matchedUpTo(cursor: number): void {
    this.cursor = cursor
  }

  /** add() for an unlabelled outcome, with the common case first: the base's next outcome. */
  addPlain(line: number, block: number, id: number, taken: number): void {
    const cursor = this.cursor
    const arena = this.arena
    if (
      cursor >= 0 &&
      cursor < this.stretches.baseEnd() &&
      arena.lines[cursor] === line &&
      arena.blocks[cursor] === block &&
      arena.ids[cursor] === id &&
      arena.labels === undefined
    ) {
      arena.taken[cursor] = this.combine(arena.taken[cursor] as number, taken)
      this.cursor = cursor + 1
      return
    }
    this.add(line, block, id, undefined, taken)
  }

  add(line: number, block: number, id: number, label: string | undefined, taken: number): void {
    const arena = this.arena
    const own = this.stretches
    if (this.cursor >= 0) {
      const end = own.baseEnd()
      let cursor = this.cursor
      while (cursor < end && compareAt(arena, cursor, line, block, id, label) < 0) cursor++
      this.cursor = cursor
      if (cursor < end && compareAt(arena, cursor, line, block, id, label) === 0) {
        arena.taken[cursor] = this.combine(arena.taken[cursor] as number, taken)
        this.cursor = cursor + 1
        return
      }
    }
    if (arena.owner !== own) own.openStart = arena.take(own)
    const count = arena.length
    if (count > own.openStart) {
      const order = compareAt(arena, count - 1, line, block, id, label)
      if (order === 0) {
        arena.taken[count - 1] = this.combine(arena.taken[count - 1] as number, taken)
        return
      }
      if (order > 0) own.sorted = false
    }
    if (count === arena.lines.length) arena.grow()
    arena.lines[count] = line
    arena.blocks[count] = block
    arena.ids[count] = id
    arena.taken[count] = taken
    arena.setLabel(count, label)
    arena.length = count + 1
  }

  /** Forgets every outcome (their arena space stays unused). */
  drop(): void {
    if (this.arena.owner === this.stretches) this.arena.take(undefined)
    this.stretches.clear()
    this.cursor = -1
  }

  /** Outcomes build() writes into the output arena (see FileBuilder.outputSize). */
  outputSize(): number {
    const bounds = this.stretches.bounds
    return bounds.length === 2 && this.stretches.sorted ? 0 : this.stretches.total()
  }

  /**
   * The file's sorted branch table: a view of the arena when it arrived in order, else the
   * stretches merged (or sorted) into `output`.
   */
  build(output: BranchArena): BranchTable {
    const arena = this.arena
    if (arena.owner === this.stretches) arena.take(undefined)
    const bounds = this.stretches.bounds
    if (bounds.length === 0) return EMPTY_BRANCHES
    if (bounds.length === 2 && this.stretches.sorted) {
      const [start, end] = bounds as [number, number]
      return {
        lines: arena.lines.subarray(start, end),
        blocks: arena.blocks.subarray(start, end),
        ids: arena.ids.subarray(start, end),
        labels: arena.labels === undefined ? undefined : labelsOf(arena, start, end),
        taken: arena.taken.subarray(start, end)
      }
    }
    const merged =
      this.stretches.sorted && bounds.length <= 2 * MAX_WAYS
        ? mergeBranchStretches(arena, bounds, output)
        : sortBranchTable(arena, bounds)
    if (merged.saturated) this.onSaturated()
    return merged.table
  }

  private combine(a: number, b: number): number {
    const total = combineTaken(a, b)
    if (total === MAX_COUNT) this.onSaturated()
    return total
  }
}

function labelsOf(arena: BranchArena, start: number, end: number): Array<string | undefined> {
  const labels: Array<string | undefined> = []
  for (let index = start; index < end; index++) labels.push(arena.labelAt(index))
  return labels
}

/** Orders arena outcome `index` against an identity: line, block, id, then label. */
export function compareAt(
  arena: BranchArena,
  index: number,
  line: number,
  block: number,
  id: number,
  label: string | undefined
): number {
  return (
    (arena.lines[index] as number) - line ||
    (arena.blocks[index] as number) - block ||
    (arena.ids[index] as number) - id ||
    compareLabels(arena.labelAt(index), label)
  )
}

function compareLabels(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0
  if (a === undefined) return -1
  if (b === undefined) return 1
  return a < b ? -1 : 1
}
