/**
 * The reports step of every mode: the measurement's raw reports read, normalised, merged and
 * with exclusions applied by the engine's one pipeline (coverage/read-reports.ts), then written
 * as lcov, Cobertura and the JSON summary into the output directory — before anything is gated
 * or uploaded — and counted once for the outputs, gates and summary.
 *
 * Each report is read on its own: one that cannot be read (corrupt, over the size cap, gone)
 * is left out and returned as a failure, and the others are still merged and written. A failure
 * later never loses what was measured; the outcome fails the step for it after publishing.
 */
import * as core from '@actions/core'
import type { Config } from './config.js'
import {
  CoverageError,
  formatPercent,
  mergeAndExclude,
  readReportGroup,
  reportNotes,
  summarize,
  writeReportsAtomically,
  type Count,
  type CoverageReport,
  type ReadSettings
} from './coverage/index.js'
import type { Measurement, ToolReport } from './measurement.js'
import { writeTestsReport, type TestsReport } from './per-test/write.js'
import { figuresOf, type CoverageFigures } from './publish/figures.js'

export interface ReportResult {
  report: CoverageReport
  /** Totals overall, per language and per file, with each file's uncovered ranges. */
  figures: CoverageFigures
  paths: { lcov: string; cobertura: string; summaryJson: string }
  /** The merged report's notes, then one line per report left out. */
  notes: string[]
  /** Reports that could not be read and are not in the merged reports. */
  failures: ReportReadError[]
  /** tests.json (per-test: true). */
  tests?: TestsReport
}

/** A tool report left out of the merge; the message names the file and what was wrong. */
export class ReportReadError extends Error {
  constructor(
    readonly file: string,
    cause: unknown
  ) {
    // The engine's errors already start with the file (and line); others get it in front.
    const detail =
      cause instanceof CoverageError
        ? cause.message
        : `${file}: ${cause instanceof Error ? cause.message : String(cause)}`
    super(`Left out of the merged reports: ${detail}`, { cause })
    this.name = 'ReportReadError'
  }
}

/**
 * Reads, merges and writes what could be read. Exclusion markers are read from the sources in
 * this workspace, so a merge job needs a checkout of the same commit.
 */
export async function buildReports(
  config: Config,
  measurement: Measurement
): Promise<ReportResult> {
  const settings = readSettings(config)
  const { reports, failures } = readEach(measurement.reports, settings)
  const report = mergeAndExclude(reports, settings)
  const summary = summarize(report)
  const paths = await writeReportsAtomically(config.outputDir, report, {
    root: config.workspace,
    summary
  })
  const tests =
    measurement.perTest &&
    writeTestsReport(config.outputDir, measurement.perTest, report, config.workspace)
  const figures = figuresOf(report, summary)
  const shown = percentFigures(figures)
  const line = (value: string) => (value ? `${value}%` : 'no lines')
  core.info(
    `Line coverage: ${line(shown.lines)} total, ${line(shown.rustLines)} Rust, ${line(shown.pythonLines)} Python`
  )
  const merged = reportNotes(report)
  // A hostile report can make a note per file: the log gets a bounded number of them.
  for (const note of merged.slice(0, MAX_NOTICES)) core.notice(note)
  if (merged.length > MAX_NOTICES) {
    core.info(`…and ${merged.length - MAX_NOTICES} more notes in coverage-summary.json.`)
  }
  const perTestNotes = (measurement.perTest?.notes ?? []).map((note) => `Per test: ${note}`)
  const notes = [...merged, ...failures.map((failure) => failure.message), ...perTestNotes]
  return { report, figures, paths, notes, failures, ...(tests ? { tests } : {}) }
}

/** Notes announced in the log (GitHub shows 10 notices per step; the rest are in the JSON). */
const MAX_NOTICES = 20

function readSettings(config: Config): ReadSettings {
  return {
    workspace: config.workspace,
    includeOutside: config.includeOutsideWorkspace,
    excludeGlobs: config.exclude,
    markerLanguages: ['rust'],
    maxBytes: config.maxReportSizeBytes
  }
}

/** Each report alone, so that a bad one is left out and named while the others are kept. */
function readEach(
  inputs: readonly ToolReport[],
  settings: ReadSettings
): { reports: CoverageReport[]; failures: ReportReadError[] } {
  const reports: CoverageReport[] = []
  const failures: ReportReadError[] = []
  for (const input of inputs) {
    try {
      reports.push(...readReportGroup([input], settings))
    } catch (error) {
      failures.push(new ReportReadError(input.path, error))
    }
  }
  return { reports, failures }
}

/** The figures as the outputs show them: percent with two decimals, '' for no data. */
export interface PercentFigures {
  lines: string
  rustLines: string
  pythonLines: string
  branches: string
  functions: string
  linesFound: number
  linesHit: number
}

export function percentFigures(figures: CoverageFigures): PercentFigures {
  // A measure without data has no figure (not 100%).
  const shown = (count: Count) => (count.found ? formatPercent(count.hit, count.found) : '')
  const { total, byLanguage } = figures
  return {
    lines: shown(total.lines),
    rustLines: shown(byLanguage.rust.lines),
    pythonLines: shown(byLanguage.python.lines),
    branches: shown(total.branches),
    functions: shown(total.functions),
    linesFound: total.lines.found,
    linesHit: total.lines.hit
  }
}
