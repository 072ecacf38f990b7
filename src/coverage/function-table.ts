import { MAX_COUNT } from './limits.js'
import type { FunctionRecord } from './model.js'

export type MutableFunction = { -readonly [K in keyof FunctionRecord]: FunctionRecord[K] }

/**
 * One file's functions, merged by name: hits add up, and when reports disagree on where a
 * function starts the earliest start (with its end and key) stays, so that the merge gives
 * the same whatever the order of the reports.
 * Records of a file that was seen before list its functions in the same order, so `matchNext`
 * recognises the next expected one from its name's bytes — no decoding, no hashing.
 */
export class FunctionTable {
  private readonly byName = new Map<string, MutableFunction>()
  private readonly order: MutableFunction[] = []
  private cursor = 0
  /** Set when a sum reached 2^53 - 1 and stopped there. */
  saturated = false

  /** A new record of the file starts: expect its functions from the first again. */
  rewind(): void {
    this.cursor = 0
  }

  get size(): number {
    return this.order.length
  }

  /** Adds a function; `key` is only asked for when the name is new. */
  add(
    name: string,
    start: number,
    end: number | undefined,
    hits: number,
    key: string | ((name: string, start: number) => string)
  ) {
    const existing = this.byName.get(name)
    if (existing !== undefined) {
      this.addHits(existing, hits)
      if (
        start < existing.start ||
        (start === existing.start && (end ?? 0) < (existing.end ?? 0))
      ) {
        existing.start = start
        existing.end = end
        existing.key = typeof key === 'string' ? key : key(name, start)
      }
      return
    }
    const record = { name, start, end, hits, key: typeof key === 'string' ? key : key(name, start) }
    this.byName.set(name, record)
    this.order.push(record)
  }

  addHits(record: MutableFunction, hits: number): void {
    const total = record.hits + hits
    if (total >= MAX_COUNT) this.saturated = true
    record.hits = Math.min(total, MAX_COUNT)
  }

  /** The next expected function when its (ASCII) name equals bytes [start, end) of `data`. */
  matchNext(data: Uint8Array, start: number, end: number): MutableFunction | undefined {
    const record = this.order[this.cursor]
    if (record === undefined || record.name.length !== end - start) return undefined
    const name = record.name
    for (let index = 0; index < name.length; index++) {
      // A byte ≥ 0x80 is part of a UTF-8 sequence, never equal to one UTF-16 unit of a name.
      const byte = data[start + index] as number
      if (byte !== name.charCodeAt(index) || byte >= 0x80) return undefined
    }
    this.cursor++
    return record
  }

  /** Sorted by start line, then name (tracefiles usually list them so: then no sort). */
  list(): FunctionRecord[] {
    const order = this.order
    let sorted = true
    for (let index = 1; sorted && index < order.length; index++) {
      sorted =
        compareFunctions(order[index - 1] as MutableFunction, order[index] as MutableFunction) < 0
    }
    return sorted ? order.slice() : [...order].sort(compareFunctions)
  }
}

function compareFunctions(a: FunctionRecord, b: FunctionRecord): number {
  return a.start - b.start || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
}
