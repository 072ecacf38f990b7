/**
 * The pull request comment: coverage, its change against the base branch, the changed lines,
 * the gates and the files the pull request changes — under GitHub's limit of 65,536 characters
 * for a comment. Everything but the file table is bounded by construction; the file table is
 * filled row by row within what is left, and when rows do not fit the comment says how many
 * it shows and where the rest is. Escaped as the step summary is (publish/escape.ts). Pure.
 */
import { formatPercent } from '../coverage/index.js'
import type { ChangedCoverage } from '../publish/changed-coverage.js'
import type { ChangedLinesResult } from '../publish/changed-lines.js'
import type { CoverageFigures } from '../publish/figures.js'
import { measuredText, thresholdText, type GateResult } from '../publish/gates.js'
import { escapeHtml } from '../publish/escape.js'
import { countCell, formatCount, hrefValue, paragraph, tableHead } from '../publish/summary-html.js'
import {
  changeTable,
  describeBaseline,
  describeNoBaseline,
  FILE_ROW_HEADERS,
  fileRowHtml,
  fileRows,
  pointsCell,
  shortSha
} from './render-parts.js'
import type { Review } from './types.js'

/** GitHub refuses a comment body longer than this many characters. */
export const MAX_COMMENT_CHARS = 65_536

/** Room kept for the cut note, written after the rows are counted. */
const NOTE_RESERVE = 600

export interface CommentInput {
  /** The hidden first line (marker.ts). */
  marker: string
  figures: CoverageFigures
  review: Review
  changed: ChangedLinesResult
  changedCoverage?: ChangedCoverage
  gates: readonly GateResult[]
  /** The commit measured. */
  commit: string
  /** The workflow run's page. */
  runUrl: string
}

export interface RenderedComment {
  body: string
  /** File rows shown, and how many there were. */
  filesShown: number
  filesTotal: number
}

export function renderComment(input: CommentInput, maxChars = MAX_COMMENT_CHARS): RenderedComment {
  const head = [input.marker, '## Coverage', headline(input), ...reviewParts(input)]
  const foot = footer(input)
  const rows = fileRows(input.review.delta, input.changedCoverage, input.figures)
  const title =
    input.review.delta?.filesBasis === 'differing'
      ? '### Files whose coverage changed'
      : '### Files this pull request changes'
  const fixed = [...head, title, foot].join('\n\n')
  const tableOpen = tableHead(FILE_ROW_HEADERS)
  let room = maxChars - fixed.length - NOTE_RESERVE - tableOpen.length - '\n</table>'.length - 8
  const shown: string[] = []
  for (const row of rows) {
    const html = fileRowHtml(row)
    if (html.length + 1 > room) break
    room -= html.length + 1
    shown.push(html)
  }
  const files =
    rows.length === 0
      ? []
      : [
          title,
          cutNote(shown.length, rows.length, input.runUrl),
          shown.length > 0 ? [tableOpen, ...shown, '</table>'].join('\n') : ''
        ]
  const body = `${[...head, ...files, foot].filter(Boolean).join('\n\n')}\n`
  return { body, filesShown: shown.length, filesTotal: rows.length }
}

function headline(input: CommentInput): string {
  const total = input.figures.total.lines
  const lines = `<strong>Lines ${countCell(total)}</strong>`
  const { baseline, delta } = input.review
  if (baseline.status !== 'found' || !delta) return paragraph(`${lines}.`)
  return paragraph(
    `${lines} · <strong>${pointsCell(delta.total.base, delta.total.now)}</strong> points against ${describeBaseline(baseline)}.`
  )
}

function reviewParts(input: CommentInput): string[] {
  const { baseline, delta } = input.review
  const parts: string[] = []
  if (baseline.status === 'found' && delta) parts.push(changeTable(delta))
  else parts.push(paragraph(describeNoBaseline(baseline)))
  parts.push(changedLinesLine(input.changed, input.changedCoverage))
  if (input.gates.length > 0) parts.push(gatesLine(input.gates))
  return parts
}

function changedLinesLine(
  changed: ChangedLinesResult,
  coverage: ChangedCoverage | undefined
): string {
  if (changed.status !== 'ok') {
    return paragraph(`Changed lines: not measured (${escapeHtml(changed.reason)}).`)
  }
  if (!coverage || coverage.lines.found === 0) {
    return paragraph(
      'Changed lines: none of the lines this pull request changes is instrumented code.'
    )
  }
  const { hit, found } = coverage.lines
  return paragraph(
    `Changed lines: <strong>${formatPercent(hit, found)}% (${hit}/${found})</strong> of the instrumented lines this pull request adds or changes ran in the tests.`
  )
}

const MARK = { passed: '✅', failed: '❌', 'no-data': '➖' } as const

function gatesLine(gates: readonly GateResult[]): string {
  const items = gates.map(
    (gate) =>
      `${MARK[gate.status]} ${escapeHtml(gate.label)} ≥ ${thresholdText(gate)}${gate.count ? `: ${measuredText(gate)}` : ''}`
  )
  return paragraph(`Gates: ${items.join(' · ')}`)
}

function cutNote(shown: number, total: number, runUrl: string): string {
  if (shown === total) return ''
  return paragraph(
    `⚠️ Cut: this comment lists ${formatCount(shown)} of ${formatCount(total)} files, because GitHub keeps a comment only up to ${formatCount(MAX_COMMENT_CHARS)} characters. Every file is in the step summary and the report artifact of the <a href="${hrefValue(runUrl)}">workflow run</a>.`
  )
}

function footer(input: CommentInput): string {
  return paragraph(
    `<sub>Commit <code>${shortSha(input.commit)}</code> · <a href="${hrefValue(input.runUrl)}">workflow run</a> · mixed-coverage</sub>`
  )
}
