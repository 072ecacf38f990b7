/**
 * The engine reads UTF-8 (ASCII included) only. A report in another encoding is refused with a
 * message that says which encoding it is and how to convert it, instead of a parse error about
 * the bytes a wide encoding puts between the characters, or paths with U+FFFD in them.
 */
import { isAscii } from 'node:buffer'
import { lineNumberAt } from './bytes.js'
import { ReportParseError } from './errors.js'
import { showText } from './show-text.js'

/** UTF-16 or UTF-32 (from a byte order mark, or the NULs of ASCII text), or undefined. */
export function wideEncoding(data: Uint8Array): string | undefined {
  const [b0, b1, b2, b3] = data
  if (b0 === 0xff && b1 === 0xfe) return b2 === 0 && b3 === 0 ? 'UTF-32LE' : 'UTF-16LE'
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return 'UTF-32BE'
  if (b0 === 0xfe && b1 === 0xff) return 'UTF-16BE'
  if (data.length < 4) return undefined
  // Every report starts with an ASCII character: in a wide encoding its other bytes are NULs.
  if (b0 !== 0 && b1 === 0 && b2 === 0 && b3 === 0) return 'UTF-32LE'
  if (b0 === 0 && b1 === 0 && b2 === 0 && b3 !== 0) return 'UTF-32BE'
  if (b0 !== 0 && b1 === 0 && b2 !== 0 && b3 === 0) return 'UTF-16LE'
  if (b0 === 0 && b1 !== 0 && b2 === 0 && b3 !== 0) return 'UTF-16BE'
  return undefined
}

/** Refuses a UTF-16 or UTF-32 report, saying so. */
export function checkEncoding(data: Uint8Array, source: string): void {
  const encoding = wideEncoding(data)
  if (encoding === undefined) return
  throw new ReportParseError(
    source,
    1,
    `the report is ${encoding}, and the engine reads UTF-8 only: convert it ` +
      `(iconv -f ${encoding} -t UTF-8) or have the tool write UTF-8`
  )
}

const XML_DECLARATION = /^<\?xml[^>]*?\bencoding\s*=\s*["']([^"']{0,40})["']/
const UTF8_LABELS = new Set(['utf-8', 'utf8', 'us-ascii', 'ascii'])

/**
 * Refuses an XML document that declares an encoding other than UTF-8 and uses it: its bytes
 * above 0x7f mean other characters than in UTF-8. A plain ASCII document reads the same in
 * every such encoding (.NET tools declare "utf-16" on UTF-8 files), so it is accepted.
 */
export function checkXmlDeclaration(data: Uint8Array, start: number, source: string): void {
  const head = new TextDecoder().decode(data.subarray(start, start + 256))
  const declared = XML_DECLARATION.exec(head)?.[1]
  if (declared === undefined || UTF8_LABELS.has(declared.toLowerCase())) return
  if (isAscii(data)) return
  const label = showText(declared, 40)
  throw new ReportParseError(
    source,
    1,
    `the report declares encoding="${label}" and uses it, and the engine reads UTF-8 only: ` +
      `convert it (iconv -f ${label} -t UTF-8) and declare encoding="UTF-8"`
  )
}

/** Offset of the first byte in [start, end) that does not belong to valid UTF-8; `end` if none. */
export function firstInvalidUtf8(data: Uint8Array, start: number, end: number): number {
  let position = start
  while (position < end) {
    const byte = data[position] as number
    if (byte < 0x80) {
      position++
      continue
    }
    const length =
      byte >= 0xc2 && byte <= 0xdf
        ? 2
        : byte >= 0xe0 && byte <= 0xef
          ? 3
          : byte >= 0xf0 && byte <= 0xf4
            ? 4
            : 0
    if (length === 0 || position + length > end) return position
    const second = data[position + 1] as number
    const low = byte === 0xe0 ? 0xa0 : byte === 0xf0 ? 0x90 : 0x80
    const high = byte === 0xed ? 0x9f : byte === 0xf4 ? 0x8f : 0xbf
    if (second < low || second > high) return position
    for (let index = 2; index < length; index++) {
      const next = data[position + index] as number
      if (next < 0x80 || next > 0xbf) return position
    }
    position += length
  }
  return end
}

/** A ReportParseError at the first byte of [start, end) that is not UTF-8. */
export function notUtf8Error(
  data: Uint8Array,
  start: number,
  end: number,
  source: string,
  what: string
): ReportParseError {
  const at = firstInvalidUtf8(data, start, end)
  const bytes = Array.from(
    data.subarray(at, Math.min(at + 4, end)),
    (byte) => `\\x${byte.toString(16).padStart(2, '0')}`
  ).join('')
  return new ReportParseError(
    source,
    lineNumberAt(data, at),
    `expected UTF-8 text in ${what}; found bytes that are not UTF-8 (${bytes}): convert the ` +
      'report to UTF-8 (iconv -f <its encoding> -t UTF-8)'
  )
}
