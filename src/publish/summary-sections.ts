/**
 * The bounded sections of the step summary: status and gates, totals, tests, changed lines,
 * least-covered files, diagnosis, notes, reports and phases. Each section's size is capped
 * whatever the input (rows and text are limited), so only the per-file details need a byte
 * budget (summary.ts).
 */
import type { Policy } from '../config.js'
import type { ReviewSummary } from '../review/summary-section.js'
import type { ChangedTests } from '../per-test/changed-tests.js'
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../coverage/index.js'
import { formatDuration, type PhaseTiming } from '../timeline.js'
import type { AnnotationOutcome } from './annotations.js'
import type { UploadOutcome } from './artifact.js'
import type { ChangedCoverage } from './changed-coverage.js'
import type { ChangedLinesResult } from './changed-lines.js'
import { describeDiffedRange } from './diff-range.js'
import { escapeHtml, htmlPath } from './escape.js'
import { leastCovered, MAX_RANGES_PER_FILE, type CoverageFigures } from './figures.js'
import { measuredText, thresholdText, unitName, type GateResult } from './gates.js'
import {
  countCell,
  formatCount,
  hrefValue,
  list,
  paragraph,
  rangesCell,
  table
} from './summary-html.js'

export interface SummaryInput {
  gates: readonly GateResult[]
  thresholdPolicy: Policy
  /** Exit codes of the test commands; undefined: not run. */
  tests: { rust?: number; python?: number }
  /** Why they failed, where that was recognised (a Rust test build that cannot link Python). */
  testCauses?: { rust?: string; python?: string }
  figures: CoverageFigures
  changed: ChangedLinesResult
  changedCoverage?: ChangedCoverage
  annotations?: AnnotationOutcome
  /** Undefined in the copy that goes into the artifact itself. */
  artifact?: UploadOutcome
  /** Where the reports were written, as shown (relative to the workspace). */
  outputDir: string
  phases: readonly PhaseTiming[]
  diagnosis?: string
  notes: readonly string[]
  /** The change against the base branch, the comment and the baseline kept (review/). */
  review?: ReviewSummary
  /** The tests that run the changed lines (per-test: true), and where tests.json is. */
  changedTests?: { changed: ChangedTests; file: string }
}

export const LEAST_COVERED_ROWS = 10
export const CHANGED_FILE_ROWS = 50
const MAX_NOTES = 20
const MAX_NOTE_CHARS = 1000
const MAX_DIAGNOSIS_CHARS = 8000

const RESULT_MARK = { passed: '✅ pass', failed: '❌ fail', 'no-data': '➖ no data' } as const

export function statusSection(input: SummaryInput): string {
  const failed = input.gates.filter((gate) => gate.status === 'failed')
  const headline =
    input.gates.length === 0
      ? 'No coverage thresholds set'
      : failed.length === 0
        ? '✅ Coverage gates passed'
        : `❌ ${failed.length} of ${input.gates.length} coverage gates failed`
  const perGate = input.gates.map(
    (gate) => `${escapeHtml(gate.label)} ≥ ${thresholdText(gate)}: ${RESULT_MARK[gate.status]}`
  )
  const policy =
    failed.length > 0 && input.thresholdPolicy === 'warn'
      ? ' (on-threshold-failure: warn — the step still succeeds)'
      : ''
  const parts = [`<strong>${headline}</strong>${policy}`, ...perGate]
  return paragraph(parts.join(' · '))
}

export function gatesSection(gates: readonly GateResult[]): string {
  if (gates.length === 0) return ''
  const rows = gates.map((gate) => [
    `${escapeHtml(gate.label)} (${gate.input})`,
    thresholdText(gate),
    gate.count ? measuredText(gate) : '—',
    gate.status === 'failed'
      ? `${RESULT_MARK.failed}: ${formatCount(gate.shortBy)} more covered ${unitName(gate.id, gate.shortBy)} needed`
      : gate.status === 'no-data'
        ? `${RESULT_MARK['no-data']}: ${escapeHtml(gate.noDataReason ?? '')}`
        : RESULT_MARK.passed
  ])
  return table(['Gate', 'Minimum', 'Measured', 'Result'], rows)
}

