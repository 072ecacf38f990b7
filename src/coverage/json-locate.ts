/**
 * Positions inside JSON text, for error messages only. JSON.parse does the parsing (natively,
 * fast) but reports no line; when it fails, or when a parsed value is wrong, this small
 * iterative scanner walks the text again to find where. Deep nesting cannot overflow it.
 */

export type JsonPath = ReadonlyArray<string | number>

export interface JsonLocation {
  /** Offset in the text (UTF-16 units). */
  offset: number
  /** Set when the text is not valid JSON: what the scanner expected at `offset`. */
  expected?: string
}

// JSON strings may not hold raw control characters; the class below has to name them.
// eslint-disable-next-line no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const LITERAL = /true|false|null/y
const BLANK = /[ \t\n\r]*/y

/** Where `target` starts, or where the text stops being JSON; offset 0 when neither applies. */
export function locateJson(text: string, target?: JsonPath): JsonLocation {
  const path: Array<string | number> = []
  const stack: Array<'object' | 'array'> = []
  let position = skipBlank(text, 0)
  const matchesTarget = () =>
    target !== undefined &&
    target.length === path.length &&
    target.every((part, i) => part === path[i])
  const error = (expected: string): JsonLocation => ({ offset: position, expected })
  for (;;) {
    // A value starts here.
    if (matchesTarget()) return { offset: position }
    const char = text[position]
    if (char === '{' || char === '[') {
      position = skipBlank(text, position + 1)
      const closing = char === '{' ? '}' : ']'
      if (text[position] === closing) {
        position = skipBlank(text, position + 1)
      } else {
        stack.push(char === '{' ? 'object' : 'array')
        if (char === '[') path.push(0)
        else {
          const key = readKey(text, position)
          if (key === undefined) return error('a "key" string')
          path.push(key.key)
          position = key.next
        }
        continue
      }
    } else {
      const end = scalarEnd(text, position)
      if (end < 0) return error('a JSON value')
      position = skipBlank(text, end)
    }
    // A value ended: continue the enclosing containers.
    for (;;) {
      const top = stack[stack.length - 1]
      if (top === undefined) {
        return position === text.length ? { offset: 0 } : error('the end of the document')
      }
      const separator = text[position]
      if (separator === ',') {
        position = skipBlank(text, position + 1)
        if (top === 'array') path[path.length - 1] = (path[path.length - 1] as number) + 1
        else {
          const key = readKey(text, position)
          if (key === undefined) return error('a "key" string')
          path[path.length - 1] = key.key
          position = key.next
        }
        break
      }
      if (separator === (top === 'object' ? '}' : ']')) {
        stack.pop()
        path.pop()
        position = skipBlank(text, position + 1)
        continue
      }
      return error(top === 'object' ? ', or }' : ', or ]')
    }
  }
}

function skipBlank(text: string, position: number): number {
  BLANK.lastIndex = position
  BLANK.exec(text)
  return BLANK.lastIndex
}

/** `"key" :` at position; returns the decoded key and where its value starts. */
function readKey(text: string, position: number): { key: string; next: number } | undefined {
  STRING.lastIndex = position
  const match = STRING.exec(text)
  if (match === null) return undefined
  const afterKey = skipBlank(text, STRING.lastIndex)
  if (text[afterKey] !== ':') return undefined
  return { key: JSON.parse(match[0]) as string, next: skipBlank(text, afterKey + 1) }
}

function scalarEnd(text: string, position: number): number {
  for (const pattern of [STRING, NUMBER, LITERAL]) {
    pattern.lastIndex = position
    if (pattern.exec(text) !== null) return pattern.lastIndex
  }
  return -1
}

/** 1-based line of a text offset. */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1
  let index = text.indexOf('\n')
  while (index >= 0 && index < offset) {
    line++
    index = text.indexOf('\n', index + 1)
  }
  return line
}
