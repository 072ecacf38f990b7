import type { LineArena } from './arena.js'
import { addCounts } from './counts.js'
import { MAX_COUNT } from './limits.js'
import { Stretches } from './stretches.js'

/**
 * A file's line stretches (see FileBuilder and Stretches): a quarter of the base is kept free
 * after it, which holds what most files gain over four shards of different builds.
 */
export class LineStretches extends Stretches {
  /** Every stretch ascending without repeats (false: build() sorts, nothing is folded). */
  sorted = true

  constructor(
    private readonly arena: LineArena,
    private readonly onSaturated: () => void
  ) {
    super()
  }

  protected override roomFor(length: number): number {
    return (length >> 2) + 4
  }

  protected override fold(start: number, end: number): boolean {
    if (!this.sorted) return false
    this.foldIntoBase(start, end)
    return true
  }

  /**
   * Merges the ascending stretch [start, end) into the base, from the back: the base's lines
   * above each added line move up into the room (the write position stays at or above the
   * read position: the gap is the lines still to add). A line both have is summed, which
   * leaves one entry free at the front; the base then starts later.
   */
  private foldIntoBase(start: number, end: number): void {
    const numbers = this.arena.numbers
    const hits = this.arena.hits
    const baseStart = this.bounds[0] as number
    const baseEnd = this.bounds[1] as number
    let read = baseEnd - 1
    let write = baseEnd + (end - start) - 1
    for (let added = end - 1; added >= start; added--) {
      const line = numbers[added] as number
      while (read >= baseStart && (numbers[read] as number) > line) {
        numbers[write] = numbers[read] as number
        hits[write--] = hits[read--] as number
      }
      if (read >= baseStart && numbers[read] === line) {
        hits[write] = this.sum(hits[read--] as number, hits[added] as number)
      } else hits[write] = hits[added] as number
      numbers[write--] = line
    }
    const shift = write - read
    if (shift > 0) {
      numbers.copyWithin(baseStart + shift, baseStart, read + 1)
      hits.copyWithin(baseStart + shift, baseStart, read + 1)
    }
    this.bounds[0] = baseStart + shift
    this.bounds[1] = baseEnd + (end - start)
  }

  private sum(a: number, b: number): number {
    const total = addCounts(a, b)
    if (total === MAX_COUNT) this.onSaturated()
    return total
  }

  override clear(): void {
    super.clear()
    this.sorted = true
  }
}
