import type { ReportAccumulator } from './accumulator.js'
import { ByteCursor } from './byte-cursor.js'
import { CARRIAGE_RETURN, COLON, COMMA, NEWLINE } from './bytes.js'
import { notUtf8Error } from './encoding.js'
import type { FileBuilder } from './file-builder.js'
import type { LcovFunctionRecords } from './lcov-functions.js'
import { plainBranchRun, plainLineRun } from './lcov-runs.js'
import { isTagByte, isUpper, LCOV_SHAPES, MAX_BLOCK } from './lcov-syntax.js'
import {
  MAX_FILES_PER_READ,
  MAX_FUNCTIONS_PER_REPORT,
  MAX_LINE_NUMBER,
  MAX_NAME_BYTES
} from './limits.js'
import { NOT_EVALUATED } from './model.js'
import { decodeStrictUtf8, lengthProblem, textProblem, type TextKind } from './report-text.js'

const END_OF_RECORD = new TextEncoder().encode('end_of_record')

/**
 * The record parser behind parseLcov / readLcovInto / LcovPieceReader (see lcov-reader.ts for
 * the records it accepts): one pass over the bytes, hot runs of DA and BRDA records handed to
 * lcov-runs.ts, everything else parsed record by record with errors naming the line.
 */
export class LcovReader extends ByteCursor {
  private current: FileBuilder | undefined

  constructor(
    data: Uint8Array,
    source: string,
    private readonly accumulator: ReportAccumulator,
    private readonly functions: LcovFunctionRecords,
    /** Whether the data starts the tracefile (where a BOM may be). */
    private readonly atStart: boolean
  ) {
    super(data, source)
  }

  read(): void {
    const data = this.data
    const length = data.length
    const bom = this.atStart && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf
    let position = bom ? 3 : 0
    while (position < length) {
      const file = this.current
      if (file !== undefined && data[position] === 0x44) {
        const next = plainLineRun(data, position, file)
        if (next !== position) {
          position = next
          continue
        }
      } else if (file !== undefined && data[position] === 0x42) {
        const next = plainBranchRun(data, position, file)
        if (next !== position) {
          position = next
          continue
        }
      } else if (file !== undefined && data[position] === 0x46) {
        const next = this.plainFunctionRun(position)
        if (next !== position) {
          position = next
          continue
        }
      }
      this.position = position
      this.readRecord()
      position = this.position
    }
  }

  private readRecord(): void {
    const data = this.data
    const start = this.position
    const first = data[start]
    if (first === 0x44 && this.tagIs(start, 'DA')) this.readLine(start + 3)
    else if (first === 0x42 && this.tagIs(start, 'BRDA')) this.readBranch(start + 5)
    else if (first === 0x46) this.readFunctionRecord(start)
    else if (first === 0x53 && this.tagIs(start, 'SF')) this.readSourceFile(start + 3)
    else if (first === 0x65 && this.matches(start, END_OF_RECORD)) {
      this.expectEndOfLine(start + END_OF_RECORD.length, 'end_of_record')
      this.endRecord()
    } else this.skipOtherLine(start)
  }

  private readFunctionRecord(start: number): void {
    const tag = this.tagIs(start, 'FNDA')
      ? 'FNDA'
      : this.tagIs(start, 'FNL')
        ? 'FNL'
        : this.tagIs(start, 'FNA')
          ? 'FNA'
          : this.tagIs(start, 'FN')
            ? 'FN'
            : undefined
    if (tag === undefined) return this.skipOtherLine(start)
    this.requireFile(tag)
    this.position = start + tag.length + 1
    if (tag === 'FN') this.readFunction()
    else if (tag === 'FNDA') this.readFunctionHits()
    else if (tag === 'FNL') this.readFunctionGroup()
    else this.readFunctionAlias()
  }

  /** The general DA path (checksums, blanks, errors); plain records go through plainLineRun. */
  private readLine(position: number): void {
    const file = this.requireFile('DA')
    this.position = position
    const line = this.lineNumber(LCOV_SHAPES.DA)
    this.expectComma(LCOV_SHAPES.DA)
    const hits = this.count(LCOV_SHAPES.DA)
    if (this.data[this.position] === COMMA) this.restOfLine()
    else this.expectEndOfLine(this.position, LCOV_SHAPES.DA)
    file.addLine(line, hits)
  }

  private readBranch(position: number): void {
    const file = this.requireFile('BRDA')
    const shape = LCOV_SHAPES.BRDA
    this.position = position
    const line = this.lineNumber(shape)
    this.expectComma(shape)
    const exception = this.data[this.position] === 0x65
    if (exception) this.position++
    const block = this.unsigned(10)
    if (block < 0 || block > MAX_BLOCK) this.fail(this.position, `expected ${shape}`)
    this.expectComma(shape)
    const fieldStart = this.position
    let end = this.restOfLine()
    while (end > fieldStart && (this.data[end - 1] === 0x20 || this.data[end - 1] === 0x09)) end--
    let lastComma = end - 1
    while (lastComma >= fieldStart && this.data[lastComma] !== COMMA) lastComma--
    if (lastComma <= fieldStart) this.fail(fieldStart, `expected ${shape}`)
    const taken = this.takenField(lastComma + 1, end)
    const id = this.numericField(fieldStart, lastComma)
    const label = id < 0 ? this.text(fieldStart, lastComma, 'name', shape) : undefined
    file.addBranch(line, exception ? -1 - block : block, Math.max(id, 0), label, taken)
    file.branchSource = 'lcov'
  }

