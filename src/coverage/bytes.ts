/** Byte-level helpers shared by the readers: they scan Uint8Arrays and decode only names. */

export const NEWLINE = 10
export const CARRIAGE_RETURN = 13
export const SPACE = 32
export const TAB = 9
export const COMMA = 44
export const COLON = 58

const utf8 = new TextDecoder('utf-8')

/** Decodes [start, end) as UTF-8 (invalid bytes become U+FFFD). */
export function decodeText(data: Uint8Array, start: number, end: number): string {
  return utf8.decode(data.subarray(start, end))
}

/** 1-based line of `offset`. Only computed when reporting an error, so readers never count. */
export function lineNumberAt(data: Uint8Array, offset: number): number {
  let line = 1
  let position = data.indexOf(NEWLINE)
  while (position >= 0 && position < offset) {
    line++
    position = data.indexOf(NEWLINE, position + 1)
  }
  return line
}

/** The line containing `offset`, shortened and with control bytes shown, for error messages. */
export function quoteLineAt(data: Uint8Array, offset: number, limit = 60): string {
  let start = offset
  while (start > 0 && data[start - 1] !== NEWLINE) start--
  let end = data.indexOf(NEWLINE, start)
  if (end < 0) end = data.length
  if (end > start && data[end - 1] === CARRIAGE_RETURN) end--
  const shown = Math.min(end, start + limit)
  let text = ''
  for (let index = start; index < shown; index++) {
    const byte = data[index] as number
    text +=
      byte >= 0x20 && byte < 0x7f
        ? String.fromCharCode(byte)
        : `\\x${byte.toString(16).padStart(2, '0')}`
  }
  return `"${text}${end > shown ? '…' : ''}"`
}

/** True when the string holds a control character (no path or name in a report may). */
export function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code < 0x20 || code === 0x7f) return true
  }
  return false
}
