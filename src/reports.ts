/**
 * The reporting half of a run: read the raw reports the tools wrote, normalise paths,
 * apply exclusions, merge into one model and write lcov, Cobertura and the JSON summary
 * into the output directory — before anything is gated or uploaded.
 *
 * Each report is read on its own: one that cannot be read (corrupt, over the size cap, gone)
 * is left out and returned as a failure, and the others are still merged and written. A failure
 * later never loses what was measured; run() fails the step for it after publishing.
 */
import * as core from '@actions/core'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Config } from './config.js'
import {
  applyExclusions,
  CoverageError,
  mergeReports,
  normalizePaths,
  parseReport,
  ReportTooLargeError,
  summarize,
  writeReportsAtomically,
  type CoverageReport,
  type ReportSummary,
  type Totals
} from './coverage/index.js'
import { formatPercent } from './coverage/percent.js'
import type { Measurement } from './pipeline.js'

export interface Figures {
  lines: string
  rustLines: string
  pythonLines: string
  branches: string
  functions: string
  linesFound: number
  linesHit: number
}

export interface ReportResult {
  report: CoverageReport
  totals: ReportSummary
  figures: Figures
  paths: { lcov: string; cobertura: string; summaryJson: string }
  /** The merged report's notes, then one line per report left out. */
  notes: string[]
  /** Reports that could not be read and are not in the merged reports. */
  failures: ReportReadError[]
}

/** A report a tool wrote, and where its paths are rooted. */
export interface ToolReport {
  path: string
  /** The repository root when the report was written (absolute paths are made relative to it). */
  root: string
  /** Directories that relative file names in the report are relative to. */
  sourceRoots: string[]
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

/** The reports this job's tools wrote. */
export function toolReports(config: Config, measurement: Measurement): ToolReport[] {
  const paths = [measurement.rustLcovPath, measurement.pythonJsonPath]
  return paths
    .filter((path): path is string => !!path)
    .map((path) => ({
      path,
      root: config.workspace,
      // coverage.py names files relative to the directory the tests ran in.
      sourceRoots: [config.workingDirectory]
    }))
}

/** Reads one tool report, refusing files over the configured size cap before reading them. */
export function readReport(input: ToolReport, config: Config): CoverageReport {
  const size = statSync(input.path).size
  if (size > config.maxReportSizeBytes) {
    throw new ReportTooLargeError(input.path, size, config.maxReportSizeBytes)
  }
  const data = readFileSync(input.path)
  const parsed = parseReport(data, input.path, { maxBytes: config.maxReportSizeBytes })
  return normalizePaths(parsed, {
    root: input.root,
    sourceRoots: input.sourceRoots,
    includeOutside: config.includeOutsideWorkspace,
    exists: (relative: string) => existsSync(join(config.workspace, relative))
  })
}

/** Reports of this job's measurement, merged and written (run and collect modes). */
export function buildReports(config: Config, measurement: Measurement): Promise<ReportResult> {
  return buildMergedReports(config, toolReports(config, measurement))
}

/**
 * Reads, merges and writes what could be read: exclusion markers are read from the sources in
 * this workspace, so a merge job needs a checkout of the same commit.
 */
export async function buildMergedReports(
  config: Config,
  inputs: readonly ToolReport[]
): Promise<ReportResult> {
  const { reports, failures } = readReports(inputs, config)
  const report = applyExclusions(mergeReports(reports), {
    readSource: (relative: string) => readSource(config.workspace, relative),
    excludeGlobs: config.exclude,
    markerLanguages: ['rust']
  })
  const paths = await writeReportsAtomically(config.outputDir, report, { root: config.workspace })
  const totals = summarize(report)
  const figures = toFigures(totals.totals, totals.byLanguage)
  const shown = (value: string) => (value ? `${value}%` : 'no lines')
  core.info(
    `Line coverage: ${shown(figures.lines)} total, ${shown(figures.rustLines)} Rust, ${shown(figures.pythonLines)} Python`
  )
  for (const note of report.notes) core.notice(note)
  const notes = [...report.notes, ...failures.map((failure) => failure.message)]
  return { report, totals, figures, paths, notes, failures }
}

function readReports(
  inputs: readonly ToolReport[],
  config: Config
): { reports: CoverageReport[]; failures: ReportReadError[] } {
  const reports: CoverageReport[] = []
  const failures: ReportReadError[] = []
  for (const input of inputs) {
    try {
      reports.push(readReport(input, config))
    } catch (error) {
      failures.push(new ReportReadError(input.path, error))
    }
  }
  return { reports, failures }
}

function readSource(root: string, relative: string): string | undefined {
  try {
    return readFileSync(join(root, relative), 'utf8')
  } catch {
    return undefined
  }
}

function toFigures(total: Totals, byLanguage: Partial<Record<string, Totals>>): Figures {
  // A language with no instrumented line has no figure (not 100%).
  const lines = (t?: Totals) =>
    t && t.lines.found ? formatPercent(t.lines.hit, t.lines.found) : ''
  return {
    lines: lines(total),
    rustLines: lines(byLanguage.rust),
    pythonLines: lines(byLanguage.python),
    branches: total.branches.found ? formatPercent(total.branches.hit, total.branches.found) : '',
    functions: total.functions.found
      ? formatPercent(total.functions.hit, total.functions.found)
      : '',
    linesFound: total.lines.found,
    linesHit: total.lines.hit
  }
}
