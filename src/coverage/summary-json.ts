import type { CoverageReport } from './model.js'
import { reportNotes } from './notes.js'
import { percent } from './percent.js'
import { LANGUAGES, summarize, type Count, type ReportSummary, type Totals } from './summary.js'

/**
 * The JSON summary (coverage-summary.json). Schema, keys always in this order:
 *
 *   {
 *     "schema": "mixed-coverage-summary/1",
 *     "totals":    { "lines": C, "branches": C, "functions": C },
 *     "languages": { "rust": T, "python": T, "other": T },
 *     "files": [ { "path": string, "language": "rust"|"python"|"other",
 *                  "outsideWorkspace": boolean, "lines": C, "branches": C, "functions": C } ],
 *     "notes": [ string ]
 *   }
 *   T = { "lines": C, "branches": C, "functions": C }
 *   C = { "found": integer, "hit": integer, "percent": number (2 decimals, 100 when found is 0) }
 *
 * Files are in path order; paths are repo-relative POSIX, absolute for files outside the
 * workspace. Functions count by identity (see model.ts). Notes are in a fixed order (notes.ts).
 */
export function writeSummaryJson(
  report: CoverageReport,
  summary: ReportSummary = summarize(report)
): string {
  const document = {
    schema: 'mixed-coverage-summary/1',
    totals: totalsJson(summary.totals),
    languages: Object.fromEntries(
      LANGUAGES.map((language) => [language, totalsJson(summary.byLanguage[language])])
    ),
    files: summary.files.map((file) => ({
      path: file.path,
      language: file.language,
      outsideWorkspace: file.outsideWorkspace,
      ...totalsJson(file.totals)
    })),
    notes: reportNotes(report)
  }
  return `${JSON.stringify(document, null, 2)}\n`
}

function totalsJson(totals: Totals) {
  return {
    lines: countJson(totals.lines),
    branches: countJson(totals.branches),
    functions: countJson(totals.functions)
  }
}

function countJson(count: Count) {
  return { found: count.found, hit: count.hit, percent: percent(count.hit, count.found) }
}
