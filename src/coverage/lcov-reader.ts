import { ReportAccumulator } from './accumulator.js'
import { checkEncoding } from './encoding.js'
import { LcovFunctionRecords } from './lcov-functions.js'
import { LcovReader } from './lcov-records.js'
import { checkReportSize, type ParseOptions } from './limits.js'
import type { CoverageReport } from './model.js'

/**
 * Streaming byte-level lcov tracefile reader: one pass over the bytes, integers parsed in
 * place, strings decoded only for paths and function names.
 *
 * Records: TN, SF, FN (`FN:<line>,<name>` and lcov 2.x `FN:<start>,<end>,<name>`), FNDA,
 * FNL/FNA (lcov 2.x), DA (`DA:<line>,<hits>[,<checksum>]`), BRDA (`BRDA:<line>,[e]<block>,
 * <branch>,<taken or ->`, the branch may be an lcov 2.x expression), end_of_record. Stated
 * totals (LF/LH, FNF/FNH, BRF/BRH) are recomputed, never trusted. Other `TAG:` records (VER,
 * MCDC, …) and `#` comments are skipped. CRLF, a BOM, a missing final end_of_record and a
 * missing final newline are accepted; a file listed in several records (or reports) sums.
 */
export function parseLcov(
  data: Uint8Array,
  source: string,
  options?: ParseOptions
): CoverageReport {
  // A DA record takes at least 7 bytes and a BRDA record 13: arenas this size never grow.
  const accumulator = new ReportAccumulator({
    lines: Math.min(data.length / 7 + 16, 2 ** 27),
    branches: Math.min(data.length / 13 + 16, 2 ** 26)
  })
  readLcovInto(accumulator, data, source, options)
  return accumulator.build()
}

/**
 * Reads a tracefile straight into an accumulator, so merging shards needs no intermediate
 * report: each shard's records add into the files the first one created.
 */
export function readLcovInto(
  accumulator: ReportAccumulator,
  data: Uint8Array,
  source: string,
  options?: ParseOptions
): void {
  checkReportSize(data.length, source, options)
  const reader = new LcovPieceReader(accumulator, source)
  reader.read(data)
  reader.finish()
}

/**
 * Reads a tracefile that arrives in pieces, each ending at a record boundary (see
 * lastRecordEnd), exactly as readLcovInto reads the whole: a caller reading from a file then
 * needs only a small buffer, still in the CPU cache when it is parsed, instead of one as large
 * as the file. Parse errors give the line within the piece.
 */
export class LcovPieceReader {
  private readonly functions: LcovFunctionRecords
  private first = true

  constructor(
    private readonly accumulator: ReportAccumulator,
    private readonly source: string
  ) {
    this.functions = new LcovFunctionRecords(source)
  }

  read(piece: Uint8Array): void {
    if (this.first) checkEncoding(piece, this.source)
    // One concrete array type keeps the hot loops monomorphic (a Buffer is a Uint8Array subclass).
    const bytes = new Uint8Array(piece.buffer, piece.byteOffset, piece.byteLength)
    const reader = new LcovReader(bytes, this.source, this.accumulator, this.functions, this.first)
    reader.read()
    reader.endRecord()
    this.first = false
  }

  /** After the last piece: notes about records that were ignored. */
  finish(): void {
    for (const [key, count] of this.functions.tallies()) this.accumulator.addTally(key, count)
  }
}
