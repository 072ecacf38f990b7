import type { ArenaOwner } from './arena.js'

/**
 * The stretches of an arena one file wrote, as flat [start, end) pairs; the first is the base
 * that later records of the file are matched against.
 */
export class Stretches implements ArenaOwner {
  readonly bounds: number[] = []
  /** Start of the stretch being written, or -1. */
  openStart = -1

  closeStretch(end: number): number {
    if (this.openStart >= 0 && end > this.openStart) this.bounds.push(this.openStart, end)
    this.openStart = -1
    return 0
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
  }
}
