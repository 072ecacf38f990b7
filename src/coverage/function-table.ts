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
  /** Created when the table outgrows a linear scan (see find). */
  private byName: Map<string, MutableFunction> | undefined
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

  /** Where the next expected function is (see matchNext). */
  get expected(): number {
    return this.cursor
  }

  /**
   * Adds a function; `key` is only asked for when the name is new. A new function goes to
   * `position` of the expected order (default: the end), so that records of later shards,
   * which list it among the same neighbours, find it with matchNext. Returns whether it was new.
   */
  add(
    name: string,
    start: number,
    end: number | undefined,
    hits: number,
    key: string | ((name: string, start: number) => string),
    position = this.order.length
  ): boolean {
    const existing = this.find(name)
    if (existing !== undefined) {
      this.addHits(existing, hits)
      // The earliest start wins, whatever order the reports come in (deterministic output).
      if (
        start < existing.start ||
        (start === existing.start && (end ?? 0) < (existing.end ?? 0))
      ) {
        existing.start = start
        existing.end = end
        existing.key = typeof key === 'string' ? key : key(name, start)
      }
      return false
    }
    const record = { name, start, end, hits, key: typeof key === 'string' ? key : key(name, start) }
    this.byName?.set(name, record)
    const order = this.order
    let at = order.length
    order.push(record)
    // Moved by hand: splice would allocate an array of the removed elements every time.
    for (; at > position; at--) order[at] = order[at - 1] as MutableFunction
    order[at] = record
    return true
  }

  /**
   * The function named `name`: a scan while the table is small (most files have a few dozen
   * functions, and a map per file cost more than scanning), a map once it is not.
   */
  private find(name: string): MutableFunction | undefined {
    const order = this.order
    if (this.byName === undefined) {
      if (order.length <= SCAN_LIMIT) {
        for (let index = 0; index < order.length; index++) {
          const record = order[index] as MutableFunction
          if (record.name === name) return record
        }
        return undefined
      }
      this.byName = new Map(order.map((record) => [record.name, record]))
    }
    return this.byName.get(name)
  }

  addHits(record: MutableFunction, hits: number): void {
    const total = record.hits + hits
    if (total >= MAX_COUNT) this.saturated = true
    record.hits = Math.min(total, MAX_COUNT)
  }

  /**
   * The next expected function when its (ASCII) name equals bytes [start, end) of `data`. A
   * record of another build may lack some functions (cfg'd code, other instantiations), so a
   * few records past the expected one are tried too; a match moves the expectation past it.
   */
  matchNext(data: Uint8Array, start: number, end: number): MutableFunction | undefined {
    const order = this.order
    const last = Math.min(order.length, this.cursor + LOOKAHEAD)
    for (let index = this.cursor; index < last; index++) {
      const record = order[index] as MutableFunction
      if (nameIs(record.name, data, start, end)) {
        this.cursor = index + 1
        return record
      }
    }
    return undefined
  }

  /** Sorted by start line, then name (tracefiles usually list them so: then no sort). */
  list(): FunctionRecord[] {
    const list = this.order.slice()
    // Usually in order, or nearly: instantiations of one function listed in another order than
    // by name. Insertion sort fixes that in place; far from sorted, the general sort takes over.
    let budget = 4 * list.length
    for (let index = 1; index < list.length; index++) {
      const record = list[index] as MutableFunction
      let at = index
      while (at > 0 && compareFunctions(list[at - 1] as MutableFunction, record) > 0) {
        list[at] = list[at - 1] as MutableFunction
        at--
        if (--budget < 0) {
          list[at] = record
          return list.sort(compareFunctions)
        }
      }
      list[at] = record
    }
    return list
  }
}

/** Tables up to this size are searched by scanning (see find). */
const SCAN_LIMIT = 32

/** Functions past the expected one that matchNext tries before decoding the name. */
const LOOKAHEAD = 8

/** Whether bytes [start, end) of `data` spell `name` (ASCII only). */
function nameIs(name: string, data: Uint8Array, start: number, end: number): boolean {
  if (name.length !== end - start) return false
  for (let index = 0; index < name.length; index++) {
    // A byte ≥ 0x80 is part of a UTF-8 sequence, never equal to one UTF-16 unit of a name.
    const byte = data[start + index] as number
    if (byte !== name.charCodeAt(index) || byte >= 0x80) return false
  }
  return true
}

function compareFunctions(a: FunctionRecord, b: FunctionRecord): number {
  return a.start - b.start || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
}
