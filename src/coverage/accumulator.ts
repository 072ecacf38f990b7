import { createArenas, type Arenas } from './arena.js'
import { FileBuilder } from './file-builder.js'
import type { CoverageReport, FileCoverage, ReportFormat } from './model.js'

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
  private readonly branchConflicts = new Map<
    string,
    { kept: ReportFormat; dropped: Set<ReportFormat> }
  >()
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

  addSourceRoots(roots: readonly string[]): void {
    for (const root of roots) this.sourceRoots.add(root)
  }

  /** Adds every file of a parsed report. */
  add(report: CoverageReport): void {
    this.addNotes(report.notes)
    this.addSourceRoots(report.sourceRoots)
    for (const file of report.files.values()) this.addFile(file)
  }

  addFile(file: FileCoverage): void {
    const builder = this.record(file.path)
    builder.outsideWorkspace = (builder.outsideWorkspace ?? true) && file.outsideWorkspace
    builder.addLineTable(file.lineNumbers, file.lineHits)
    if (file.branchSource !== undefined && file.branches.lines.length > 0) {
      this.addBranches(builder, file, file.branchSource)
    }
    for (const record of file.functions) {
      builder.addFunction(record.name, record.start, record.end, record.hits, record.key)
    }
    for (const [line, names] of file.contexts ?? []) builder.addContexts(line, names)
  }

  build(): CoverageReport {
    this.built = true
    const files = new Map<string, FileCoverage>()
    const saturated: string[] = []
    for (const [path, builder] of this.builders) {
      files.set(path, builder.build())
      if (builder.saturated) saturated.push(path)
    }
    const notes = [...this.notes]
    for (const [path, { kept, dropped }] of this.branchConflicts) {
      notes.push(
        `${path}: branch data from ${kept} kept, from ${[...dropped].join(', ')} dropped ` +
          '(their branch identities cannot be added up)'
      )
    }
    if (saturated.length > 0) {
      notes.push(
        `counts in ${saturated.length} file(s) reached 2^53 - 1 and were capped there ` +
          `(first: ${saturated[0]})`
      )
    }
    return { files, sourceRoots: [...this.sourceRoots], notes }
  }

  private addBranches(builder: FileBuilder, file: FileCoverage, incoming: ReportFormat): void {
    const existing = builder.branchSource
    if (existing !== undefined && existing !== incoming) {
      const incomingWins = BRANCH_PRECEDENCE.indexOf(incoming) < BRANCH_PRECEDENCE.indexOf(existing)
      const kept = incomingWins ? incoming : existing
      const conflict = this.branchConflicts.get(file.path) ?? { kept, dropped: new Set() }
      conflict.kept = kept
      conflict.dropped.delete(kept)
      conflict.dropped.add(incomingWins ? existing : incoming)
      this.branchConflicts.set(file.path, conflict)
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
