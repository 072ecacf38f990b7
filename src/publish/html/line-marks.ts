/**
 * What a file page marks on each line: hits, branch outcomes, the status the row shows, and
 * which tests ran it (coverage.py contexts). Pure: from the model's file, nothing else.
 */
import { fileBranches, type FileCoverage } from '../../coverage/index.js'

/** missed: instrumented with 0 hits (the model's uncovered lines, no more, no fewer). */
export type LineStatus = 'covered' | 'missed' | 'partial'

export interface LineBranches {
  found: number
  hit: number
  /** Outcomes never taken, as a reader can place them (`→ 17`, `→ exit`, `branch 1`). */
  notTaken: string[]
}

export interface LineMark {
  /** Undefined when the line is not instrumented (only branch data names it). */
  hits: number | undefined
  branches: LineBranches | undefined
  status: LineStatus
}

/** The marks of every line the model knows, by line number. */
export function lineMarks(file: FileCoverage): Map<number, LineMark> {
  const marks = new Map<number, LineMark>()
  for (let index = 0; index < file.lineNumbers.length; index++) {
    const hits = file.lineHits[index] as number
    marks.set(file.lineNumbers[index] as number, {
      hits,
      branches: undefined,
      status: hits > 0 ? 'covered' : 'missed'
    })
  }
  for (const outcome of fileBranches(file)) {
    let mark = marks.get(outcome.line)
    if (!mark)
      marks.set(outcome.line, (mark = { hits: undefined, branches: undefined, status: 'covered' }))
    const branches = (mark.branches ??= { found: 0, hit: 0, notTaken: [] })
    branches.found++
    if (outcome.taken !== undefined && outcome.taken > 0) branches.hit++
    else branches.notTaken.push(outcomeName(file, outcome.block, outcome.id, outcome.label))
  }
  for (const mark of marks.values()) {
    // A line that never ran is missed whatever its branches; one that ran is partial when an
    // outcome was not taken.
    if (mark.status !== 'missed' && mark.branches && mark.branches.hit < mark.branches.found) {
      mark.status = 'partial'
    }
  }
  return marks
}

function outcomeName(
  file: FileCoverage,
  block: number,
  id: number,
  label: string | undefined
): string {
  if (file.branchSource === 'coveragepy-json') return id < 0 ? '→ exit' : `→ ${id}`
  if (label !== undefined) return label
  return block > 0 ? `branch ${block}.${id}` : `branch ${id}`
}

/** The lines of each distinct set of tests, so a page names each set once. */
export interface TestSets {
  /** Distinct sets of test names, each sorted; numbered from 1 on the page. */
  sets: string[][]
  /** Line → index into `sets`. */
  byLine: Map<number, number>
}

/**
 * Per-line test names grouped into distinct sets: many lines run by the same tests share one
 * list, so a page grows with the lines and the distinct sets, not lines × tests. Undefined when
 * there is no per-test data (nothing is rendered then).
 */
export function testSets(
  contexts: ReadonlyMap<number, readonly string[]> | undefined
): TestSets | undefined {
  if (!contexts || contexts.size === 0) return undefined
  const sets: string[][] = []
  const indexByKey = new Map<string, number>()
  const byLine = new Map<number, number>()
  for (const line of [...contexts.keys()].sort((a, b) => a - b)) {
    const names = [...new Set(contexts.get(line))].sort()
    if (names.length === 0) continue
    const key = JSON.stringify(names)
    let index = indexByKey.get(key)
    if (index === undefined) {
      index = sets.push(names) - 1
      indexByKey.set(key, index)
    }
    byLine.set(line, index)
  }
  return sets.length > 0 ? { sets, byLine } : undefined
}

/** Runs of consecutive line numbers: [[4, 9], [12, 12]]. */
export function lineRuns(lines: Iterable<number>): Array<[start: number, end: number]> {
  const sorted = [...lines].sort((a, b) => a - b)
  const runs: Array<[number, number]> = []
  for (const line of sorted) {
    const last = runs[runs.length - 1]
    if (last && line === last[1] + 1) last[1] = line
    else if (!last || line !== last[1]) runs.push([line, line])
  }
  return runs
}
