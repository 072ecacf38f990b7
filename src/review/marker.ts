/**
 * The hidden marker that makes the pull request comment one per pull request and job: the first
 * line of the body, an HTML comment naming the job and the report artifact (matrix legs have
 * their own artifact names, so each leg keeps its own comment). A later run finds its comment by
 * it and edits it instead of adding another. Pure.
 *
 * Names are percent-encoded down to [A-Za-z0-9._-], so nothing in them can end the HTML comment
 * (`-->`, `--!>`) or break the line.
 */

const PREFIX = '<!-- mixed-coverage-comment'
const NAME = '[A-Za-z0-9._%-]{1,800}'
const MARKER = new RegExp(`^${PREFIX} job=(${NAME}) artifact=(${NAME}) -->$`)
/** Longest marker accepted: both names at their limit. */
export const MAX_MARKER_CHARS = 2000

export function commentMarker(job: string, artifactName: string): string {
  return `${PREFIX} job=${encodeName(job || 'job')} artifact=${encodeName(artifactName)} -->`
}

/** Whether `text` is a marker this action writes (the format, not which job). */
export function isCommentMarker(text: string): boolean {
  return text.length <= MAX_MARKER_CHARS && MARKER.test(text)
}

/** Whether a comment body is the one of `marker`: the marker is its whole first line. */
export function bodyHasMarker(body: string, marker: string): boolean {
  return body === marker || body.startsWith(`${marker}\n`)
}

function encodeName(name: string): string {
  return Array.from(new TextEncoder().encode(name.slice(0, 200)))
    .map((byte) => {
      const ch = String.fromCharCode(byte)
      return /[A-Za-z0-9._-]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
    })
    .join('')
}
