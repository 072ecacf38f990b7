/**
 * Writing the report files: lcov.info, cobertura.xml and coverage-summary.json, each written
 * to a temporary file and all renamed into place together (output-set.ts).
 */
import { coberturaChunks } from './cobertura-writer.js'
import { lcovChunks } from './lcov-writer.js'
import type { CoverageReport } from './model.js'
import { OutputSet, REPORT_FILE_NAMES, type OutputFormat } from './output-set.js'
import { summaryJsonChunks } from './summary-json.js'
import type { ReportSummary } from './summary.js'

export { AtomicFile, writeFileAtomically } from './atomic-file.js'
export { REPORT_FILE_NAMES, type OutputFormat } from './output-set.js'

export interface WriteReportsOptions {
  /** Workspace root (Cobertura's `<source>`). */
  readonly root: string
  /** Cobertura timestamp (ms); default 0 for reproducible output. */
  readonly timestamp?: number
  /** summarize(report), when the caller has it already. */
  readonly summary?: ReportSummary
}

/**
 * Writes lcov.info, cobertura.xml and coverage-summary.json into `directory` (created if
 * needed) as one set; returns their paths.
 */
export async function writeReportsAtomically(
  directory: string,
  report: CoverageReport,
  options: WriteReportsOptions
): Promise<Record<OutputFormat, string>> {
  return writeReportFiles(
    directory,
    report,
    options,
    Object.keys(REPORT_FILE_NAMES) as OutputFormat[]
  )
}

/** The chunks of one output format. */
export function reportChunks(
  format: OutputFormat,
  report: CoverageReport,
  options: WriteReportsOptions
): Iterable<Uint8Array | string> {
  if (format === 'lcov') return lcovChunks(report, { reuseBuffers: true })
  if (format === 'cobertura') return coberturaChunks(report, { ...options, reuseBuffers: true })
  return summaryJsonChunks(report, options.summary)
}

/**
 * writeReportsAtomically for a chosen subset of the three files (the CLI's --format). When any
 * of them cannot be written, none is replaced: the previous set stays, and the error names the
 * file that failed.
 */
export function writeReportFiles(
  directory: string,
  report: CoverageReport,
  options: WriteReportsOptions,
  chosen: readonly OutputFormat[]
): Record<OutputFormat, string> {
  const set = new OutputSet(directory, chosen)
  try {
    for (const format of set.formats) set.write(format, reportChunks(format, report, options))
    set.commit()
  } catch (error) {
    set.abort()
    throw error
  }
  return set.paths
}