export function totalsSection(input: SummaryInput): string {
  const { figures } = input
  const fileCounts = new Map<Language, number>()
  for (const file of figures.files) {
    fileCounts.set(file.language, (fileCounts.get(file.language) ?? 0) + 1)
  }
  const rows = LANGUAGES.filter((language) => language !== 'other' || fileCounts.has('other')).map(
    (language) => {
      const totals = figures.byLanguage[language]
      return [
        LANGUAGE_NAMES[language],
        countCell(totals.lines),
        countCell(totals.branches),
        countCell(totals.functions),
        formatCount(fileCounts.get(language) ?? 0)
      ]
    }
  )
  const total = figures.total
  rows.push([
    '<strong>Total</strong>',
    countCell(total.lines),
    countCell(total.branches),
    countCell(total.functions),
    formatCount(figures.files.length)
  ])
  return [table(['', 'Lines', 'Branches', 'Functions', 'Files'], rows), testsLine(input)].join(
    '\n\n'
  )
}

function testsLine(input: SummaryInput): string {
  const describe = (name: string, exit: number | undefined) =>
    exit === undefined
      ? `${name}: not run`
      : exit === 0
        ? `${name}: ✅ passed`
        : `${name}: ❌ failed (exit code ${exit})`
  const phases = ['rust', 'python'] as const
  const line = phases.map((phase) => describe(LANGUAGE_NAMES[phase], input.tests[phase]))
  const causes = phases.flatMap((phase) => {
    const cause = input.testCauses?.[phase]
    if (cause === undefined) return []
    return [paragraph(`${LANGUAGE_NAMES[phase]} tests: ${escapeHtml(cause)}.`)]
  })
  return [paragraph(`Tests — ${line.join(' · ')}`), ...causes].join('\n\n')
}

export function changedSection(input: SummaryInput): string {
  const { changed, changedCoverage } = input
  if (changed.status === 'off') {
    return paragraph(`Changed lines are not measured: ${escapeHtml(changed.reason)}.`)
  }
  if (changed.status === 'unavailable') {
    return paragraph(`⚠️ Changed lines could not be measured: ${escapeHtml(changed.reason)}.`)
  }
  const what =
    changed.range.kind === 'pull_request'
      ? 'this pull request adds or changes'
      : 'this push adds or changes'
  const { from, to } = changed.diffed
  const compared = `Compared ${escapeHtml(from.slice(0, 12))} → ${escapeHtml(to.slice(0, 12))} (${escapeHtml(describeDiffedRange(changed.diffed))}).`
  if (!changedCoverage || changedCoverage.lines.found === 0) {
    return paragraph(`No line ${what} is instrumented code. ${compared}`)
  }
  const { lines, byLanguage } = changedCoverage
  const languages = LANGUAGES.filter((language) => byLanguage[language].found > 0)
    .map((language) => `${LANGUAGE_NAMES[language]} ${countCell(byLanguage[language])}`)
    .join(' · ')
  const head = paragraph(
    `<strong>${countCell(lines)}</strong> of the instrumented lines ${what} ran in the tests — ${languages}. ${compared}`
  )
  const files = changedCoverage.files
  const rows = files
    .slice(0, CHANGED_FILE_ROWS)
    .map((file) => [
      htmlPath(file.path),
      countCell(file.lines),
      rangesCell(file.uncovered.slice(0, MAX_RANGES_PER_FILE), file.uncovered.length)
    ])
  const more =
    files.length > CHANGED_FILE_ROWS
      ? paragraph(`…and ${formatCount(files.length - CHANGED_FILE_ROWS)} more changed files.`)
      : ''
  const parts = [head, table(['File', 'Changed lines covered', 'Not covered'], rows), more]
  return parts.concat(annotationNote(input.annotations)).filter(Boolean).join('\n\n')
}

