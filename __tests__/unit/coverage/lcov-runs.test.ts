/**
 * The DA and BRDA hot loops (lcov-runs.ts) leave their inner loop for the records they cannot
 * finish there: a line or outcome the base lacks, a line out of order, a full arena, a sum
 * reaching 2^53 - 1. Each of those exits, and the way back into the loop after it, must lose
 * nothing.
 */
import { describe, expect, it } from '@jest/globals'
import { ReportAccumulator } from '../../../src/coverage/accumulator.js'
import { readLcovInto } from '../../../src/coverage/lcov-reader.js'
import { fileBranches, fileLines, type CoverageReport } from '../../../src/coverage/model.js'
import { reportNotes } from '../../../src/coverage/notes.js'

const MAX = Number.MAX_SAFE_INTEGER

/** Reads `shards` into one accumulator whose arenas start at `lines` entries. */
function read(shards: readonly string[], lines = 1024): CoverageReport {
  const accumulator = new ReportAccumulator({ lines, branches: 4 })
  shards.forEach((text, index) => readLcovInto(accumulator, Buffer.from(text), `s${index}.info`))
  return accumulator.build()
}

const record = (path: string, lines: Array<[number, number]>) =>
  `SF:${path}\n${lines.map(([line, hits]) => `DA:${line},${hits}\n`).join('')}end_of_record\n`

const linesOf = (report: CoverageReport, path: string) => [...fileLines(report.files.get(path)!)]

describe('the DA loops', () => {
  it('cap a sum at 2^53 - 1 where a later shard adds in place, and go on with the next lines', () => {
    const report = read([
      record('a.rs', [
        [1, MAX - 1],
        [2, 3],
        [3, 4]
      ]),
      record('a.rs', [
        [1, 5],
        [2, 10],
        [3, 20]
      ])
    ])
    expect(linesOf(report, 'a.rs')).toEqual([
      [1, MAX],
      [2, 13],
      [3, 24]
    ])
    expect(reportNotes(report)).toContain(
      'counts in 1 file(s) reached 2^53 - 1 and were capped there (first: a.rs)'
    )
  })

  it('cap a sum at 2^53 - 1 where one record repeats a line, and go on with the next lines', () => {
    const report = read([
      record('b.rs', [
        [1, 1],
        [2, MAX],
        [2, 1],
        [3, 7]
      ])
    ])
    expect(linesOf(report, 'b.rs')).toEqual([
      [1, 1],
      [2, MAX],
      [3, 7]
    ])
    expect(report.files.get('b.rs')?.saturated).toBe(true)
  })

  it('flag no file whose sums stay below 2^53 - 1', () => {
    const report = read([record('c.rs', [[1, MAX - 2]]), record('c.rs', [[1, 1]])])
    expect(linesOf(report, 'c.rs')).toEqual([[1, MAX - 1]])
    expect(report.files.get('c.rs')?.saturated).toBeUndefined()
    expect(reportNotes(report)).toEqual([])
  })

  it('add lines a later shard has and the base lacks, before, between and after its lines', () => {
    const report = read([
      record('d.rs', [
        [5, 1],
        [10, 1],
        [20, 1]
      ]),
      record('d.rs', [
        [2, 2],
        [5, 2],
        [7, 2],
        [8, 2],
        [10, 2],
        [30, 2]
      ])
    ])
    expect(linesOf(report, 'd.rs')).toEqual([
      [2, 2],
      [5, 3],
      [7, 2],
      [8, 2],
      [10, 3],
      [20, 1],
      [30, 2]
    ])
  })

  it('sort lines given out of order and sum the repeats', () => {
    const report = read([
      record('e.py', [
        [9, 1],
        [3, 1],
        [5, 0],
        [3, 2],
        [1, 4]
      ])
    ])
    expect(linesOf(report, 'e.py')).toEqual([
      [1, 4],
      [3, 3],
      [5, 0],
      [9, 1]
    ])
  })

  it('grow a full arena in the middle of a run and keep every line', () => {
    const lines = Array.from({ length: 1000 }, (_, index): [number, number] => [
      index + 1,
      index % 7
    ])
    const other = Array.from({ length: 500 }, (_, index): [number, number] => [2 * index + 1, 1])
    const report = read([record('f.rs', lines), record('g.rs', other), record('f.rs', other)], 4)
    expect(linesOf(report, 'f.rs')).toEqual(
      lines.map(([line, hits]) => [line, line % 2 === 1 && line < 1000 ? hits + 1 : hits])
    )
    expect(linesOf(report, 'g.rs')).toEqual(other)
  })
})

