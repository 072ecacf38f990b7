/**
 * Coverage of the lines a change adds or modifies: the changed lines that are instrumented,
 * and how many of them ran. Lines no tool instruments (comments, blank lines, files that are
 * not code) do not count either way. Pure.
 */
import { uncoveredRanges, type CoverageReport, type Language } from '../coverage/index.js'
import type { ChangedLines } from './diff.js'
import { rankRanges, type FileRange, type LineRange } from './ranges.js'
import type { Count } from './figures.js'

export interface ChangedFile {
  path: string
  language: Language
  /** Changed lines that are instrumented, and how many of them ran. */
  lines: Count
  uncovered: LineRange[]
}

export interface ChangedCoverage {
  lines: Count
  byLanguage: Record<Language, Count>
  /** Changed files with instrumented changed lines: most uncovered first, then path. */
  files: ChangedFile[]
  /** Every uncovered changed range, largest first. */
  ranked: FileRange[]
}

export function changedLineCoverage(
  report: CoverageReport,
  changed: ChangedLines
): ChangedCoverage {
  const lines = { found: 0, hit: 0 }
  const byLanguage = {
    rust: { found: 0, hit: 0 },
    python: { found: 0, hit: 0 },
    other: { found: 0, hit: 0 }
  }
  const files: ChangedFile[] = []
  const ranges: FileRange[] = []
  for (const [path, changedSet] of changed) {
    const file = report.files.get(path)
    if (!file || file.outsideWorkspace) continue
    const count = { found: 0, hit: 0 }
    for (let index = 0; index < file.lineNumbers.length; index++) {
      if (!changedSet.has(file.lineNumbers[index] as number)) continue
      count.found++
      if ((file.lineHits[index] as number) > 0) count.hit++
    }
    if (count.found === 0) continue
    const uncovered = uncoveredRanges(file, changedSet)
    files.push({ path, language: file.language, lines: count, uncovered })
    for (const range of uncovered) ranges.push({ ...range, path, language: file.language })
    for (const target of [lines, byLanguage[file.language]]) {
      target.found += count.found
      target.hit += count.hit
    }
  }
  files.sort(
    (a, b) =>
      b.lines.found - b.lines.hit - (a.lines.found - a.lines.hit) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
  )
  return { lines, byLanguage, files, ranked: rankRanges(ranges) }
}
