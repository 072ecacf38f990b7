import type { Arenas, LineArena } from './arena.js'
import { addCounts } from './counts.js'
import { BranchStretches } from './branch-stretches.js'
import { MAX_COUNT } from './limits.js'
import { languageOf, type FileCoverage, type ReportFormat } from './model.js'
import { FunctionTable } from './function-table.js'
import { LineStretches } from './line-stretches.js'
import { MAX_WAYS, mergeLineStretches, stretchesAscending } from './stretch-merge.js'
import { sortLineTable } from './table-sort.js'

/**
 * Collects one file's records — from one report or from many — and builds the sorted,
 * de-duplicated FileCoverage. Repeats add up, as `lcov -a` does: line hits and branch counts
 * sum, functions sum their hits per name.
 *
 * Why it is fast: the first record of a file becomes its base stretch in the arena. Every
 * later record of the same file (another block, another shard) is matched against the base
 * with a cursor and added in place, so merging N shards of one build allocates nothing after
 * the first. Lines the base lacks (shards of different builds: cfg'd code, other features) go
 * to one extra stretch per record, folded into room kept after the base when it fits
 * (line-stretches.ts); stretches that did not fit are sorted, so build() merges them with the
 * base in one linear pass (stretch-merge.ts). Later records keep matching the base.
 */
export class FileBuilder {
  private readonly lines: LineStretches
  /** Next base index a line may match, or -1 when this record appends instead. */
  private lineCursor = -1
  readonly branchStretches: BranchStretches
  readonly functions = new FunctionTable()
  /** Test names per line: a set, since a merge adds each report's names (many thousand a line). */
  private contexts: Map<number, Set<string>> | undefined
  branchSource: ReportFormat | undefined
  /** Set by merges: true only when every contributing file lay outside the workspace. */
  outsideWorkspace: boolean | undefined
  /** Set when a sum reached 2^53 - 1 and stopped there. */
  saturated = false

  constructor(
    readonly path: string,
    private readonly arenas: Arenas,
    /** Position among the accumulator's files in first-seen order. */
    readonly order = 0
  ) {
    this.lines = new LineStretches(arenas.lines, () => (this.saturated = true))
    this.branchStretches = new BranchStretches(arenas.branches, () => (this.saturated = true))
  }

  /** A new record (SF block, report) of this file starts: match it against the base. */
  beginRecord(): void {
    const arena = this.arenas.lines
    if (arena.owner === this.lines) arena.take(undefined)
    this.lineCursor =
      this.lines.sorted && this.lines.bounds.length > 0 ? this.lines.baseStart() : -1
    this.branchStretches.beginRecord()
    this.functions.rewind()
  }

  /** Where the hot loop may add in place: [cursor, end) of the base, or cursor -1. */
  get matchCursor(): number {
    return this.lineCursor
  }
  set matchCursor(cursor: number) {
    this.lineCursor = cursor
  }
  get baseEnd(): number {
    return this.lines.baseEnd()
  }

  /** Hands the line arena to this file for appending (see plainLineRun). */
  claimLines(): LineArena {
    const arena = this.arenas.lines
    if (arena.owner !== this.lines) this.lines.openStart = arena.take(this.lines)
    return arena
  }
  get lineArena(): LineArena {
    return this.arenas.lines
  }
  get lineStretchStart(): number {
    return this.lines.openStart
  }

  lineOrderBroken(): void {
    this.lines.sorted = false
  }
  markSaturated(): void {
    this.saturated = true
  }

  addLine(line: number, hits: number): void {
    const arena = this.arenas.lines
    if (this.lineCursor >= 0) {
      const numbers = arena.numbers
      const end = this.lines.baseEnd()
      let cursor = this.lineCursor
      while (cursor < end && (numbers[cursor] as number) < line) cursor++
      this.lineCursor = cursor
      if (cursor < end && numbers[cursor] === line) {
        arena.hits[cursor] = this.sum(arena.hits[cursor] as number, hits)
        this.lineCursor = cursor + 1
        return
      }
    }
    this.claimLines()
    const count = arena.length
    if (count > this.lines.openStart) {
      const last = arena.numbers[count - 1] as number
      if (line === last) {
        arena.hits[count - 1] = this.sum(arena.hits[count - 1] as number, hits)
        return
      }
      if (line < last) this.lines.sorted = false
    }
    if (count === arena.numbers.length) arena.grow()
    arena.numbers[count] = line
    arena.hits[count] = hits
    arena.length = count + 1
  }