  private readSourceFile(position: number): void {
    this.endRecord()
    const end = this.restOfLine(position)
    const next = this.accumulator.recordIfNext(this.data, position, end)
    if (next !== undefined) {
      this.current = next
      return
    }
    const path = this.text(position, end, 'path', LCOV_SHAPES.SF)
    if (path.trim() === '') this.fail(position, `expected ${LCOV_SHAPES.SF}`)
    this.current = this.accumulator.record(path)
    if (this.accumulator.fileCount > MAX_FILES_PER_READ) {
      this.fail(position, `expected at most ${MAX_FILES_PER_READ.toLocaleString('en-US')} files`)
    }
  }

  private readFunction(): void {
    const start = this.lineNumber(LCOV_SHAPES.FN)
    this.expectComma(LCOV_SHAPES.FN)
    let end: number | undefined
    if (this.digitsThenComma(this.position)) {
      end = this.lineNumber(LCOV_SHAPES.FN)
      this.expectComma(LCOV_SHAPES.FN)
    }
    const nameStart = this.position
    this.declareFunction(start, end, nameStart, this.restOfLine())
  }

  /**
   * Declares the function of an FN record named by bytes [nameStart, nameEnd). A record of a
   * file seen before (another shard) names the same functions in order: the next expected one
   * is recognised from its bytes; any other name is decoded and checked.
   */
  private declareFunction(
    start: number,
    end: number | undefined,
    nameStart: number,
    nameEnd: number
  ): void {
    const table = (this.current as FileBuilder).functions
    const known = table.matchNext(this.data, nameStart, nameEnd)
    if (known !== undefined && known.start === start) {
      this.functions.declare(known.name, start, end, nameStart, known)
    } else {
      const name = this.nameAt(nameStart, nameEnd, LCOV_SHAPES.FN)
      this.functions.declare(name, start, end, nameStart, undefined, table.expected)
    }
    this.checkFunctionCount(nameStart)
  }

  /** Adds an FNDA record's hits to the function named by bytes [nameStart, nameEnd). */
  private addFunctionHits(hits: number, nameStart: number, nameEnd: number): void {
    if (!this.functions.addHitsToExpected(this.data, nameStart, nameEnd, hits)) {
      this.functions.addHits(this.nameAt(nameStart, nameEnd, LCOV_SHAPES.FNDA), hits)
    }
  }

  /**
   * Consumes consecutive plain `FN:<line>,<name>` and `FNDA:<hits>,<name>` records (a name of
   * printable ASCII that does not start with a digit, LF or CRLF); returns where they stop.
   * They are a tenth of a tracefile's records but the costliest: the differing-shapes merge of
   * `npm run bench` took 0.55 s, 0.41 s with them stripped, when readRecord took each one
   * (a tag lookup, one call per field). Anything else is left to readRecord before any state
   * changed; it reads the record exactly as before and produces the errors.
   */
  private plainFunctionRun(start: number): number {
    const data = this.data
    let position = start
    while (data[position] === 0x46 && data[position + 1] === 0x4e) {
      const declaration = data[position + 2] === COLON
      let at: number
      let value: number
      if (declaration) {
        at = position + 3
        value = (data[at] as number) - 48
        if (value < 1 || value > 9) break
        let byte = data[++at] as number
        while (byte >= 48 && byte <= 57) {
          value = value * 10 + byte - 48
          byte = data[++at] as number
        }
        if (byte !== COMMA || at > position + 11 || value > MAX_LINE_NUMBER) break
      } else if (
        data[position + 2] === 0x44 &&
        data[position + 3] === 0x41 &&
        data[position + 4] === COLON
      ) {
        at = position + 5
        const hitsStart = at
        value = 0
        let byte = data[at] as number
        while (byte >= 48 && byte <= 57) {
          value = value * 10 + byte - 48
          byte = data[++at] as number
        }
        if (byte !== COMMA || at === hitsStart || at > hitsStart + 15) break
      } else break
      const nameStart = ++at
      let byte = data[at] as number
      // A leading digit may be an lcov 2.x end line (FN:<start>,<end>,<name>).
      if (byte >= 48 && byte <= 57) break
      while (byte >= 0x20 && byte < 0x7f) byte = data[++at] as number
      const nameEnd = at
      if (nameEnd === nameStart || nameEnd - nameStart > MAX_NAME_BYTES) break
      let next: number
      if (byte === NEWLINE) next = at + 1
      else if (byte === CARRIAGE_RETURN && data[at + 1] === NEWLINE) next = at + 2
      else break
      // From here on the record is read: state changes.
      if (declaration) this.declareFunction(value, undefined, nameStart, nameEnd)
      else this.addFunctionHits(value, nameStart, nameEnd)
      position = next
    }
    return position
  }

