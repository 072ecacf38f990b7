/**
 * Uncovered lines grouped into ranges, and ranges ranked for annotation.
 *
 * Grouping rule: the candidates are a file's instrumented lines with 0 hits (restricted to the
 * changed lines when a change is given). Two candidates are in one range when no other
 * instrumented line lies between them: blank lines, comments and closing braces (which no tool
 * instruments) never split a range, while a covered line — or, for a change, an uncovered line
 * the change did not touch — does. So a range is one block of code a reader sees as untested,
 * and an annotation never claims a line the change did not add or modify.
 */
import type { FileCoverage, Language } from '../coverage/index.js'

export interface LineRange {
  startLine: number
  endLine: number
  /** Candidate lines in the range (instrumented, uncovered, and changed when given). */
  lines: number
}

export interface FileRange extends LineRange {
  path: string
  language: Language
}

/**
 * Uncovered ranges of a file, in line order; `only` restricts the candidates (changed lines).
 * Without `only` the ranges are the engine's uncoveredRanges (coverage/ranges.ts), with counts.
 */
export function uncoveredLineRanges(file: FileCoverage, only?: ReadonlySet<number>): LineRange[] {
  const ranges: LineRange[] = []
  let open: LineRange | undefined
  const numbers = file.lineNumbers
  for (let index = 0; index < numbers.length; index++) {
    const line = numbers[index] as number
    const candidate = (file.lineHits[index] as number) === 0 && (!only || only.has(line))
    if (!candidate) {
      open = undefined
    } else if (open) {
      open.endLine = line
      open.lines++
    } else {
      open = { startLine: line, endLine: line, lines: 1 }
      ranges.push(open)
    }
  }
  return ranges
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