/** `[line, block, branch, taken]` outcomes (`-` for never evaluated) as one BRDA record. */
const branchRecord = (path: string, outcomes: Array<[number, number, number, number | '-']>) =>
  `SF:${path}\n${outcomes.map((outcome) => `BRDA:${outcome.join(',')}\n`).join('')}end_of_record\n`

const branchesOf = (report: CoverageReport, path: string) =>
  [...fileBranches(report.files.get(path)!)].map((b) => [b.line, b.block, b.id, b.taken ?? '-'])

describe('the BRDA loop', () => {
  it('adds a later shard in place as lcov -a does: - and - is -, - and n is n', () => {
    const report = read([
      branchRecord('a.rs', [
        [1, 0, 0, '-'],
        [1, 0, 1, '-'],
        [2, 0, 0, 3],
        [2, 0, 1, 0]
      ]),
      branchRecord('a.rs', [
        [1, 0, 0, '-'],
        [1, 0, 1, 4],
        [2, 0, 0, '-'],
        [2, 0, 1, 5]
      ])
    ])
    expect(branchesOf(report, 'a.rs')).toEqual([
      [1, 0, 0, '-'],
      [1, 0, 1, 4],
      [2, 0, 0, 3],
      [2, 0, 1, 5]
    ])
  })

  it('caps a sum at 2^53 - 1 and goes on matching the next outcomes in place', () => {
    // One file whose sum reaches 2^53 - 1 exactly, one whose sum would pass it.
    const report = read([
      branchRecord('b.rs', [
        [1, 0, 0, MAX - 1],
        [1, 0, 1, 1],
        [3, 0, 0, 1]
      ]) + branchRecord('b2.rs', [[1, 0, 0, MAX - 1]]),
      branchRecord('b.rs', [
        [1, 0, 0, 1],
        [1, 0, 1, 2],
        [3, 0, 0, 2]
      ]) + branchRecord('b2.rs', [[1, 0, 0, 5]])
    ])
    expect(branchesOf(report, 'b.rs')).toEqual([
      [1, 0, 0, MAX],
      [1, 0, 1, 3],
      [3, 0, 0, 3]
    ])
    expect(branchesOf(report, 'b2.rs')).toEqual([[1, 0, 0, MAX]])
    expect(report.files.get('b.rs')?.saturated).toBe(true)
    expect(report.files.get('b2.rs')?.saturated).toBe(true)
  })

  it('adds outcomes the base lacks and goes on matching the base after them', () => {
    const base: Array<[number, number, number, number]> = Array.from({ length: 40 }, (_, i) => [
      i + 1,
      0,
      0,
      1
    ])
    const later: Array<[number, number, number, number]> = base.flatMap(([line]) =>
      line % 5 === 0
        ? [
            [line, 0, 0, 2],
            [line, 1, 0, 7]
          ]
        : [[line, 0, 0, 2]]
    )
    const report = read([branchRecord('c.rs', base), branchRecord('c.rs', later)])
    expect(branchesOf(report, 'c.rs')).toEqual(
      base.flatMap(([line]) =>
        line % 5 === 0
          ? [
              [line, 0, 0, 3],
              [line, 1, 0, 7]
            ]
          : [[line, 0, 0, 3]]
      )
    )
  })
})
