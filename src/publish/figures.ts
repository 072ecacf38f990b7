/**
 * Counts the summary, gates and annotations read from the merged model: totals overall, per
 * language and per file, and each file's uncovered line ranges. Counting itself (what a
 * function is, when a branch is hit) is the engine's (coverage/summary.ts); this only arranges.
 */
import {
  summarize,
  uncoveredRanges,
  type Count,
  type CoverageReport,
  type FileCoverage,
  type Language,
  type ReportSummary,
  type LineRange,
  type Totals
} from '../coverage/index.js'

export type { Count, Totals }

export interface FileFigures {
  path: string
  language: Language
  outsideWorkspace: boolean
  totals: Totals
  /** Uncovered line ranges, at most MAX_RANGES_PER_FILE of them. */
  uncovered: LineRange[]
  /** How many ranges there were in all. */
  uncoveredRangeCount: number
}

export interface CoverageFigures {
  total: Totals
  byLanguage: Record<Language, Totals>
  /** In path order. */
  files: FileFigures[]
}

/** Per-file details list this many uncovered ranges; the rest are counted. */
export const MAX_RANGES_PER_FILE = 12

/** `summary` is summarize(report) when the caller has it already (the reports step does). */
export function figuresOf(
  report: CoverageReport,
  summary: ReportSummary = summarize(report)
): CoverageFigures {
  const files = summary.files.map((file): FileFigures => {
    const ranges = uncoveredRanges(report.files.get(file.path) as FileCoverage)
    return {
      path: file.path,
      language: file.language,
      outsideWorkspace: file.outsideWorkspace,
      totals: file.totals,
      uncovered: ranges.slice(0, MAX_RANGES_PER_FILE),
      uncoveredRangeCount: ranges.length
    }
  })
  return { total: summary.totals, byLanguage: summary.byLanguage, files }
}

/** Exact ratio of a count, for ordering (not for display; see coverage/percent.ts). */
export function ratio(count: Count): number {
  return count.found === 0 ? 1 : count.hit / count.found
}

/**
 * The files most in need of tests: lowest line coverage first, then most uncovered lines,
 * then path. Files without instrumented lines are left out.
 */
export function leastCovered(files: readonly FileFigures[], limit: number): FileFigures[] {
  return files
    .filter(
      (file) => file.totals.lines.found > 0 && file.totals.lines.hit < file.totals.lines.found
    )
    .sort((a, b) => {
      const byRatio = ratio(a.totals.lines) - ratio(b.totals.lines)
      if (byRatio !== 0) return byRatio
      const missedA = a.totals.lines.found - a.totals.lines.hit
      const missedB = b.totals.lines.found - b.totals.lines.hit
      if (missedA !== missedB) return missedB - missedA
      return a.path < b.path ? -1 : a.path > b.path ? 1 : 0
    })
    .slice(0, limit)
}
