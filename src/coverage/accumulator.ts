import { createArenas, type Arenas } from './arena.js'
import { FileBuilder } from './file-builder.js'
import type { CoverageReport, FileCoverage, ReportFormat, Tally } from './model.js'
import { addTallies, addTally } from './notes.js'

/** Which branch data wins when one file has it from formats with incompatible identities. */
const BRANCH_PRECEDENCE: readonly ReportFormat[] = ['lcov', 'coveragepy-json', 'cobertura']

export interface AccumulatorSizing {
  /** Expected instrumented lines over all files (the arenas grow past it when needed). */
  readonly lines?: number
  readonly branches?: number
}

/**
 * Collects coverage from any number of reports (or straight from lcov bytes, see
 * readLcovInto) and builds one CoverageReport; the same file from several sources sums the
 * way `lcov -a` does. `build()` is final: the built report's tables are views of the
 * accumulator's arenas.
 */
export class ReportAccumulator {
  private readonly builders = new Map<string, FileBuilder>()
  /** Builders in the order their files first appeared, and the one a reader expects next. */
  private readonly order: FileBuilder[] = []
  private expected = 0
  private readonly arenas: Arenas
  private readonly sourceRoots = new Set<string>()
  private readonly notes: string[] = []
  private readonly tallies = new Map<string, Tally>()
  /** Per path: formats whose branch data was dropped (notes.ts writes the note). */
  private readonly droppedBranches = new Map<string, Set<ReportFormat>>()
  /** Paths whose counts reached 2^53 - 1 in an earlier merge. */
  private readonly saturatedBefore = new Set<string>()
  private built = false

  constructor(sizing: AccumulatorSizing = {}) {
    this.arenas = createArenas(sizing.lines ?? 1024, sizing.branches ?? 256)
  }

  /** Distinct files so far (readers bound it: each costs memory whatever its records). */
  get fileCount(): number {
    return this.order.length
  }

  /** The builder of `path`, starting a new record of it (a block, a report). */
  record(path: string): FileBuilder {
    if (this.built) throw new Error('ReportAccumulator: build() was already called')
    let builder = this.builders.get(path)
    if (builder === undefined) {
      builder = new FileBuilder(path, this.arenas, this.order.length)
      this.builders.set(path, builder)
      this.order.push(builder)
    }
    this.expected = builder.order + 1
    builder.beginRecord()
    return builder
  }

  /**
   * record() for the file whose path is bytes [start, end) of `data` when it is the file after
   * the previous record's one; undefined otherwise. Shards of one build list their files in the
   * same order, so every shard after the first finds its paths here without decoding them.
   * Only ASCII bytes match (a decoded string's UTF-16 units are not its UTF-8 bytes).
   */
  recordIfNext(data: Uint8Array, start: number, end: number): FileBuilder | undefined {
    const builder = this.order[this.expected]
    if (this.built || builder === undefined || builder.path.length !== end - start) return undefined
    const path = builder.path
    for (let index = 0; index < path.length; index++) {
      const byte = data[start + index] as number
      if (byte !== path.charCodeAt(index) || byte >= 0x80) return undefined
    }
    this.expected++
    builder.beginRecord()
    return builder
  }

  addNotes(notes: readonly string[]): void {
    this.notes.push(...notes)
  }

  /** Adds to a counted note (see model.ts): counts from several reports or threads add up. */
  addTally(key: string, count: number, examples?: readonly string[]): void {
    addTally(this.tallies, key, count, examples)
  }

  addSourceRoots(roots: readonly string[]): void {
    for (const root of roots) this.sourceRoots.add(root)
  }

  /** Adds every file of a parsed report. */
  add(report: CoverageReport): void {
    this.addNotes(report.notes)
    addTallies(this.tallies, report.tallies)
    this.addSourceRoots(report.sourceRoots)
    for (const file of report.files.values()) this.addFile(file)
  }

  addFile(file: FileCoverage): void {
    const builder = this.record(file.path)
    builder.outsideWorkspace = (builder.outsideWorkspace ?? true) && file.outsideWorkspace
    if (file.saturated === true) this.saturatedBefore.add(file.path)
    for (const format of file.droppedBranchSources ?? []) this.dropBranchSource(file.path, format)
    builder.addLineTable(file.lineNumbers, file.lineHits)
    if (file.branchSource !== undefined && file.branches.lines.length > 0) {
      this.addBranches(builder, file, file.branchSource)
    }
    for (const record of file.functions) {
      builder.addFunction(record.name, record.start, record.end, record.hits, record.key)
    }
    for (const [line, names] of file.contexts ?? []) builder.addContexts(line, names)
  }

  /**
   * The report. Dropped branch sources and capped counts stay with their files, and counted
   * notes stay tallies, so that a later merge of this report adds up to the same notes
   * (notes.ts writes them out).
   */
  build(): CoverageReport {
    this.built = true
    const files = new Map<string, FileCoverage>()
    // Every stretch is closed now; tables that are no view of one stretch go into one output
    // arena pair sized for all of them.
    this.arenas.lines.take(undefined)
    this.arenas.branches.take(undefined)
    let outputLines = 0
    let outputBranches = 0
    for (const builder of this.order) {
      const size = builder.outputSize()
      outputLines += size.lines
      outputBranches += size.branches
    }
    const output = createArenas(outputLines, outputBranches)
    for (const [path, builder] of this.builders) {
      const file = builder.build(output)
      const dropped = this.droppedBranches.get(path)
      dropped?.delete(file.branchSource as ReportFormat)
      const saturated = builder.saturated || this.saturatedBefore.has(path)
      files.set(
        path,
        dropped?.size || saturated
          ? {
              ...file,
              ...(dropped?.size ? { droppedBranchSources: [...dropped] } : {}),
              ...(saturated ? { saturated } : {})
            }
          : file
      )
    }
    const tallies = new Map(this.tallies)
    return { files, sourceRoots: [...this.sourceRoots], notes: [...this.notes], tallies }
  }

  private dropBranchSource(path: string, format: ReportFormat): void {
    const dropped = this.droppedBranches.get(path) ?? new Set<ReportFormat>()
    dropped.add(format)
    this.droppedBranches.set(path, dropped)
  }

  private addBranches(builder: FileBuilder, file: FileCoverage, incoming: ReportFormat): void {
    const existing = builder.branchSource
    if (existing !== undefined && existing !== incoming) {
      const incomingWins = BRANCH_PRECEDENCE.indexOf(incoming) < BRANCH_PRECEDENCE.indexOf(existing)
      this.dropBranchSource(file.path, incomingWins ? existing : incoming)
      if (!incomingWins) return
      builder.dropBranches()
    }
    builder.branchSource = incoming
    const table = file.branches
    for (let index = 0; index < table.lines.length; index++) {
      builder.addBranch(
        table.lines[index] as number,
        table.blocks[index] as number,
        table.ids[index] as number,
        table.labels?.[index],
        table.taken[index] as number
      )
    }
  }
}
