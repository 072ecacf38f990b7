/**
 * The report engine: reading, merging and writing of lcov, Cobertura and coverage.py JSON over
 * one model (model.ts). No @actions import and no process state; the only I/O is reading
 * regular files (report-files.ts, read-reports.ts) and writing atomically (atomic-write.ts).
 */
export type {
  BranchOutcome,
  BranchTable,
  CoverageReport,
  FileCoverage,
  FunctionRecord,
  Language,
  ReportFormat
} from './model.js'
export {
  NOT_EVALUATED,
  emptyReport,
  fileBranches,
  fileLines,
  languageOf,
  sortedFiles,
  type Tally
} from './model.js'
export {
  CoverageError,
  OutputWriteError,
  ReportFileError,
  ReportParseError,
  ReportTooLargeError,
  UnknownFormatError
} from './errors.js'
export {
  DEFAULT_MAX_REPORT_MB,
  MAX_COUNT,
  MAX_LINE_NUMBER,
  megabytesToBytes,
  type ParseOptions
} from './limits.js'
export { LcovPieceReader, parseLcov, readLcovInto } from './lcov-reader.js'
export { parseCobertura } from './cobertura-reader.js'
export { parseCoveragePyJson } from './coveragepy-json.js'
export { detectFormat, parseReport } from './detect.js'
export { ReportAccumulator, type AccumulatorSizing } from './accumulator.js'
export { mergeReports } from './merge.js'
export {
  mergeAndExclude,
  readAt,
  readReportGroup,
  sniffFormat,
  type ReadSettings,
  type ReportInput
} from './read-reports.js'
export { NotAFileError, openRegularFile, readRegularFile, withFile } from './report-files.js'
export { normalizePaths, toPosixPath, type NormalizeOptions, type PathMap } from './paths.js'
export {
  applyExclusions,
  findExclusionMarkers,
  type ExclusionMarkers,
  type ExclusionOptions
} from './exclusions.js'
export { compileGlob, type Glob } from './glob.js'
export {
  LANGUAGES,
  LANGUAGE_NAMES,
  addInto,
  emptyTotals,
  branchCount,
  fileTotals,
  functionCount,
  lineCount,
  reportTotals,
  summarize,
  type Count,
  type FileSummary,
  type ReportSummary,
  type Totals
} from './summary.js'
export { uncoveredRanges, type LineRange } from './ranges.js'
export { lcovChunks, writeLcov } from './lcov-writer.js'
export { coberturaChunks, writeCobertura, type CoberturaOptions } from './cobertura-writer.js'
export { SUMMARY_SCHEMA, summaryJsonChunks, writeSummaryJson } from './summary-json.js'
export { AtomicFile, writeFileAtomically } from './atomic-file.js'
export {
  OutputSet,
  REPORT_FILE_NAMES,
  type OutputFormat,
  type OutputSetOptions
} from './output-set.js'
export {
  reportChunks,
  writeReportFiles,
  writeReportsAtomically,
  type WriteReportsOptions
} from './atomic-write.js'
export { addTallies, addTally, reportNotes } from './notes.js'
export { limitBranchesPerLine } from './branch-limit.js'
export { formatPercent, percent } from './percent.js'
export { showControls, showText } from './show-text.js'
export { isRustSymbol } from './function-identity.js'
