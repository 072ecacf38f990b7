/**
 * Making untrusted text (file names, tool messages) inert in the step summary and in log lines.
 *
 * The summary puts every untrusted string inside an HTML block (a table, <details>, <pre>), where
 * GitHub's Markdown renderer parses no Markdown and makes no autolinks; HTML escaping alone makes
 * such a string inert there. Markdown punctuation is escaped as well, as numeric character
 * references, so the text stays inert even if a renderer ever treats the block as Markdown.
 * Control and bidirectional-override characters are shown as visible escapes: a line break would
 * end the HTML block, and bidi overrides make a file name read as another one.
 */

import { showControls } from '../coverage/index.js'

const HTML_AND_MARKDOWN = /[&<>"'`*_[\]()|\\~!#:@{}=+$^]/g

/** Control characters as `\n`, `\t` or `\u{202e}`: the engine's escape (coverage/show-text.ts). */
export { showControls }

/**
 * A source line for an HTML page's text (the HTML report), never read as Markdown: only what
 * HTML acts on in element content is escaped, so a page costs few bytes more than its source.
 * Tabs stay (they indent code); every other control and bidi character is shown as an escape,
 * so a line cannot read as different code than it is.
 */
export function escapeSourceLine(text: string): string {
  // One pass: most lines have nothing to escape, and a test that finds nothing is cheap.
  return text.replace(SOURCE_SPECIAL, (ch) =>
    ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : showControls(ch)
  )
}

/** INVISIBLE without the tab, and what HTML acts on in element content. */
const SOURCE_SPECIAL =
  // eslint-disable-next-line no-control-regex
  /[&<>\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/** Text for an HTML element's content or an attribute value, inert as HTML and as Markdown. */
export function escapeHtml(text: string): string {
  return showControls(text).replace(HTML_AND_MARKDOWN, (ch) => `&#${ch.charCodeAt(0)};`)
}

/**
 * Shortens a long name in the middle, keeping its end (the file name): a summary row stays
 * bounded whatever the path. Counts code points, so a surrogate pair is never cut in two.
 */
export function shorten(text: string, maxChars: number): string {
  const chars = Array.from(text)
  if (chars.length <= maxChars) return text
  const tail = Math.ceil((maxChars - 1) * 0.6)
  const head = maxChars - 1 - tail
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - tail).join('')}`
}

/** Longest file name the summary shows; longer ones are shortened in the middle. */
export const MAX_SHOWN_PATH = 160

/** A file name for the summary: shortened, escaped. */
export function htmlPath(path: string): string {
  return escapeHtml(shorten(path, MAX_SHOWN_PATH))
}
