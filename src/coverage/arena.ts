/**
 * Shared backing stores for the line and branch tables of one parse (or one merge).
 *
 * Allocating two typed arrays per file and growing them costs more than parsing the file
 * (every ArrayBuffer is an off-heap allocation the garbage collector tracks). Instead, one
 * arena holds the records of all files back to back; a file's table is a `subarray` view of
 * its stretch. Readers that know an upper bound (lcov: one DA record needs at least 7 bytes)
 * size the arena once: untouched pages of a large zeroed allocation are never made resident,
 * so the bound costs address space, not memory.
 */

/** Anything that can own the open stretch at the end of an arena. */
export interface ArenaOwner {
  /**
   * Called when another owner starts writing: the previous stretch ends at `end`, the arena's
   * length, of `capacity`. Returns how far the arena's length moves: up by room the owner keeps
   * free after its stretch, down by a stretch it folded into room kept earlier, or 0.
   */
  closeStretch(end: number, capacity: number): number
}

export class LineArena {
  numbers: Uint32Array
  hits: Float64Array
  length = 0
  owner: ArenaOwner | undefined

  constructor(capacity: number) {
    this.numbers = new Uint32Array(Math.max(16, capacity))
    this.hits = new Float64Array(Math.max(16, capacity))
  }

  /** Hands the end of the arena to `owner` (none: just close); returns where it starts. */
  take(owner: ArenaOwner | undefined): number {
    if (this.owner !== undefined)
      this.length += this.owner.closeStretch(this.length, this.numbers.length)
    this.owner = owner
    return this.length
  }

  grow(): void {
    const capacity = this.numbers.length * 2
    const numbers = new Uint32Array(capacity)
    numbers.set(this.numbers)
    const hits = new Float64Array(capacity)
    hits.set(this.hits)
    this.numbers = numbers
    this.hits = hits
  }
}

export class BranchArena {
  lines: Uint32Array
  blocks: Int32Array
  ids: Int32Array
  taken: Float64Array
  /** Created on the first labelled outcome; aligned with the typed arrays. */
  labels: Array<string | undefined> | undefined
  length = 0
  owner: ArenaOwner | undefined

  constructor(capacity: number) {
    const size = Math.max(16, capacity)
    this.lines = new Uint32Array(size)
    this.blocks = new Int32Array(size)
    this.ids = new Int32Array(size)
    this.taken = new Float64Array(size)
  }

  take(owner: ArenaOwner | undefined): number {
    if (this.owner !== undefined)
      this.length += this.owner.closeStretch(this.length, this.lines.length)
    this.owner = owner
    return this.length
  }

  grow(): void {
    const capacity = this.lines.length * 2
    const lines = new Uint32Array(capacity)
    lines.set(this.lines)
    const blocks = new Int32Array(capacity)
    blocks.set(this.blocks)
    const ids = new Int32Array(capacity)
    ids.set(this.ids)
    const taken = new Float64Array(capacity)
    taken.set(this.taken)
    this.lines = lines
    this.blocks = blocks
    this.ids = ids
    this.taken = taken
  }

  labelAt(index: number): string | undefined {
    return this.labels === undefined ? undefined : this.labels[index]
  }

  setLabel(index: number, label: string | undefined): void {
    if (label === undefined && this.labels === undefined) return
    this.labels ??= []
    while (this.labels.length < index) this.labels.push(undefined)
    this.labels[index] = label
  }
}

/** The two arenas a parse fills; `estimatedLines` sizes them (they grow when it is low). */
export interface Arenas {
  readonly lines: LineArena
  readonly branches: BranchArena
}

/**
 * Largest branch arena made up front (10 MiB); beyond it the arena grows when it fills.
 * Readers bound branch outcomes by the shortest BRDA record (13 bytes), which for a 22 MB
 * tracefile reserves 37 MB for the 160,000 outcomes such a file holds. Reserved ArrayBuffer
 * memory counts against the garbage collector's 64 MB allowance for memory outside its heap:
 * with the line arena it passed that at once, which forced a full collection at startup and
 * left a low heap limit, so a second full collection (12–30 ms on the bench shards) followed.
 */
const BRANCH_ARENA_START = 1 << 19

export function createArenas(estimatedLines: number, estimatedBranches: number): Arenas {
  return {
    lines: new LineArena(estimatedLines),
    branches: new BranchArena(Math.min(estimatedBranches, BRANCH_ARENA_START))
  }
}
