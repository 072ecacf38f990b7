/**
 * A look at JSON text before JSON.parse: the first object key longer than a bound. V8 hashes at
 * most 16,383 characters of a string (see limits.ts), so JSON.parse itself slows with the
 * square of the number of longer keys of one length: such a report is refused before it is
 * parsed. Only quotes are visited (found with indexOf), so the look costs little.
 */

/** Offset of the opening quote of the first key longer than `limit` characters, or -1. */
export function firstLongKey(text: string, limit: number): number {
  let open = text.indexOf('"')
  while (open >= 0) {
    let close = text.indexOf('"', open + 1)
    while (close >= 0 && isEscaped(text, close)) close = text.indexOf('"', close + 1)
    if (close < 0) return -1 // not JSON: JSON.parse says where
    if (close - open - 1 > limit && isKey(text, close + 1)) return open
    open = text.indexOf('"', close + 1)
  }
  return -1
}

/** Whether the quote at `at` is escaped (an odd number of backslashes before it). */
function isEscaped(text: string, at: number): boolean {
  let backslashes = 0
  while (text.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes++
  return backslashes % 2 === 1
}

/** Whether a colon follows `from` (after blanks): the string before it was a key. */
function isKey(text: string, from: number): boolean {
  let position = from
  while (/[ \t\n\r]/.test(text[position] ?? '')) position++
  return text[position] === ':'
}
