import {
  CARRIAGE_RETURN,
  COLON,
  COMMA,
  lineNumberAt,
  NEWLINE,
  quoteLineAt,
  SPACE,
  TAB
} from './bytes.js'
import { ReportParseError } from './errors.js'
import { MAX_COUNT, MAX_LINE_NUMBER } from './limits.js'

/**
 * A read position over report bytes with the number parsing the line-based readers share.
 * Numbers are parsed from digits in place; errors name the report and the 1-based line.
 */
export class ByteCursor {
  protected position = 0

  constructor(
    protected readonly data: Uint8Array,
    protected readonly source: string
  ) {}

  /** Unsigned decimal of at most `maxDigits` digits at the cursor; -1 when absent or too long. */
  protected unsigned(maxDigits: number): number {
    const data = this.data
    const length = data.length
    const start = this.position
    let position = start
    let value = 0
    while (position < length) {
      const digit = (data[position] as number) - 48
      if (digit < 0 || digit > 9) break
      value = value * 10 + digit
      position++
    }
    this.position = position
    return position === start || position - start > maxDigits ? -1 : value
  }

  /** A line number 1..MAX_LINE_NUMBER at the cursor, or a parse error showing `shape`. */
  protected lineNumber(shape: string): number {
    const start = this.position
    const line = this.unsigned(9)
    if (line < 1 || line > MAX_LINE_NUMBER) {
      this.fail(start, `expected ${shape} with a line number from 1 to ${MAX_LINE_NUMBER}`)
    }
    return line
  }

  /** A whole count 0..2^53-1 at the cursor, or a parse error showing `shape`. */
  protected count(shape: string): number {
    const start = this.position
    const value = this.unsigned(16)
    if (value < 0 || value > MAX_COUNT) {
      this.fail(start, `expected ${shape} with a whole count from 0 to ${MAX_COUNT}`)
    }
    return value
  }

  protected expectComma(shape: string): void {
    if (this.data[this.position] !== COMMA) this.fail(this.position, `expected ${shape}`)
    this.position++
  }

  /** Accepts trailing blanks, then LF, CRLF or the end of the data. */
  protected expectEndOfLine(position: number, shape: string): void {
    const data = this.data
    while (data[position] === SPACE || data[position] === TAB) position++
    if (position >= data.length) {
      this.position = data.length
    } else if (data[position] === NEWLINE) {
      this.position = position + 1
    } else if (data[position] === CARRIAGE_RETURN && data[position + 1] === NEWLINE) {
      this.position = position + 2
    } else {
      this.fail(position, `expected ${shape}`)
    }
  }

  /** Moves past the current line; returns where its content ends (before CR/LF). */
  protected restOfLine(from = this.position): number {
    const data = this.data
    // Most lines are short: a plain loop beats calling indexOf for them.
    let newline = from
    const shortEnd = Math.min(data.length, from + 64)
    while (newline < shortEnd && data[newline] !== NEWLINE) newline++
    if (newline === shortEnd && shortEnd < data.length) newline = data.indexOf(NEWLINE, shortEnd)
    if (newline < 0) newline = data.length
    this.position = newline + 1
    return newline > from && data[newline - 1] === CARRIAGE_RETURN ? newline - 1 : newline
  }

  /** True when the bytes at `start` are `tag` followed by a colon. */
  protected tagIs(start: number, tag: string): boolean {
    for (let index = 0; index < tag.length; index++) {
      if (this.data[start + index] !== tag.charCodeAt(index)) return false
    }
    return this.data[start + tag.length] === COLON
  }

  protected digitsThenComma(position: number): boolean {
    const data = this.data
    const start = position
    while (
      position < data.length &&
      (data[position] as number) >= 48 &&
      (data[position] as number) <= 57
    ) {
      position++
    }
    return position > start && data[position] === COMMA
  }

  protected matches(start: number, bytes: Uint8Array): boolean {
    for (let index = 0; index < bytes.length; index++) {
      if (this.data[start + index] !== bytes[index]) return false
    }
    return true
  }

  protected fail(offset: number, expected: string): never {
    const line = lineNumberAt(this.data, offset)
    throw new ReportParseError(
      this.source,
      line,
      `${expected}; found ${quoteLineAt(this.data, offset)}`
    )
  }
}
