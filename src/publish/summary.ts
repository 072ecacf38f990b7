/**
 * The step summary: what a maintainer reads in the pull request's checks.
 *
 * GitHub drops a step summary over 1 MiB. All sections but one are bounded by construction
 * (summary-sections.ts); the per-file details are filled row by row within the bytes left,
 * and when they do not all fit the summary says so at the top and in the details, and points
 * to the full report (the artifact carries this summary untruncated as summary.md).
 */
import { reviewSection } from '../review/summary-section.js'
import { htmlPath } from './escape.js'
import type { FileFigures } from './figures.js'
import {
  countCell,
  formatCount,
  paragraph,
  rangesCell,
  tableHead,
  tableRow
} from './summary-html.js'
import {
  changedSection,
  diagnosisSection,
  gatesSection,
  leastCoveredSection,
  notesSection,
  phasesSection,
  reportsPointer,
  reportsSection,
  statusSection,
  totalsSection,
  type SummaryInput
} from './summary-sections.js'
import { changedTestsSection } from './summary-tests.js'

export type { SummaryInput }

export interface RenderedSummary {
  markdown: string
  truncated: boolean
  filesShown: number
}

/** Room kept for the truncation note, which is written after the rows are counted. */
const TRUNCATION_NOTE_RESERVE = 4096

export function renderSummary(input: SummaryInput, maxBytes = Infinity): RenderedSummary {
  const status = statusSection(input)
  const sections = [
    gatesSection(input.gates),
    '### Totals',
    totalsSection(input),
    '### Changed lines',
    changedSection(input),
    reviewSection(input.review),
    ...titled(
      '### Tests of the changed lines',
      changedTestsSection(input.changedTests?.changed, input.changedTests?.file ?? '')
    ),
    ...titled('### Least covered files', leastCoveredSection(input)),
    ...titled('### Diagnosis', diagnosisSection(input.diagnosis)),
    ...titled('### Notes', notesSection(input.notes)),
    reportsSection(input),
    phasesSection(input.phases)
  ].filter(Boolean)
  const fixed = ['## Coverage', status, ...sections].join('\n\n')
  const room = maxBytes - Buffer.byteLength(fixed) - TRUNCATION_NOTE_RESERVE
  const details = fileDetails(input.figures.files, room)
  const truncated = details.shown < input.figures.files.length
  const note = truncated ? truncationNote(input, details.shown) : ''
  const parts = ['## Coverage', status, note, ...sections, details.html].filter(Boolean)
  return { markdown: `${parts.join('\n\n')}\n`, truncated, filesShown: details.shown }
}

function titled(title: string, body: string): string[] {
  return body ? [title, body] : []
}

function truncationNote(input: SummaryInput, shown: number): string {
  const total = input.figures.files.length
  return paragraph(
    `⚠️ This summary is truncated: it lists ${formatCount(shown)} of ${formatCount(total)} files, because GitHub keeps a step summary only up to 1 MiB. Every file is in ${reportsPointer(input)}.`
  )
}

/** The per-file table in a collapsible section, as many rows as fit in `room` bytes. */
function fileDetails(files: readonly FileFigures[], room: number): { html: string; shown: number } {
  if (files.length === 0) return { html: '', shown: 0 }
  const head = tableHead(['File', 'Lines', 'Branches', 'Functions', 'Not covered'])
  const closing = '\n</table>\n</details>'
  const opening = (shown: number) =>
    `<details><summary>All files (${shown === files.length ? formatCount(files.length) : `${formatCount(shown)} of ${formatCount(files.length)}: truncated`})</summary>\n`
  let used = Buffer.byteLength(opening(0)) + 64 + Buffer.byteLength(head) + closing.length
  const rows: string[] = []
  for (const file of files) {
    const row = fileRow(file)
    const size = Buffer.byteLength(row) + 1
    if (used + size > room) break
    used += size
    rows.push(row)
  }
  if (rows.length === 0) return { html: '', shown: 0 }
  return {
    html: `${opening(rows.length)}${head}\n${rows.join('\n')}${closing}`,
    shown: rows.length
  }
}

function fileRow(file: FileFigures): string {
  const name = file.outsideWorkspace
    ? `${htmlPath(file.path)} (outside the workspace)`
    : htmlPath(file.path)
  return tableRow([
    name,
    countCell(file.totals.lines),
    countCell(file.totals.branches),
    countCell(file.totals.functions),
    rangesCell(file.uncovered, file.uncoveredRangeCount)
  ])
}