function annotationNote(annotations: AnnotationOutcome | undefined): string {
  if (!annotations || annotations.scope === 'none') return ''
  if (annotations.reason) return paragraph(`No annotations: ${escapeHtml(annotations.reason)}.`)
  const emitted = annotations.emitted.length
  if (annotations.notShown === 0) {
    return paragraph(`Annotated ${emitted} uncovered range${emitted === 1 ? '' : 's'}.`)
  }
  return paragraph(
    `Annotated the ${emitted} largest uncovered ranges; ${formatCount(annotations.notShown)} more are not annotated (GitHub shows 10 warnings per step) — see the tables.`
  )
}

export function leastCoveredSection(input: SummaryInput): string {
  const files = leastCovered(input.figures.files, LEAST_COVERED_ROWS)
  if (files.length === 0) return ''
  const rows = files.map((file) => [
    htmlPath(file.path),
    countCell(file.totals.lines),
    rangesCell(file.uncovered, file.uncoveredRangeCount)
  ])
  return table(['File', 'Lines', 'Not covered'], rows)
}

export function diagnosisSection(diagnosis: string | undefined): string {
  if (!diagnosis) return ''
  const text =
    diagnosis.length > MAX_DIAGNOSIS_CHARS
      ? `${diagnosis.slice(0, MAX_DIAGNOSIS_CHARS)}…`
      : diagnosis
  // Line breaks are kept (escapeHtml would show them as \n); an empty line becomes a
  // no-break space, so no renderer can take it for the end of the HTML block.
  const lines = text.split('\n').map((line) => (line.trim() ? escapeHtml(line) : '&#160;'))
  return `<pre>${lines.join('\n')}</pre>`
}

export function notesSection(notes: readonly string[]): string {
  if (notes.length === 0) return ''
  const shown = notes
    .slice(0, MAX_NOTES)
    .map((note) =>
      escapeHtml(note.length > MAX_NOTE_CHARS ? `${note.slice(0, MAX_NOTE_CHARS)}…` : note)
    )
  if (notes.length > MAX_NOTES)
    shown.push(`…and ${notes.length - MAX_NOTES} more notes in the log.`)
  return list(shown)
}

/** Where the full report is: the artifact, or the output directory. */
export function reportsPointer(input: SummaryInput): string {
  const artifact = input.artifact
  const inDir = `<code>${escapeHtml(input.outputDir)}</code>`
  if (!artifact) return `the reports in ${inDir}`
  if (artifact.status === 'uploaded') {
    return `artifact <a href="${hrefValue(artifact.url)}">${escapeHtml(artifact.name)}</a> (summary.md with every file, lcov.info, cobertura.xml, coverage-summary.json, the HTML report html/index.html)`
  }
  return `the reports in ${inDir} on the runner (no artifact: ${escapeHtml(artifact.status === 'skipped' ? artifact.reason : artifact.message)})`
}

export function reportsSection(input: SummaryInput): string {
  if (!input.artifact) return ''
  const leftOut =
    input.artifact.status === 'uploaded' && input.artifact.leftOut.length > 0
      ? ` ${input.artifact.leftOut.length} file(s) with names the artifact service refuses were left out.`
      : ''
  return paragraph(`Full report: ${reportsPointer(input)}.${escapeHtml(leftOut)}`)
}

export function phasesSection(phases: readonly PhaseTiming[]): string {
  if (phases.length === 0) return ''
  const rows = phases.map((phase) => [
    escapeHtml(phase.name),
    formatDuration(phase.durationMs),
    phase.outcome === 'ok' ? 'done' : '❌ failed'
  ])
  return `<details><summary>Phases</summary>\n${table(['Phase', 'Duration', 'Result'], rows)}\n</details>`
}