  private checkFunctionCount(at: number): void {
    if (this.functions.declaredInReport > MAX_FUNCTIONS_PER_REPORT) {
      const limit = MAX_FUNCTIONS_PER_REPORT.toLocaleString('en-US')
      this.fail(at, `expected at most ${limit} functions in one report`)
    }
  }

  private readFunctionHits(): void {
    const hits = this.count(LCOV_SHAPES.FNDA)
    this.expectComma(LCOV_SHAPES.FNDA)
    const nameStart = this.position
    this.addFunctionHits(hits, nameStart, this.restOfLine())
  }

  private readFunctionGroup(): void {
    const index = this.unsigned(9)
    if (index < 0) this.fail(this.position, `expected ${LCOV_SHAPES.FNL}`)
    this.expectComma(LCOV_SHAPES.FNL)
    const start = this.lineNumber(LCOV_SHAPES.FNL)
    let end: number | undefined
    if (this.data[this.position] === COMMA) {
      this.position++
      end = this.lineNumber(LCOV_SHAPES.FNL)
    }
    this.expectEndOfLine(this.position, LCOV_SHAPES.FNL)
    this.functions.declareGroup(index, start, end)
  }

  private readFunctionAlias(): void {
    const index = this.unsigned(9)
    if (index < 0) this.fail(this.position, `expected ${LCOV_SHAPES.FNA}`)
    this.expectComma(LCOV_SHAPES.FNA)
    const hits = this.count(LCOV_SHAPES.FNA)
    this.expectComma(LCOV_SHAPES.FNA)
    const at = this.position
    this.functions.addAlias(index, hits, this.nameToEndOfLine(LCOV_SHAPES.FNA))
    this.checkFunctionCount(at)
  }

  /**
   * Closes the open record: functions resolve now, since FNDA may come before FN. Called at
   * each end_of_record, and by the caller after read(): were it called at the end of read(),
   * the optimised read() (compiled on stack while its loop ran the first piece, before that
   * call had ever run) would fall back to the interpreter there at the end of every piece.
   */
  endRecord(): void {
    if (this.current !== undefined) this.functions.flushInto(this.current)
    this.current = undefined
  }

  private requireFile(tag: string): FileBuilder {
    if (this.current === undefined) this.fail(this.position, `expected SF:<path> before ${tag}:`)
    return this.current
  }

  /** Lines that are no known record: blank, `#` comments and other `TAG:` records are skipped. */
  private skipOtherLine(start: number): void {
    const data = this.data
    let position = start
    while (data[position] === 0x20 || data[position] === 0x09) position++
    const first = data[position]
    if (first === undefined || first === NEWLINE || first === CARRIAGE_RETURN || first === 0x23) {
      this.restOfLine(position)
      return
    }
    let tagEnd = position
    while (isTagByte(data[tagEnd])) tagEnd++
    if (tagEnd === position || data[tagEnd] !== COLON || !isUpper(first)) {
      this.fail(
        start,
        'expected an lcov record (TN:, SF:, FN:, FNDA:, DA:, BRDA:, … or end_of_record)'
      )
    }
    this.restOfLine(tagEnd)
  }

  private takenField(start: number, end: number): number {
    if (end === start + 1 && this.data[start] === 0x2d) return NOT_EVALUATED
    this.position = start
    const taken = this.unsigned(16)
    if (taken < 0 || taken > Number.MAX_SAFE_INTEGER || this.position !== end) {
      this.fail(start, `expected ${LCOV_SHAPES.BRDA} with taken a whole count or -`)
    }
    return taken
  }

  /** The branch field as a number when it is one (0..2^31-1); -1 for an expression label. */
  private numericField(start: number, end: number): number {
    if (end - start > 10) return -1
    let value = 0
    for (let position = start; position < end; position++) {
      const digit = (this.data[position] as number) - 48
      if (digit < 0 || digit > 9) return -1
      value = value * 10 + digit
    }
    return value <= 2 ** 31 - 1 ? value : -1
  }

  private nameToEndOfLine(shape: string): string {
    const start = this.position
    return this.nameAt(start, this.restOfLine(), shape)
  }

  /** Bytes [start, end) as a name (see text), which may not be empty. */
  private nameAt(start: number, end: number, shape: string): string {
    const name = this.text(start, end, 'name', shape)
    if (name === '') this.fail(start, `expected ${shape}`)
    return name
  }

  /**
   * Bytes [start, end) as a path or name: bounded in length, UTF-8, without a control
   * character (see report-text.ts); anything else is refused with the line.
   */
  private text(start: number, end: number, kind: TextKind, shape: string): string {
    const tooLong = lengthProblem(end - start, kind)
    if (tooLong !== undefined) this.fail(start, `expected ${shape}; the ${kind} ${tooLong}`)
    const text = decodeStrictUtf8(this.data, start, end)
    if (text === undefined) throw notUtf8Error(this.data, start, end, this.source, shape)
    const problem = textProblem(text, kind)
    if (problem !== undefined) this.fail(start, `expected ${shape}; the ${kind} ${problem}`)
    return text
  }
}
