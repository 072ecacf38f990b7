const END_OF_RECORD = new TextEncoder().encode('end_of_record')

/**
 * Where the first lcov record ending in `window` ends: the offset just past an
 * `end_of_record` line (LF or CRLF), or -1 when the window holds none. Lets a large
 * tracefile be split at a record boundary, so each part parses on its own.
 */
export function recordBoundaryIn(window: Uint8Array): number {
  let at = window.indexOf(0x65)
  while (at >= 0) {
    const atLineStart = at === 0 || window[at - 1] === 0x0a
    let matches = atLineStart
    for (let index = 1; matches && index < END_OF_RECORD.length; index++) {
      matches = window[at + index] === END_OF_RECORD[index]
    }
    if (matches) {
      const after = at + END_OF_RECORD.length
      if (window[after] === 0x0a) return after + 1
      if (window[after] === 0x0d && window[after + 1] === 0x0a) return after + 2
    }
    at = window.indexOf(0x65, at + 1)
  }
  return -1
}

/**
 * Where the last lcov record in `window` ends: just past its `end_of_record` line (LF or
 * CRLF), or -1 when the window holds none. Lets a tracefile be read in record-aligned pieces.
 */
export function lastRecordEnd(window: Uint8Array): number {
  let newline = window.lastIndexOf(0x0a)
  while (newline >= 0) {
    const lineStart = newline === 0 ? 0 : window.lastIndexOf(0x0a, newline - 1) + 1
    let end = newline
    if (end > lineStart && window[end - 1] === 0x0d) end--
    let matches = end - lineStart === END_OF_RECORD.length
    for (let index = 0; matches && index < END_OF_RECORD.length; index++) {
      matches = window[lineStart + index] === END_OF_RECORD[index]
    }
    if (matches) return newline + 1
    newline = lineStart - 1
  }
  return -1
}
