/**
 * One line may carry at most MAX_CONDITIONS_PER_LINE branch outcomes in the outputs: Cobertura
 * writes a line's outcomes as condition-coverage="P% (covered/total)", and the engine's own
 * reader (like any sane one) refuses a total above that bound, which keeps a few bytes of XML
 * from claiming millions of outcomes. lcov and coverage.py JSON list outcomes one by one, so
 * they may hold more; a merge may also add two reports' outcomes of one line past the bound.
 * Such a line's branch data is left out of the merged report (so all three outputs agree),
 * and a note names the file, the line and the count.
 */
import { keptBranches } from './exclusions.js'
import { MAX_CONDITIONS_PER_LINE } from './limits.js'
import type { BranchTable, CoverageReport, FileCoverage } from './model.js'

/** Lines of `table` with more outcomes than the bound, and how many each has. */
function overfullLines(table: BranchTable): Map<number, number> {
  const overfull = new Map<number, number>()
  const lines = table.lines
  let start = 0
  for (let index = 1; index <= lines.length; index++) {
    if (index < lines.length && lines[index] === lines[start]) continue
    if (index - start > MAX_CONDITIONS_PER_LINE) overfull.set(lines[start] as number, index - start)
    start = index
  }
  return overfull
}

export function limitBranchesPerLine(report: CoverageReport): CoverageReport {
  let files: Map<string, FileCoverage> | undefined
  const notes = [...report.notes]
  for (const [path, file] of report.files) {
    const overfull = overfullLines(file.branches)
    if (overfull.size === 0) continue
    for (const [line, count] of overfull) {
      notes.push(
        `${path}:${line}: ${count} branch outcomes, more than the ` +
          `${MAX_CONDITIONS_PER_LINE.toLocaleString('en-US')} a line may have; ` +
          'its branch data was left out'
      )
    }
    const branches = keptBranches(file.branches, (line) => overfull.has(line))
    files ??= new Map(report.files)
    files.set(path, {
      ...file,
      branches,
      branchSource: branches.lines.length === 0 ? undefined : file.branchSource
    })
  }
  return files === undefined ? report : { ...report, files, notes }
}
