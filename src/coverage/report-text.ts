/**
 * Text from a report that becomes a path or a name: what it may hold, and how any report text
 * is shown in a message.
 *
 * A path or name is written into lcov (one record per line), into XML and into log lines, so it
 * may hold no control character (C0, DEL, C1: a line break would start a record, an element or
 * a workflow command), no U+FFFE/U+FFFF and no lone surrogate (XML cannot carry them, UTF-8
 * cannot encode a lone surrogate), must be UTF-8 and has a length bound. Such text is refused
 * where it is read, with the report's file and line: escaping it instead would change the name,
 * so that the outputs would no longer name the file the report measured.
 */
import { MAX_NAME_BYTES, MAX_PATH_BYTES } from './limits.js'

/** A path (SF, filename=, <source>, a JSON key) or a name (function, class, label, context). */
export type TextKind = 'path' | 'name'

export const MAX_TEXT_BYTES: Record<TextKind, number> = {
  path: MAX_PATH_BYTES,
  name: MAX_NAME_BYTES
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** Texts up to this many bytes are checked for ASCII first (names and paths mostly are). */
const ASCII_CHECK_BYTES = 256

/**
 * A Buffer over the last data decoded from, so that ASCII text needs no view per call. Held
 * weakly: a report's bytes must not stay in memory for the rest of the run because some of
 * its text was the last decoded.
 */
let lastView: WeakRef<Buffer> | undefined

/** Bytes [start, end) as UTF-8 text, or undefined when they are not UTF-8. */
export function decodeStrictUtf8(data: Uint8Array, start: number, end: number): string | undefined {
  // ASCII is UTF-8 as it is: Buffer's latin1 decoding copies it without validation or a view,
  // which costs half of the decoder's call for the short names a report holds by the thousand.
  // Only a range inside the data: a detached or shorter buffer takes the decoder's path, which
  // answers undefined for it as before.
  if (end - start <= ASCII_CHECK_BYTES && start >= 0 && start < end && end <= data.length) {
    let ascii = true
    for (let index = start; index < end; index++) {
      if ((data[index] as number) >= 0x80) {
        ascii = false
        break
      }
    }
    if (ascii) {
      let view = lastView?.deref()
      if (
        view === undefined ||
        view.buffer !== data.buffer ||
        view.byteOffset !== data.byteOffset ||
        view.byteLength !== data.byteLength
      ) {
        view = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
        lastView = new WeakRef(view)
      }
      return view.toString('latin1', start, end)
    }
  }
  try {
    return strictUtf8.decode(data.subarray(start, end))
  } catch {
    return undefined
  }
}

/** Why `byteLength` bytes are too many for a `kind`, or undefined. */
export function lengthProblem(byteLength: number, kind: TextKind): string | undefined {
  const limit = MAX_TEXT_BYTES[kind]
  if (byteLength <= limit) return undefined
  return `is ${byteLength.toLocaleString('en-US')} bytes long, over the ${limit.toLocaleString('en-US')} a ${kind} may have`
}

/** Why `text` cannot be a path or name (a character it may not hold, or its length), or undefined. */
export function textProblem(text: string, kind: TextKind): string | undefined {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code >= 0x20 && code < 0x7f) continue
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) {
      return `holds the control character ${codePoint(code)}`
    }
    if (code === 0xfffe || code === 0xffff) {
      return `holds ${codePoint(code)}, which XML cannot carry`
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = text.charCodeAt(index + 1)
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) index++
      else return `holds a lone surrogate ${codePoint(code)}, which UTF-8 and XML cannot carry`
    }
  }
  if (text.length * 3 > MAX_TEXT_BYTES[kind])
    return lengthProblem(Buffer.byteLength(text, 'utf8'), kind)
  return undefined
}

function codePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
}

/**
 * Why lcov would read `name` as another name, or undefined: in `FN:<line>,<name>` a name that
 * starts with digits and a comma reads as lcov 2.x's `FN:<line>,<end line>,<name>`.
 */
export function readsAsEndLine(name: string): string | undefined {
  return /^\d+,/.test(name)
    ? 'a name that starts with digits and a comma reads as an end line in lcov'
    : undefined
}
