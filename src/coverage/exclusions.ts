import { CoverageError } from './errors.js'
import { compileGlob, matchesAnyGlob } from './glob.js'
import {
  EMPTY_BRANCHES,
  type BranchTable,
  type CoverageReport,
  type FileCoverage,
  type Language,
  type Tally
} from './model.js'
import { addTallies, addTally } from './notes.js'

export interface ExclusionOptions {
  /**
   * Source text of a report path (repo-relative inside the workspace), or undefined when there
   * is none; a CoverageError (a FIFO, a device, over the cap) becomes a note naming the file.
   */
  readonly readSource: (path: string) => string | undefined
  /** Files whose path matches any of these globs (see glob.ts) are dropped. */
  readonly excludeGlobs: readonly string[]
  /** Languages whose sources are searched for LCOV_EXCL markers; default all. */
  readonly markerLanguages?: readonly Language[]
}

export interface ExclusionMarkers {
  /** Lines excluded entirely (LCOV_EXCL_LINE, LCOV_EXCL_START..STOP inclusive). */
  readonly lines: ReadonlySet<number>
  /** Lines whose branch data is excluded (LCOV_EXCL_BR_LINE, LCOV_EXCL_BR_START..STOP). */
  readonly branchLines: ReadonlySet<number>
  /** Unbalanced START/STOP markers, as text for a note. */
  readonly problems: readonly string[]
}

/**
 * Finds lcov's exclusion markers in source text. llvm-cov and coverage.py do not apply them,
 * so the engine does, with lcov's meaning: START..STOP are inclusive; a START never stopped
 * excludes to the end of the file (and says so); a STOP without START is ignored (and said).
 */
export function findExclusionMarkers(text: string): ExclusionMarkers {
  const lines = new Set<number>()
  const branchLines = new Set<number>()
  const problems: string[] = []
  if (!text.includes('LCOV_EXCL_')) return { lines, branchLines, problems }
  const sourceLines = text.split('\n')
  let start = -1
  let branchStart = -1
  sourceLines.forEach((content, index) => {
    const line = index + 1
    if (!content.includes('LCOV_EXCL_')) {
      if (start >= 0) lines.add(line)
      if (branchStart >= 0) branchLines.add(line)
      return
    }
    if (content.includes('LCOV_EXCL_START') && start < 0) start = line
    if (content.includes('LCOV_EXCL_BR_START') && branchStart < 0) branchStart = line
    if (start >= 0 || content.includes('LCOV_EXCL_LINE')) lines.add(line)
    if (branchStart >= 0 || content.includes('LCOV_EXCL_BR_LINE')) branchLines.add(line)
    if (content.includes('LCOV_EXCL_STOP')) {
      if (start < 0) problems.push(`LCOV_EXCL_STOP without START on line ${line}`)
      start = -1
    }
    if (content.includes('LCOV_EXCL_BR_STOP')) {
      if (branchStart < 0) problems.push(`LCOV_EXCL_BR_STOP without START on line ${line}`)
      branchStart = -1
    }
  })
  if (start >= 0) problems.push(`LCOV_EXCL_START on line ${start} has no STOP; excluded to the end`)
  if (branchStart >= 0) {
    problems.push(`LCOV_EXCL_BR_START on line ${branchStart} has no STOP; excluded to the end`)
  }
  return { lines, branchLines, problems }
}

/**
 * Drops files matching the exclude globs, then applies the markers of each remaining file's
 * source: excluded lines disappear from lines, branches and contexts, and functions starting
 * on them disappear; branch markers remove only branch data.
 */
export function applyExclusions(report: CoverageReport, options: ExclusionOptions): CoverageReport {
  const globs = options.excludeGlobs.map(compileGlob)
  const languages = new Set(options.markerLanguages ?? ['rust', 'python', 'other'])
  const files = new Map<string, FileCoverage>()
  const notes = [...report.notes]
  let globbed = 0
  for (const [path, file] of report.files) {
    if (matchesAnyGlob(path, globs)) {
      globbed++
      continue
    }
    const text = languages.has(file.language) ? sourceOf(path, options, notes) : undefined
    if (text === undefined) {
      files.set(path, file)
      continue
    }
    const markers = findExclusionMarkers(text)
    for (const problem of markers.problems) notes.push(`${path}: ${problem}`)
    files.set(
      path,
      markers.lines.size + markers.branchLines.size === 0 ? file : excludeLines(file, markers)
    )
  }
  const tallies = new Map<string, Tally>()
  addTallies(tallies, report.tallies)
  addTally(tallies, '{count} file(s) matched exclude patterns and were left out', globbed)
  return { files, sourceRoots: report.sourceRoots, notes, tallies }
}

function sourceOf(path: string, options: ExclusionOptions, notes: string[]): string | undefined {
  try {
    return options.readSource(path)
  } catch (error) {
    if (!(error instanceof CoverageError)) throw error
    notes.push(`${path}: its LCOV_EXCL markers were not read: ${error.message}`)
    return undefined
  }
}

function excludeLines(file: FileCoverage, markers: ExclusionMarkers): FileCoverage {
  const keep: number[] = []
  for (let index = 0; index < file.lineNumbers.length; index++) {
    if (!markers.lines.has(file.lineNumbers[index] as number)) keep.push(index)
  }
  const contexts =
    file.contexts && new Map([...file.contexts].filter(([line]) => !markers.lines.has(line)))
  const branches = keptBranches(
    file.branches,
    (line) => markers.lines.has(line) || markers.branchLines.has(line)
  )
  return {
    ...file,
    lineNumbers: Uint32Array.from(keep, (index) => file.lineNumbers[index] as number),
    lineHits: Float64Array.from(keep, (index) => file.lineHits[index] as number),
    branches,
    branchSource: branches.lines.length === 0 ? undefined : file.branchSource,
    functions: file.functions.filter((record) => !markers.lines.has(record.start)),
    contexts
  }
}

/** The table without the outcomes on lines `excluded` says (the same table when none is). */
export function keptBranches(table: BranchTable, excluded: (line: number) => boolean): BranchTable {
  const keep: number[] = []
  for (let index = 0; index < table.lines.length; index++) {
    if (!excluded(table.lines[index] as number)) keep.push(index)
  }
  if (keep.length === table.lines.length) return table
  if (keep.length === 0) return EMPTY_BRANCHES
  return {
    lines: Uint32Array.from(keep, (index) => table.lines[index] as number),
    blocks: Int32Array.from(keep, (index) => table.blocks[index] as number),
    ids: Int32Array.from(keep, (index) => table.ids[index] as number),
    labels: table.labels && keep.map((index) => table.labels?.[index]),
    taken: Float64Array.from(keep, (index) => table.taken[index] as number)
  }
}