  /**
   * Adds a whole sorted, unique line table (a file of a parsed report): added element by
   * element when it equals the base (shards of one build), appended in one copy when it is
   * the file's first table, line by line otherwise.
   */
  addLineTable(numbers: Uint32Array, hits: Float64Array): void {
    const arena = this.arenas.lines
    const start = this.lineCursor
    if (
      start >= 0 &&
      start === this.lines.baseStart() &&
      this.lines.baseEnd() - start === numbers.length
    ) {
      const base = arena.numbers.subarray(start, start + numbers.length)
      if (base.every((line, index) => line === numbers[index])) {
        for (let index = 0; index < numbers.length; index++) {
          arena.hits[start + index] = this.sum(
            arena.hits[start + index] as number,
            hits[index] as number
          )
        }
        this.lineCursor = start + numbers.length
        return
      }
    }
    if (start < 0 && this.lines.bounds.length === 0 && numbers.length > 0) {
      this.claimLines()
      while (arena.length + numbers.length > arena.numbers.length) arena.grow()
      arena.numbers.set(numbers, arena.length)
      arena.hits.set(hits, arena.length)
      arena.length += numbers.length
      return
    }
    for (let index = 0; index < numbers.length; index++) {
      this.addLine(numbers[index] as number, hits[index] as number)
    }
  }

  addBranch(line: number, block: number, id: number, label: string | undefined, taken: number) {
    if (label === undefined) this.branchStretches.addPlain(line, block, id, taken)
    else this.branchStretches.add(line, block, id, label, taken)
  }

  /** Forgets the branch data collected so far (another format's data takes precedence). */
  dropBranches(): void {
    this.branchStretches.drop()
    this.branchSource = undefined
  }

  /** Adds a function; a name seen before keeps its first start/key and sums the hits. */
  addFunction(name: string, start: number, end: number | undefined, hits: number, key: string) {
    this.functions.add(name, start, end, hits, key)
  }

  addContexts(line: number, names: readonly string[]): void {
    this.contexts ??= new Map()
    let existing = this.contexts.get(line)
    if (existing === undefined) this.contexts.set(line, (existing = new Set()))
    for (const name of names) existing.add(name)
  }

  /**
   * Entries build() writes into the output arenas (the rest of the file's tables are views of
   * the arenas it was read into). Asked after reading, when every stretch is closed.
   */
  outputSize(): { lines: number; branches: number } {
    const bounds = this.lines.bounds
    const lines = bounds.length === 2 && this.lines.sorted ? 0 : this.lines.total()
    return { lines, branches: this.branchStretches.outputSize() }
  }

  /** The file's coverage; merged tables go into `output` (sized by outputSize()). */
  build(output: Arenas): FileCoverage {
    const lines = this.buildLines(output.lines)
    const branches = this.branchStretches.build(output.branches)
    const functions = this.functions.list()
    if (this.functions.saturated) this.saturated = true
    const contexts =
      this.contexts &&
      new Map(
        [...this.contexts].sort((a, b) => a[0] - b[0]).map(([line, names]) => [line, [...names]])
      )
    return {
      path: this.path,
      language: languageOf(this.path),
      outsideWorkspace: this.outsideWorkspace ?? false,
      lineNumbers: lines.numbers,
      lineHits: lines.hits,
      branches,
      branchSource: branches.lines.length === 0 ? undefined : this.branchSource,
      functions,
      contexts
    }
  }

  private buildLines(output: LineArena): { numbers: Uint32Array; hits: Float64Array } {
    const arena = this.arenas.lines
    if (arena.owner === this.lines) arena.take(undefined)
    const bounds = this.lines.bounds
    if (bounds.length === 2 && this.lines.sorted) {
      return {
        numbers: arena.numbers.subarray(bounds[0], bounds[1]),
        hits: arena.hits.subarray(bounds[0], bounds[1])
      }
    }
    if (this.lines.sorted && bounds.length <= 2 * MAX_WAYS) {
      const merged = mergeLineStretches(arena, bounds, output)
      if (merged.saturated) this.saturated = true
      return merged
    }
    const table = gatherLines(arena, bounds, output)
    if (this.lines.sorted && stretchesAscending(arena.numbers, bounds)) return table
    const sorted = sortLineTable(table.numbers, table.hits)
    if (sorted.saturated) this.saturated = true
    return sorted
  }

  private sum(a: number, b: number): number {
    const total = addCounts(a, b)
    if (total === MAX_COUNT) this.saturated = true
    return total
  }
}

/** The stretches one after another in `output` (the sort, or nothing, puts them in order). */
function gatherLines(arena: LineArena, bounds: readonly number[], output: LineArena) {
  let total = 0
  for (let index = 0; index < bounds.length; index += 2) {
    total += (bounds[index + 1] as number) - (bounds[index] as number)
  }
  const offset = output.length
  while (offset + total > output.numbers.length) output.grow()
  for (let index = 0; index < bounds.length; index += 2) {
    const start = bounds[index] as number
    const end = bounds[index + 1] as number
    output.numbers.set(arena.numbers.subarray(start, end), output.length)
    output.hits.set(arena.hits.subarray(start, end), output.length)
    output.length += end - start
  }
  return {
    numbers: output.numbers.subarray(offset, output.length),
    hits: output.hits.subarray(offset, output.length)
  }
}
