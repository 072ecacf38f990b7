/**
 * Report text in messages and log lines: shown, never obeyed. Report text (a path, a name, a
 * quoted line, a report's own file name) may hold anything, so before it goes into a message
 * every character that could end a log line, start a workflow command (`::error::` at the
 * start of a line) or make text read as other text is replaced by a visible escape.
 */

/**
 * Control characters, line and paragraph separators, bidirectional controls, the byte order
 * mark, U+FFFE/U+FFFF and lone surrogates: everything that could end a log line, start a
 * workflow command or make text read as other text.
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** Control characters as `\n`, `\t` or `\u{202e}`: visible, and never a line break. */
export function showControls(text: string): string {
  return text.replace(INVISIBLE, (char) => {
    if (char === '\n') return '\\n'
    if (char === '\r') return '\\r'
    if (char === '\t') return '\\t'
    return `\\u{${char.charCodeAt(0).toString(16)}}`
  })
}

/** Report text for a message: escaped as showControls does, cut after `max` characters. */
export function showText(text: string, max = 200): string {
  return text.length > max ? `${showControls(text.slice(0, max))}…` : showControls(text)
}
