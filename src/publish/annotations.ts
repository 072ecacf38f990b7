/**
 * Warning annotations on uncovered lines — the changed ones (annotations: changed), every
 * file's (all), or none — largest range first, and no more than GitHub shows for one step.
 * Annotations that do not fit are counted (and listed in the summary). A file outside the
 * workspace is never annotated: GitHub could not place it, and its name is not the repository's.
 *
 * Messages carry no file name; the name travels in the `file` property, which @actions/core
 * escapes (%, CR, LF, ':' and ','), so no name can end the property list or start a command.
 */
import type { AnnotationScope } from '../config.js'
import { uncoveredRanges, type CoverageReport } from '../coverage/index.js'
import type { ChangedLinesResult } from './changed-lines.js'
import type { ChangedCoverage } from './changed-coverage.js'
import { formatRange, rankRanges, type FileRange } from './ranges.js'
import { stepWarnings, type Warnings } from '../warnings.js'

export interface AnnotationPlan {
  scope: AnnotationScope
  /** Every uncovered range in scope, largest first. */
  ranked: FileRange[]
  /** Why there is nothing to annotate although annotations are on (no diff, for example). */
  reason?: string
}

export interface AnnotationOutcome extends AnnotationPlan {
  emitted: FileRange[]
  notShown: number
}

export function planAnnotations(
  scope: AnnotationScope,
  report: CoverageReport,
  changed: ChangedLinesResult,
  changedCoverage: ChangedCoverage | undefined
): AnnotationPlan {
  if (scope === 'none') return { scope, ranked: [] }
  if (scope === 'changed') {
    if (changed.status !== 'ok') {
      return { scope, ranked: [], reason: `no changed lines (${changed.reason})` }
    }
    const ranked = changedCoverage?.ranked ?? []
    return { scope, ranked: ranked.filter((range) => insideWorkspace(range.path)) }
  }
  const ranges: FileRange[] = []
  for (const file of report.files.values()) {
    if (file.outsideWorkspace || !insideWorkspace(file.path)) continue
    for (const range of uncoveredRanges(file)) {
      ranges.push({ ...range, path: file.path, language: file.language })
    }
  }
  return { scope, ranked: rankRanges(ranges) }
}

export function emitAnnotations(
  plan: AnnotationPlan,
  warnings: Warnings = stepWarnings
): AnnotationOutcome {
  const emitted = plan.ranked.slice(0, warnings.remaining)
  for (const range of emitted) {
    warnings.warn(annotationMessage(range, plan.scope), {
      title: 'Not covered by tests',
      file: range.path,
      startLine: range.startLine,
      endLine: range.endLine
    })
  }
  return { ...plan, emitted, notShown: plan.ranked.length - emitted.length }
}

export function annotationMessage(range: FileRange, scope: AnnotationScope): string {
  const what = scope === 'changed' ? 'Changed line' : 'Line'
  if (range.startLine === range.endLine) return `${what} ${range.startLine} is not run by any test.`
  const counted =
    range.lines === range.endLine - range.startLine + 1 ? '' : ` (${range.lines} instrumented)`
  return `${what}s ${formatRange(range)}${counted} are not run by any test.`
}

/** Repository-relative and inside it: not absolute, no drive letter, not climbing out. */
export function insideWorkspace(path: string): boolean {
  return !(
    path === '' ||
    path.startsWith('/') ||
    /^[A-Za-z]:/.test(path) ||
    path === '..' ||
    path.startsWith('../') ||
    path.includes('/../')
  )
}
