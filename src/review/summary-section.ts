/**
 * The step summary's section of the review loop: the change against the base branch (or why
 * there is none), the files the pull request changes, what became of the comment, and on push
 * runs the baseline this run keeps. Bounded: at most FILE_ROWS rows. Pure.
 */
import type { UploadOutcome } from '../publish/artifact.js'
import type { ChangedCoverage } from '../publish/changed-coverage.js'
import { escapeHtml } from '../publish/escape.js'
import type { CoverageFigures } from '../publish/figures.js'
import { formatCount, hrefValue, paragraph, tableHead } from '../publish/summary-html.js'
import {
  changeTable,
  describeBaseline,
  describeNoBaseline,
  FILE_ROW_HEADERS,
  fileRowHtml,
  fileRows,
  pointsCell
} from './render-parts.js'
import type { CommentOutcome, Review } from './types.js'

export interface ReviewSummary {
  review: Review
  figures: CoverageFigures
  changedCoverage?: ChangedCoverage
  comment?: CommentOutcome
  baselineUpload?: UploadOutcome
}

const FILE_ROWS = 50

export function reviewSection(input: ReviewSummary | undefined): string {
  if (!input) return ''
  const { baseline, delta } = input.review
  if (baseline.status === 'off') {
    const kept = keptLine(input.baselineUpload)
    return kept ? ['### Baseline', kept].join('\n\n') : ''
  }
  const parts = ['### Change against the base branch']
  if (baseline.status === 'found' && delta) {
    parts.push(
      paragraph(
        `Line coverage <strong>${pointsCell(delta.total.base, delta.total.now)}</strong> points against ${describeBaseline(baseline)}, kept by run ${baseline.runId}.`
      ),
      changeTable(delta)
    )
  } else parts.push(paragraph(describeNoBaseline(baseline)))
  const rows = fileRows(delta, input.changedCoverage, input.figures)
  if (rows.length > 0) {
    const shown = rows.slice(0, FILE_ROWS).map(fileRowHtml)
    const what =
      delta?.filesBasis === 'differing'
        ? 'Files whose coverage changed'
        : 'Files this pull request changes'
    const more =
      rows.length > FILE_ROWS ? ` (${FILE_ROWS} of ${formatCount(rows.length)} shown)` : ''
    parts.push(
      paragraph(`${what}${more}:`),
      [tableHead(FILE_ROW_HEADERS), ...shown, '</table>'].join('\n')
    )
  }
  const comment = commentLine(input.comment)
  if (comment) parts.push(comment)
  return parts.join('\n\n')
}

function keptLine(upload: UploadOutcome | undefined): string {
  if (!upload) return ''
  if (upload.status === 'uploaded') {
    return paragraph(
      `This run keeps its coverage as the baseline for pull requests against this branch: artifact <a href="${hrefValue(upload.url)}">${escapeHtml(upload.name)}</a>.`
    )
  }
  const why = upload.status === 'failed' ? upload.message : upload.reason
  return paragraph(`⚠️ The baseline for pull requests was not kept: ${escapeHtml(why)}.`)
}

function commentLine(comment: CommentOutcome | undefined): string {
  if (!comment || comment.status === 'off') return ''
  if (comment.status === 'created' || comment.status === 'updated') {
    return paragraph(
      `Pull request comment ${comment.status}: <a href="${hrefValue(comment.url)}">comment ${comment.id}</a>.`
    )
  }
  if (comment.status === 'read-only') {
    return paragraph(
      `The pull request comment was not posted: the token may not write to the pull request (${escapeHtml(comment.reason)}), as on pull requests from forks. Its body is in the artifact <code>${escapeHtml(comment.artifact ?? '')}</code> for the comment workflow (mode: comment) to post.`
    )
  }
  return paragraph(
    `⚠️ The pull request comment was not posted: ${escapeHtml('reason' in comment ? comment.reason : comment.status)}.`
  )
}
