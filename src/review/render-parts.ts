/**
 * The pieces the step summary and the pull request comment both show: where the baseline came
 * from, the change table per language, and one row per file. HTML blocks as in the summary
 * (publish/summary-html.ts): every text that came from elsewhere (branch names, paths, reasons)
 * is escaped. Pure.
 */
import { formatPercent, type Count } from '../coverage/index.js'
import type { ChangedCoverage } from '../publish/changed-coverage.js'
import { escapeHtml, htmlPath, shorten } from '../publish/escape.js'
import type { CoverageFigures } from '../publish/figures.js'
import { formatRange } from '../publish/ranges.js'
import { countCell, table, tableRow } from '../publish/summary-html.js'
import { formatPoints, type CoverageDelta, type FileChange } from './delta.js'
import type { BaselineLookup } from './types.js'

const MAX_BRANCH_CHARS = 100
const MAX_RANGES_SHOWN = 8

export function shortSha(sha: string): string {
  return escapeHtml(sha.slice(0, 10))
}

/** `<code>main</code> at <code>abc1234567</code> (the merge base)` */
export function describeBaseline(found: Extract<BaselineLookup, { status: 'found' }>): string {
  const at = `<code>${escapeHtml(shorten(found.branch, MAX_BRANCH_CHARS))}</code> at <code>${shortSha(found.baseline.commit)}</code>`
  if (found.basis === 'merge-base') return `${at} (the merge base)`
  const mergeBase = `<code>${shortSha(found.mergeBase)}</code>`
  if (found.basis === 'first-parent') {
    const count = found.commitsBefore ?? 0
    return `${at} (${count} commit${count === 1 ? '' : 's'} before the merge base ${mergeBase}, which has no baseline)`
  }
  return `${at} (the latest baseline older than the merge base ${mergeBase}, which has none)`
}

/** Why there is no change to show, as one escaped sentence. */
export function describeNoBaseline(lookup: BaselineLookup): string {
  if (lookup.status === 'found') return 'The baseline was found, and no change was measured.'
  if (lookup.status === 'none') {
    return `No baseline for <code>${escapeHtml(shorten(lookup.branch, MAX_BRANCH_CHARS))}</code>: ${escapeHtml(lookup.reason)}. The coverage change is not measured, and no gate fails for it.`
  }
  const what = lookup.status === 'off' ? 'not looked for' : 'could not be read'
  return `The baseline was ${what}: ${escapeHtml(lookup.reason)}.`
}

/** `-1.25` with a mark where coverage fell; an em dash where there is no change to give. */
export function pointsCell(base: Count | undefined, now: Count | undefined): string {
  if (!base && now) return 'new'
  if (base && !now) return 'gone'
  if (!base || !now) return '—'
  const points = formatPoints({ base, now })
  if (!points) return '—'
  return points.startsWith('-') ? `🔻 ${points}` : points
}

/** Rust, Python (and Other, when measured) and the total: now, base, change. */
export function changeTable(delta: CoverageDelta): string {
  const rows: string[][] = []
  const languages = [
    ['Rust', 'rust'],
    ['Python', 'python'],
    ['Other', 'other']
  ] as const
  for (const [name, language] of languages) {
    const change = delta.byLanguage[language]
    if (change.now.found === 0 && change.base.found === 0) continue
    rows.push([
      name,
      countCell(change.now),
      countCell(change.base),
      pointsCell(change.base, change.now)
    ])
  }
  const total = delta.total
  rows.push([
    '<strong>Total</strong>',
    `<strong>${countCell(total.now)}</strong>`,
    countCell(total.base),
    `<strong>${pointsCell(total.base, total.now)}</strong>`
  ])
  return table(['', 'Lines', 'Baseline', 'Change (points)'], rows)
}

/** One row of the per-file table: lines now, change, changed lines covered, not covered. */
export interface FileRow {
  path: string
  now?: Count
  change: string
  changed?: Count
  uncovered: string
}

export const FILE_ROW_HEADERS = ['File', 'Lines', 'Change', 'Changed lines covered', 'Not covered']

/** The files to show: those in the change, worst change first, then the changed files without one. */
export function fileRows(
  delta: CoverageDelta | undefined,
  changedCoverage: ChangedCoverage | undefined,
  figures: CoverageFigures
): FileRow[] {
  const changedByPath = new Map((changedCoverage?.files ?? []).map((file) => [file.path, file]))
  const nowByPath = new Map(figures.files.map((file) => [file.path, file.totals.lines]))
  const rows: FileRow[] = []
  const seen = new Set<string>()
  const push = (path: string, change: FileChange | undefined) => {
    if (seen.has(path)) return
    seen.add(path)
    const changed = changedByPath.get(path)
    const uncovered = changed?.uncovered ?? []
    const shown = uncovered.slice(0, MAX_RANGES_SHOWN).map(formatRange).join(', ')
    rows.push({
      path,
      now: change ? change.now : nowByPath.get(path),
      change: change ? pointsCell(change.base, change.now) : '—',
      changed: changed?.lines,
      uncovered:
        uncovered.length > MAX_RANGES_SHOWN
          ? `${shown} …and ${uncovered.length - MAX_RANGES_SHOWN} more`
          : shown
    })
  }
  for (const file of delta?.files ?? []) push(file.path, file)
  for (const file of changedCoverage?.files ?? []) push(file.path, undefined)
  return rows
}

export function fileRowHtml(row: FileRow): string {
  return tableRow([
    htmlPath(row.path),
    row.now ? countCell(row.now) : '—',
    row.change,
    row.changed ? countCell(row.changed) : '—',
    row.uncovered
  ])
}

/** `85.10%` or `—` */
export function percentText(count: Count): string {
  return count.found === 0 ? '—' : `${formatPercent(count.hit, count.found)}%`
}
