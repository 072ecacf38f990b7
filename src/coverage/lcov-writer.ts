import { ByteSink, chunksToString, type ChunkOptions } from './byte-sink.js'
import {
  NOT_EVALUATED,
  sortedFiles,
  type CoverageReport,
  type FileCoverage,
  type FunctionRecord
} from './model.js'
import { fileTotals, type Totals } from './summary.js'

/**
 * lcov tracefile writer. Files in path order, each record: TN, SF, FN/FNDA (the lcov 1.x
 * `FN:<line>,<name>` form, which lcov 1.x, lcov 2.x and grcov all read; end lines are not
 * carried), FNF/FNH (counted by function identity, see model.ts), BRDA with `-` for
 * never-evaluated outcomes and `e` for exception blocks, BRF/BRH, DA, LF/LH, end_of_record.
 */
export function* lcovChunks(
  report: CoverageReport,
  options: ChunkOptions = {}
): Generator<Uint8Array> {
  const sink = new ByteSink()
  for (const file of sortedFiles(report)) {
    writeFile(sink, file)
    const chunks = sink.drain()
    yield* chunks
    if (options.reuseBuffers === true) sink.recycle(chunks)
  }
  yield* sink.finish()
}

/** The whole tracefile as one string. */
export function writeLcov(report: CoverageReport): string {
  return chunksToString(lcovChunks(report))
}

function writeFile(sink: ByteSink, file: FileCoverage): void {
  const totals = fileTotals(file)
  sink.ascii('TN:\nSF:')
  sink.text(file.path)
  sink.byte(10)
  writeFunctions(sink, file, totals)
  writeBranches(sink, file, totals)
  sink.pairs('DA:', file.lineNumbers, file.lineHits)
  const lines = totals.lines
  sink.ascii('LF:')
  sink.integer(lines.found)
  sink.ascii('\nLH:')
  sink.integer(lines.hit)
  sink.ascii('\nend_of_record\n')
}

function writeFunctions(sink: ByteSink, file: FileCoverage, totals: Totals): void {
  const functions = file.functions
  if (functions.length === 0) return
  // Indexed loops: this runs once per file, mostly before it is optimised, and an array
  // iterator there is an allocation per loop.
  for (let index = 0; index < functions.length; index++) {
    const record = functions[index] as FunctionRecord
    sink.ascii('FN:')
    sink.integer(record.start)
    sink.byte(44)
    sink.text(record.name)
    sink.byte(10)
  }
  for (let index = 0; index < functions.length; index++) {
    const record = functions[index] as FunctionRecord
    sink.ascii('FNDA:')
    sink.integer(record.hits)
    sink.byte(44)
    sink.text(record.name)
    sink.byte(10)
  }
  const count = totals.functions
  sink.ascii('FNF:')
  sink.integer(count.found)
  sink.ascii('\nFNH:')
  sink.integer(count.hit)
  sink.byte(10)
}

/**
 * coverage.py arcs are written as numbered outcomes of their line (destination order), since
 * BRDA branch numbers are non-negative and an arc's destination may be an exit (negative).
 */
function writeBranches(sink: ByteSink, file: FileCoverage, totals: Totals): void {
  const table = file.branches
  if (table.lines.length === 0) return
  const renumber = file.branchSource === 'coveragepy-json'
  let outcomeOfLine = 0
  if (table.labels === undefined && !renumber) {
    sink.branchRecords(table.lines, table.blocks, table.ids, table.taken)
  } else {
    for (let index = 0; index < table.lines.length; index++) {
      const line = table.lines[index] as number
      outcomeOfLine = index > 0 && table.lines[index - 1] === line ? outcomeOfLine + 1 : 0
      sink.ascii('BRDA:')
      sink.integer(line)
      sink.byte(44)
      const block = table.blocks[index] as number
      if (block < 0) sink.byte(0x65)
      sink.integer(block < 0 ? -1 - block : block)
      sink.byte(44)
      const label = table.labels?.[index]
      if (label !== undefined) sink.text(label)
      else sink.integer(renumber ? outcomeOfLine : (table.ids[index] as number))
      sink.byte(44)
      const taken = table.taken[index] as number
      if (taken === NOT_EVALUATED) sink.byte(0x2d)
      else sink.integer(taken)
      sink.byte(10)
    }
  }
  const count = totals.branches
  sink.ascii('BRF:')
  sink.integer(count.found)
  sink.ascii('\nBRH:')
  sink.integer(count.hit)
  sink.byte(10)
}
