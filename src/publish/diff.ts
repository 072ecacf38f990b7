/**
 * Lines a change adds or modifies, from `git diff --unified=0`: the new-side line numbers
 * of every hunk, per file. Pure: takes diff text, returns data.
 */

/** File (path as git prints it, relative to the repository top level) → changed lines. */
export type ChangedLines = Map<string, Set<number>>

const HUNK = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/

export function parseUnifiedDiff(text: string): ChangedLines {
  const changed: ChangedLines = new Map()
  let current: Set<number> | undefined
  // Content lines still to come in the current hunk, per side. A content line may itself
  // begin with '+++ ' (an added line reading '++ x'), so file headers are only read between
  // hunks, never inside one. A line no hunk can contain ends a hunk cut short.
  let oldLeft = 0
  let newLeft = 0
  for (const line of text.split('\n')) {
    if ((oldLeft > 0 || newLeft > 0) && /^[-+ \\]/.test(line)) {
      if (line.startsWith('+')) newLeft--
      else if (line.startsWith('-')) oldLeft--
      else if (line.startsWith(' ')) {
        oldLeft--
        newLeft--
      }
      continue // '\ No newline at end of file' counts for neither side
    }
    if (line.startsWith('+++ ')) {
      // git ends a path that contains a space with a tab.
      const path = newSidePath(line.slice(4).replace(/\r$/, '').replace(/\t$/, ''))
      current = path === undefined ? undefined : (changed.get(path) ?? new Set())
      if (path !== undefined && current) changed.set(path, current)
      continue
    }
    const hunk = HUNK.exec(line)
    if (!hunk) continue
    oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1])
    const start = Number(hunk[2])
    newLeft = hunk[3] === undefined ? 1 : Number(hunk[3])
    for (let n = start; current && n < start + newLeft; n++) current.add(n)
  }
  for (const [path, lines] of changed) if (lines.size === 0) changed.delete(path)
  return changed
}

/** `b/path`, `"b/p\303\244th"` (C-quoted), or /dev/null for a deleted file. */
function newSidePath(raw: string): string | undefined {
  if (raw === '/dev/null') return undefined
  const unquoted = raw.startsWith('"') ? cUnquote(raw) : raw
  return unquoted.startsWith('b/') ? unquoted.slice(2) : unquoted
}

const ESCAPES: Record<string, number> = {
  n: 10,
  t: 9,
  r: 13,
  '"': 34,
  '\\': 92,
  a: 7,
  b: 8,
  f: 12,
  v: 11
}

/** Undoes git's C-style quoting, including octal escapes of UTF-8 bytes. */
export function cUnquote(quoted: string): string {
  const body = quoted.slice(1, -1)
  const bytes: number[] = []
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'))
      continue
    }
    const next = body[i + 1] ?? ''
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8))
      i += 3
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0))
      i += 1
    }
  }
  return Buffer.from(bytes).toString('utf8')
}
