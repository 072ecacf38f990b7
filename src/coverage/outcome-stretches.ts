import type { BranchArena } from './arena.js'
import { Stretches } from './stretches.js'

/**
 * A file's branch stretches (see BranchStretches and Stretches): room after the base as for
 * lines, and folding of a record's new outcomes into it. Outcomes with text labels (lcov 2.x
 * branch expressions) are not folded; their stretches are merged at build().
 */
export class OutcomeStretches extends Stretches {
  /** Every stretch in outcome order without repeats (false: build() sorts, nothing is folded). */
  sorted = true

  constructor(
    private readonly arena: BranchArena,
    /** Combines two `taken` values of one outcome (`-` + n = n), noting a capped sum. */
    private readonly combine: (a: number, b: number) => number
  ) {
    super()
  }

  protected override roomFor(length: number): number {
    return (length >> 2) + 4
  }

  /**
   * Merges the ordered stretch [start, end) into the base from the back, as lines are (see
   * LineStretches): base outcomes above each added one move up into the room, an outcome both
   * have is combined, and the base then starts one entry later for each.
   */
  protected override fold(start: number, end: number): boolean {
    const arena = this.arena
    if (!this.sorted || arena.labels !== undefined) return false
    const baseStart = this.bounds[0] as number
    const baseEnd = this.bounds[1] as number
    let read = baseEnd - 1
    let write = baseEnd + (end - start) - 1
    for (let added = end - 1; added >= start; added--) {
      while (read >= baseStart && compareOutcomes(arena, read, added) > 0) {
        moveOutcome(arena, read--, write--)
      }
      if (read >= baseStart && compareOutcomes(arena, read, added) === 0) {
        const taken = this.combine(arena.taken[read--] as number, arena.taken[added] as number)
        moveOutcome(arena, added, write)
        arena.taken[write--] = taken
      } else moveOutcome(arena, added, write--)
    }
    const shift = write - read
    if (shift > 0) {
      for (const column of [arena.lines, arena.blocks, arena.ids, arena.taken]) {
        column.copyWithin(baseStart + shift, baseStart, read + 1)
      }
    }
    this.bounds[0] = baseStart + shift
    this.bounds[1] = baseEnd + (end - start)
    return true
  }

  override clear(): void {
    super.clear()
    this.sorted = true
  }
}

/** Orders unlabelled outcomes `a` and `b` of the arena: line, block, then id. */
function compareOutcomes(arena: BranchArena, a: number, b: number): number {
  return (
    (arena.lines[a] as number) - (arena.lines[b] as number) ||
    (arena.blocks[a] as number) - (arena.blocks[b] as number) ||
    (arena.ids[a] as number) - (arena.ids[b] as number)
  )
}

function moveOutcome(arena: BranchArena, from: number, to: number): void {
  arena.lines[to] = arena.lines[from] as number
  arena.blocks[to] = arena.blocks[from] as number
  arena.ids[to] = arena.ids[from] as number
  arena.taken[to] = arena.taken[from] as number
}
