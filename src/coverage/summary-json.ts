import type { CoverageReport } from './model.js'
import { reportNotes } from './notes.js'
import { percent } from './percent.js'
import { LANGUAGES, summarize, type Count, type ReportSummary, type Totals } from './summary.js'

/**
 * The JSON summary (coverage-summary.json). Schema, keys always in this order:
 *
 *   {
 *     "schema": "mixed-coverage-summary/2",
 *     "totals":    { "lines": C, "branches": C, "functions": C },
 *     "languages": { "rust": T, "python": T, "other": T },
 *     "files": [ { "path": string, "language": "rust"|"python"|"other",
 *                  "outsideWorkspace": boolean, "lines": C, "branches": C, "functions": C } ],
 *     "notes": [ string ]
 *   }
 *   T = { "lines": C, "branches": C, "functions": C }
 *   C = { "found": integer, "hit": integer, "percent": number (2 decimals) or null }
 *
 * `percent` is null when found is 0: nothing to cover is no data, not 100 % (schema 1 wrote 100
 * there, which a consumer comparing it with a threshold took for full coverage). Files are in
 * path order; paths are repo-relative POSIX, absolute for files outside the workspace.
 * Functions count by identity (see model.ts). Notes are in a fixed order (notes.ts).
 */
export const SUMMARY_SCHEMA = 'mixed-coverage-summary/2'

/** Entries per yielded chunk: each is a few hundred bytes, the file may list millions. */
const ENTRIES_PER_CHUNK = 1024

/**
 * The summary as text chunks, with exactly the layout of JSON.stringify(summary, null, 2) but
 * never as one string: a report of millions of files makes a summary longer than the longest
 * string JavaScript can hold (512 MiB).
 */
export function* summaryJsonChunks(
  report: CoverageReport,
  summary: ReportSummary = summarize(report)
): Generator<string> {
  const languages = Object.fromEntries(
    LANGUAGES.map((language) => [language, totalsJson(summary.byLanguage[language])])
  )
  yield (
    '{\n' +
    `  "schema": ${JSON.stringify(SUMMARY_SCHEMA)},\n` +
    `  "totals": ${nested(totalsJson(summary.totals), 1)},\n` +
    `  "languages": ${nested(languages, 1)},\n` +
    '  "files": '
  )
  const files = summary.files
  yield* arrayChunks(files.length, (index) => {
    const file = files[index] as ReportSummary['files'][number]
    return {
      path: file.path,
      language: file.language,
      outsideWorkspace: file.outsideWorkspace,
      ...totalsJson(file.totals)
    }
  })
  yield ',\n  "notes": '
  const notes = reportNotes(report)
  yield* arrayChunks(notes.length, (index) => notes[index])
  yield '\n}\n'
}

/** The whole summary as one string (for reports of a size that fits one). */
export function writeSummaryJson(
  report: CoverageReport,
  summary: ReportSummary = summarize(report)
): string {
  return [...summaryJsonChunks(report, summary)].join('')
}

/** `value` as JSON.stringify(…, null, 2) writes it `depth` levels deep. */
function nested(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`)
}

/**
 * A top-level array of `length` items, as JSON.stringify(…, null, 2) writes it, a chunk at a
 * time; `item` makes each one when it is written.
 */
function* arrayChunks(length: number, item: (index: number) => unknown): Generator<string> {
  if (length === 0) {
    yield '[]'
    return
  }
  for (let start = 0; start < length; start += ENTRIES_PER_CHUNK) {
    const entries: string[] = []
    for (let index = start; index < Math.min(length, start + ENTRIES_PER_CHUNK); index++) {
      entries.push(`    ${nested(item(index), 2)}`)
    }
    yield `${start === 0 ? '[\n' : ',\n'}${entries.join(',\n')}`
  }
  yield '\n  ]'
}

function totalsJson(totals: Totals) {
  return {
    lines: countJson(totals.lines),
    branches: countJson(totals.branches),
    functions: countJson(totals.functions)
  }
}

function countJson(count: Count) {
  const value = count.found === 0 ? null : percent(count.hit, count.found)
  return { found: count.found, hit: count.hit, percent: value }
}
