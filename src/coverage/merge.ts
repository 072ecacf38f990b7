import { ReportAccumulator } from './accumulator.js'
import type { CoverageReport } from './model.js'

/**
 * Merges reports the way `lcov -a` does: the same file in several reports sums line hits,
 * function hits (per name) and branch counts (per line, block and branch; `-` + `-` stays
 * `-`, `-` + n is n). Inputs are not modified.
 *
 * Branch data of one file from formats whose outcome identities differ (lcov blocks,
 * coverage.py arcs, Cobertura's positional counts) cannot be added up without inventing
 * numbers, so one source of truth is kept per file — lcov, else coverage.py JSON, else
 * Cobertura — and a note says which was kept and which dropped.
 */
export function mergeReports(reports: readonly CoverageReport[]): CoverageReport {
  if (reports.length === 1 && reports[0] !== undefined) return reports[0]
  let lines = 0
  let branches = 0
  for (const report of reports) {
    let reportLines = 0
    let reportBranches = 0
    for (const file of report.files.values()) {
      reportLines += file.lineNumbers.length
      reportBranches += file.branches.lines.length
    }
    lines = Math.max(lines, reportLines)
    branches = Math.max(branches, reportBranches)
  }
  const accumulator = new ReportAccumulator({ lines: lines + 16, branches: branches + 16 })
  for (const report of reports) accumulator.add(report)
  return accumulator.build()
}
