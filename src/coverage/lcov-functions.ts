import { MAX_COUNT } from './limits.js'
import type { FileBuilder } from './file-builder.js'
import type { MutableFunction } from './function-table.js'
import { aliasGroupKey, lcovFunctionKey } from './function-identity.js'

/**
 * Function records of the open lcov record. FN declares (name → start line), FNDA adds hits
 * by name, in any order; lcov 2.x declares a location with FNL and names its aliases with
 * FNA. Everything resolves when the record ends. The arrays are reused from record to record,
 * and FNDA records, which nearly always follow the FN order, are matched by comparing bytes
 * with the next expected name instead of decoding and hashing every name twice.
 */
export class LcovFunctionRecords {
  private readonly names: string[] = []
  private readonly starts: number[] = []
  private readonly ends: Array<number | undefined> = []
  private readonly nameStarts: number[] = []
  private readonly hits: number[] = []
  /** The file's existing function each FN matched (by bytes), if any. */
  private readonly known: Array<MutableFunction | undefined> = []
  /** For an FN the file did not know: where in the file's function order it came. */
  private readonly positions: number[] = []
  /** Entries in use; the arrays keep their length between records (shrinking them costs). */
  private count = 0
  private expected = 0
  private byName: Map<string, number> | undefined
  private strayHits: Map<string, number> | undefined
  private readonly groups = new Map<number, { start: number; end: number | undefined }>()
  private readonly aliases: Array<{ index: number; hits: number; name: string }> = []
  private undeclared = 0
  private aliasesWithoutGroup = 0
  /** FN and FNA records of the whole report (the reader bounds them). */
  declaredInReport = 0

  constructor(private readonly source: string) {}

  declare(
    name: string,
    start: number,
    end: number | undefined,
    at: number,
    known?: MutableFunction,
    position = 0
  ) {
    const index = this.count++
    this.declaredInReport++
    this.known[index] = known
    this.positions[index] = position
    this.names[index] = name
    this.starts[index] = start
    this.ends[index] = end
    this.nameStarts[index] = at
    this.hits[index] = 0
    if (this.byName !== undefined && !this.byName.has(name)) this.byName.set(name, index)
  }

  /**
   * Adds hits when the FNDA name bytes equal the next declared name (whose bytes start at its
   * `at` offset in the same data); false otherwise. Only ASCII names match here: the declared
   * name's length counts UTF-16 units, and a shorter non-ASCII name can have as many bytes as a
   * longer one has units (`é` is 2 bytes, `éx` 2 units), so it takes the decoding path.
   */
  addHitsToExpected(data: Uint8Array, start: number, end: number, hits: number): boolean {
    const index = this.expected
    if (index >= this.count) return false
    const name = this.names[index] as string
    if (end - start !== name.length) return false
    const declaredAt = this.nameStarts[index] as number
    for (let offset = 0; offset < name.length; offset++) {
      const byte = data[start + offset] as number
      if (byte !== data[declaredAt + offset] || byte >= 0x80) return false
    }
    this.hits[index] = Math.min((this.hits[index] as number) + hits, MAX_COUNT)
    this.expected = index + 1
    return true
  }

  addHits(name: string, hits: number): void {
    if (this.byName === undefined) {
      this.byName = new Map()
      for (let index = 0; index < this.count; index++) {
        const declared = this.names[index] as string
        if (!this.byName.has(declared)) this.byName.set(declared, index)
      }
    }
    const index = this.byName.get(name)
    if (index !== undefined) {
      this.hits[index] = Math.min((this.hits[index] as number) + hits, MAX_COUNT)
      return
    }
    this.strayHits ??= new Map()
    this.strayHits.set(name, Math.min((this.strayHits.get(name) ?? 0) + hits, MAX_COUNT))
  }

  declareGroup(index: number, start: number, end: number | undefined): void {
    this.groups.set(index, { start, end })
  }

  addAlias(index: number, hits: number, name: string): void {
    this.declaredInReport++
    this.aliases.push({ index, hits, name })
  }

  /** Moves the record's functions into `file` and resets for the next record. */
  flushInto(file: FileBuilder): void {
    const count = this.count
    // Positions were taken before this record's new functions were in the order.
    let inserted = 0
    for (let index = 0; index < count; index++) {
      const name = this.names[index] as string
      const start = this.starts[index] as number
      let hits = this.hits[index] as number
      const stray = this.strayHits?.get(name)
      if (stray !== undefined) {
        hits = Math.min(hits + stray, MAX_COUNT)
        this.strayHits?.delete(name)
      }
      const known = this.known[index]
      if (known !== undefined && known.name === name) file.functions.addHits(known, hits)
      else {
        const position = (this.positions[index] as number) + inserted
        if (file.functions.add(name, start, this.ends[index], hits, lcovFunctionKey, position))
          inserted++
      }
    }
    this.undeclared += this.strayHits?.size ?? 0
    const aliases = this.aliases
    for (let alias = 0; alias < aliases.length; alias++) {
      const { index, hits, name } = aliases[alias] as (typeof aliases)[number]
      const group = this.groups.get(index)
      if (group === undefined) this.aliasesWithoutGroup++
      else
        file.addFunction(
          name,
          group.start,
          group.end,
          hits,
          aliasGroupKey(name, group.start, group.end)
        )
    }
    this.reset()
  }

  /**
   * Counted notes (see model.ts) about records that were ignored: counts, so that the two
   * halves of a tracefile read by two threads add up to what one thread would say.
   */
  tallies(): Array<[key: string, count: number]> {
    return [
      [`${this.source}: {count} FNDA records name no FN function; ignored`, this.undeclared],
      [`${this.source}: {count} FNA records have no FNL; ignored`, this.aliasesWithoutGroup]
    ]
  }

  private reset(): void {
    this.count = 0
    this.expected = 0
    this.byName = undefined
    this.strayHits = undefined
    // Only when used: clearing a Map allocates a new table, and nearly every record has none.
    if (this.groups.size > 0) this.groups.clear()
    if (this.aliases.length > 0) this.aliases.length = 0
  }
}
