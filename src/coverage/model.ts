/**
 * The one coverage model every reader fills and every writer reads.
 *
 * Per file, lines and branches are dense parallel typed arrays sorted by line, not maps of
 * objects: a merge of four 22 MB lcov shards is 8 million line records, and typed arrays keep
 * that at 12 bytes a line and let merging add arrays element by element. Counts are doubles
 * holding integers, exact up to 2^53 - 1 (readers refuse anything larger).
 *
 * Function identity (what FNF/FNH count) — each producer counts differently, so the reader
 * stores a `key` per function record and functions sharing a key count once:
 *   - llvm-cov (Rust-mangled names `_R…`, or legacy `_ZN…17h<hash>E`): llvm-cov counts one
 *     function per source location (line and column) over all its instantiations — the same
 *     function compiled into the lib and the test crate, every generic instance. lcov keeps
 *     only the line, so the key is the start line; a closure or async body starts on its
 *     parent's line at another column, so its key adds its closure depth and the closure's
 *     disambiguator (`s<n>_` in v0 mangling). This reproduces llvm-cov's FNF/FNH on every
 *     Rust report of the corpus and on this project's example.
 *   - lcov 2.x FNL/FNA: the aliases of one FNL entry are one function (key: its start and end).
 *   - everything else (gcc/geninfo, istanbul, coverage.py regions, Cobertura methods): the name
 *     (Cobertura: qualified by class when the class is not the file, plus the signature).
 * Function hits are merged per name (as `lcov -a` does); a key is hit when any member is.
 */

export type Language = 'rust' | 'python' | 'other'

/** The formats the engine reads; also says where a file's branch data came from. */
export type ReportFormat = 'lcov' | 'cobertura' | 'coveragepy-json'

/** `taken` value of an lcov branch whose block was never reached (`-`): found, never hit. */
export const NOT_EVALUATED = -1

/**
 * Branch outcomes of one file, sorted by (line, block, id, label). Identity of an outcome
 * within a line is (block, id, label):
 *   - lcov BRDA: block and branch number; lcov 2.x exception blocks (`e3`) are stored as
 *     `-1 - block`; a non-numeric lcov 2.x branch expression goes to `labels` with id 0.
 *   - coverage.py arcs: block 0, id = destination line (negative: exit from the function that
 *     starts at that line), `taken` 1 or 0.
 *   - Cobertura: block 0, id = 0..total-1 from "covered/total"; the first `covered` are taken 1.
 *     Cobertura never says which outcome was taken, so this positional form is all it gives.
 */
export interface BranchTable {
  readonly lines: Uint32Array
  readonly blocks: Int32Array
  readonly ids: Int32Array
  /** Present only when some outcome has a text label (lcov 2.x branch expressions). */
  readonly labels: ReadonlyArray<string | undefined> | undefined
  /** Times taken, or NOT_EVALUATED. */
  readonly taken: Float64Array
}

export interface FunctionRecord {
  readonly name: string
  readonly start: number
  readonly end: number | undefined
  readonly hits: number
  /** Identity for counting (see the module comment). */
  readonly key: string
}

export interface FileCoverage {
  /** Repo-relative POSIX path inside the workspace, absolute POSIX outside (after normalizePaths). */
  readonly path: string
  readonly language: Language
  readonly outsideWorkspace: boolean
  /** Instrumented lines, ascending, unique. */
  readonly lineNumbers: Uint32Array
  /** lineHits[i] is the hit count of lineNumbers[i]. */
  readonly lineHits: Float64Array
  readonly branches: BranchTable
  /** Format the branch data came from (undefined: no branch data). */
  readonly branchSource: ReportFormat | undefined
  /** Sorted by start line, then name; names unique within a file. */
  readonly functions: readonly FunctionRecord[]
  /** coverage.py per-test contexts: line → test names (only with `show_contexts`). */
  readonly contexts: ReadonlyMap<number, readonly string[]> | undefined
  /** Formats whose branch data for this file was dropped in a merge (see merge.ts). */
  readonly droppedBranchSources?: readonly ReportFormat[]
  /** A count of this file reached 2^53 - 1 and stopped there. */
  readonly saturated?: boolean
}

/**
 * A counted note: how often something happened and the first few of the things it happened
 * to (the smallest, so any order of the reports gives the same ones). Merges add counts up.
 */
export interface Tally {
  readonly count: number
  readonly examples: readonly string[]
}

export interface CoverageReport {
  readonly files: ReadonlyMap<string, FileCoverage>
  /** Cobertura `<source>` roots that relative file names are relative to (until normalizePaths). */
  readonly sourceRoots: readonly string[]
  /**
   * Things the engine decided that a user should know (dropped data, kept sources). Read them
   * with reportNotes (notes.ts), which adds the tallies and the files' own notes, in order.
   */
  readonly notes: readonly string[]
  /**
   * Counted notes by their text, in which `{count}` and `{examples}` stand for the tally: a
   * count that one thread or one report saw partly adds up in a merge, so the note does not
   * depend on how the inputs were split or ordered.
   */
  readonly tallies?: ReadonlyMap<string, Tally>
}

const PYTHON_EXTENSIONS = new Set(['py', 'pyx', 'pyi'])

/** Language from the file extension: .rs → rust, .py/.pyx/.pyi → python, anything else → other. */
export function languageOf(path: string): Language {
  const dot = path.lastIndexOf('.')
  if (dot < 0 || dot < path.lastIndexOf('/')) return 'other'
  const extension = path.slice(dot + 1).toLowerCase()
  if (extension === 'rs') return 'rust'
  return PYTHON_EXTENSIONS.has(extension) ? 'python' : 'other'
}

export const EMPTY_BRANCHES: BranchTable = Object.freeze({
  lines: new Uint32Array(0),
  blocks: new Int32Array(0),
  ids: new Int32Array(0),
  labels: undefined,
  taken: new Float64Array(0)
})

export function emptyReport(notes: readonly string[] = []): CoverageReport {
  return { files: new Map(), sourceRoots: [], notes }
}

/** A file's instrumented lines in ascending order as [line, hits]. */
export function* fileLines(file: FileCoverage): Generator<[line: number, hits: number]> {
  for (let index = 0; index < file.lineNumbers.length; index++) {
    yield [file.lineNumbers[index] as number, file.lineHits[index] as number]
  }
}

export interface BranchOutcome {
  readonly line: number
  readonly block: number
  readonly exception: boolean
  readonly id: number
  readonly label: string | undefined
  /** undefined: never evaluated (lcov `-`). */
  readonly taken: number | undefined
}

/** A file's branch outcomes in (line, block, id) order. */
export function* fileBranches(file: FileCoverage): Generator<BranchOutcome> {
  const table = file.branches
  for (let index = 0; index < table.lines.length; index++) {
    const block = table.blocks[index] as number
    const taken = table.taken[index] as number
    yield {
      line: table.lines[index] as number,
      block: block < 0 ? -1 - block : block,
      exception: block < 0,
      id: table.ids[index] as number,
      label: table.labels?.[index],
      taken: taken === NOT_EVALUATED ? undefined : taken
    }
  }
}

/** Files of a report in path order (writers and summaries use this for stable output). */
export function sortedFiles(report: CoverageReport): FileCoverage[] {
  return [...report.files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}
