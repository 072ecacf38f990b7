import { ReportParseError } from './errors.js'
import { lineOfOffset, locateJson, type JsonPath } from './json-locate.js'
import { MAX_LINE_NUMBER } from './limits.js'
import { textProblem } from './report-text.js'
import { showText } from './show-text.js'

/**
 * Typed access to parsed JSON that fails with the report file and the line of the offending
 * value (found again in the text only when something is wrong).
 */
export class JsonFields {
  constructor(
    readonly text: string,
    readonly source: string
  ) {}

  fail(path: JsonPath, expected: string): never {
    const location = locateJson(this.text, path)
    const offset = location.expected === undefined ? location.offset : 0
    throw new ReportParseError(
      this.source,
      lineOfOffset(this.text, offset),
      `expected ${expected} at ${showPath(path)}`
    )
  }

  object(value: unknown, path: JsonPath, what = 'an object'): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path, what)
    return value as Record<string, unknown>
  }

  optionalObject(value: unknown, path: JsonPath): Record<string, unknown> | undefined {
    return value === undefined ? undefined : this.object(value, path)
  }

  /** A list of line numbers (1..2^24); absent means empty. */
  lines(value: unknown, path: JsonPath): number[] {
    if (value === undefined) return []
    if (!Array.isArray(value)) this.fail(path, 'a list of line numbers')
    for (let index = 0; index < value.length; index++) {
      if (!isLineNumber(value[index])) {
        this.fail([...path, index], `a line number from 1 to ${MAX_LINE_NUMBER}`)
      }
    }
    return value as number[]
  }

  /** A list of [from, to] arcs: from a line number, to a line number or its negative (exit). */
  arcs(value: unknown, path: JsonPath): Array<[number, number]> {
    if (value === undefined) return []
    if (!Array.isArray(value)) this.fail(path, 'a list of [from, to] arcs')
    for (let index = 0; index < value.length; index++) {
      const arc: unknown = value[index]
      const valid =
        Array.isArray(arc) &&
        arc.length === 2 &&
        isLineNumber(arc[0]) &&
        typeof arc[1] === 'number' &&
        isLineNumber(Math.abs(arc[1]))
      if (!valid) this.fail([...path, index], 'an arc [from line, to line or -line]')
    }
    return value as Array<[number, number]>
  }

  /** A whole count, when present. */
  count(value: unknown, path: JsonPath): number | undefined {
    if (value === undefined) return undefined
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
      this.fail(path, 'a whole count')
    return value
  }

  /** A list of names (the test names of a context), each one a name may be (report-text.ts). */
  names(value: unknown, path: JsonPath): string[] {
    if (!Array.isArray(value)) this.fail(path, 'a list of strings')
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index]
      if (typeof item !== 'string') this.fail([...path, index], 'a string')
      const problem = textProblem(item, 'name')
      if (problem !== undefined) this.fail([...path, index], `a test name (this one ${problem})`)
    }
    return value as string[]
  }
}

function isLineNumber(value: unknown): value is number {
  return (
    typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_LINE_NUMBER
  )
}

function showPath(path: JsonPath): string {
  if (path.length === 0) return 'the top level'
  return path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `["${showText(part, 120)}"]`))
    .join('')
}
