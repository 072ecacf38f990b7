import type { FileCoverage } from './model.js'

export interface LineRange {
  start: number
  end: number
}

/**
 * Runs of uncovered lines: instrumented lines with 0 hits, in ascending order. A run
 * continues across lines that are not instrumented (blank lines, comments, a closing brace)
 * and ends at the next covered line — so one missed block is one range, which keeps
 * annotations few (GitHub shows 10 per step). A range starts and ends on uncovered lines.
 */
export function uncoveredRanges(file: FileCoverage): LineRange[] {
  const ranges: LineRange[] = []
  let current: LineRange | undefined
  for (let index = 0; index < file.lineNumbers.length; index++) {
    const line = file.lineNumbers[index] as number
    if ((file.lineHits[index] as number) > 0) {
      current = undefined
    } else if (current === undefined) {
      current = { start: line, end: line }
      ranges.push(current)
    } else current.end = line
  }
  return ranges
}
