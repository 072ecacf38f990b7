import { decodeText } from './bytes.js'
import { notUtf8Error } from './encoding.js'
import { decodeStrictUtf8 } from './report-text.js'
import { showText } from './show-text.js'

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

interface TextSource {
  readonly data: Uint8Array
  readonly source: string
  fail(offset: number, message: string): never
}

/**
 * Decodes XML character data: UTF-8, the five predefined entities and numeric character
 * references. Any other entity is refused — no report needs one, and refusing them is what
 * keeps entity expansion (and its attacks) out entirely. Bytes that are not UTF-8 are refused
 * with the line (a report in another encoding would otherwise give names with U+FFFD in them).
 */
export function decodeXmlText(source: TextSource, start: number, end: number): string {
  const data = source.data
  const decode = (from: number, to: number) => strictText(source, from, to)
  let ampersand = -1
  for (let index = start; index < end; index++) {
    if (data[index] === 0x26) {
      ampersand = index
      break
    }
  }
  if (ampersand < 0) return decode(start, end)
  let text = decode(start, ampersand)
  let position = ampersand
  while (position < end) {
    if (data[position] !== 0x26) {
      let next = position
      while (next < end && data[next] !== 0x26) next++
      text += decode(position, next)
      position = next
      continue
    }
    let semicolon = position + 1
    while (semicolon < end && semicolon - position <= 12 && data[semicolon] !== 0x3b) semicolon++
    if (data[semicolon] !== 0x3b || semicolon >= end) {
      source.fail(position, 'expected an entity reference ending in ;')
    }
    text += resolveEntity(source, decodeText(data, position + 1, semicolon), position)
    position = semicolon + 1
  }
  return text
}

function strictText(source: TextSource, start: number, end: number): string {
  const text = decodeStrictUtf8(source.data, start, end)
  if (text === undefined) throw notUtf8Error(source.data, start, end, source.source, 'the XML text')
  return text
}

function resolveEntity(source: TextSource, name: string, offset: number): string {
  const predefined = PREDEFINED[name]
  if (predefined !== undefined && Object.hasOwn(PREDEFINED, name)) return predefined
  const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(name)
  if (numeric !== null) {
    const code =
      numeric[1] !== undefined ? parseInt(numeric[1], 16) : parseInt(numeric[2] as string, 10)
    const allowed =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      (code >= 0x10000 && code <= 0x10ffff)
    if (allowed) return String.fromCodePoint(code)
  }
  return source.fail(
    offset,
    `expected only the predefined entities (&lt; &gt; &amp; &quot; &apos;) or character references; found &${showText(name, 20)};`
  )
}

/** At most `maxChars` characters of [start, end) for a message, however long the range. */
export function shownXmlText(
  data: Uint8Array,
  start: number,
  end: number,
  maxChars: number
): string {
  const cut = Math.min(end, start + maxChars * 4)
  const text = decodeText(data, start, cut)
  return showText(cut < end ? `${text}…` : text, maxChars)
}
