import type { ArenaOwner } from './arena.js'

/**
 * The stretches of an arena one file wrote, as flat [start, end) pairs; the first is the base
 * that later records of the file are matched against.
 *
 * Shards of different builds give a file entries its base lacks (cfg'd code, other features);
 * each record collects them in a stretch of its own. Subclasses keep room free after the base
 * (roomFor) and merge such a stretch into it when it fits (fold): later records then find
 * those entries in the base, and the file's table stays one stretch that build() can show as
 * it is. The room costs arena where shards agree, but those pages are touched anyway, as the
 * bases around the room fill them.
 */
/**
 * Room is kept only while the arena stays within this share of its capacity. Readers size an
 * arena for the shortest possible records (an lcov DA record takes 7 bytes), so room never
 * makes it grow: with records of b bytes a line, the lines fill 7/b of the capacity, and room
 * kept up to 60% adds 12% of it, which fits for b ≥ 8 (`DA:12,0`, the shortest real ones).
 */
const ROOM_LIMIT = 0.6

export class Stretches implements ArenaOwner {
  readonly bounds: number[] = []
  /** Start of the stretch being written, or -1. */
  openStart = -1
  /** End of the room kept free after the base. */
  private baseLimit = 0

  /**
   * Closes the open stretch at `end`, the arena's length, of `capacity`. Returns how far the
   * arena's length moves: up by the room kept after a base, down by a stretch folded into it.
   */
  closeStretch(end: number, capacity = end): number {
    const start = this.openStart
    this.openStart = -1
    if (start < 0 || end <= start) return 0
    this.bounds.push(start, end)
    if (this.bounds.length === 2) {
      const wanted = this.roomFor(end - start)
      const room = end + wanted <= capacity * ROOM_LIMIT ? wanted : 0
      this.baseLimit = end + room
      return room
    }
    const fits = (this.bounds[1] as number) + (end - start) <= this.baseLimit
    if (!fits || !this.fold(start, end)) return 0
    this.bounds.length -= 2
    return start - end
  }

  /** Entries to keep free after a base of `length` (here: none). */
  protected roomFor(_length: number): number {
    return 0
  }

  /**
   * Merges the stretch [start, end), which fits in the room, into the base and updates the
   * base's bounds; false when it cannot (here: never).
   */
  protected fold(_start: number, _end: number): boolean {
    return false
  }

  /** End of the last closed stretch (0 when none). */
  lastEnd(): number {
    return this.bounds.length === 0 ? 0 : (this.bounds[this.bounds.length - 1] as number)
  }

  baseStart(): number {
    return this.bounds[0] ?? 0
  }

  baseEnd(): number {
    return this.bounds[1] ?? 0
  }

  /** Entries over all closed stretches. */
  total(): number {
    let total = 0
    for (let index = 0; index < this.bounds.length; index += 2) {
      total += (this.bounds[index + 1] as number) - (this.bounds[index] as number)
    }
    return total
  }

  clear(): void {
    this.bounds.length = 0
    this.openStart = -1
    this.baseLimit = 0
  }
}
