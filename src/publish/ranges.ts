/**
 * Uncovered line ranges (grouped by the engine's uncoveredRanges, coverage/ranges.ts), ranked
 * for annotation and shown as text.
 */
import type { Language, LineRange } from '../coverage/index.js'

export type { LineRange }

export interface FileRange extends LineRange {
  path: string
  language: Language
}

/**
 * Largest first: most candidate lines, then the wider span, then path and line for a stable
 * order between equals.
 */
export function rankRanges(ranges: readonly FileRange[]): FileRange[] {
  return [...ranges].sort(
    (a, b) =>
      b.lines - a.lines ||
      b.endLine - b.startLine - (a.endLine - a.startLine) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      a.startLine - b.startLine
  )
}

/** `12`, `12–15` */
export function formatRange(range: LineRange): string {
  return range.startLine === range.endLine
    ? String(range.startLine)
    : `${range.startLine}–${range.endLine}`
}
