import type { FileCoverage } from './model.js'

export interface LineRange {
  startLine: number
  endLine: number
  /** Candidate lines in the range (instrumented, uncovered, and in `only` when given). */
  lines: number
}

/**
 * Runs of uncovered lines of a file, in line order. The candidates are the instrumented lines
 * with 0 hits, restricted to `only` when given (the changed lines of a pull request). Two
 * candidates are in one range when no other instrumented line lies between them: blank lines,
 * comments and closing braces (which no tool instruments) never split a range, while a covered
 * line — or, with `only`, an uncovered line outside it — does. So one missed block is one
 * range (annotations stay few: GitHub shows 10 per step), and a range restricted to a change
 * never claims a line the change did not touch.
 */
export function uncoveredRanges(file: FileCoverage, only?: ReadonlySet<number>): LineRange[] {
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
