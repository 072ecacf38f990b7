/**
 * Asks `cargo llvm-cov show-env` for its variables in a form we can read on every platform,
 * and parses that output. We parse instead of sourcing it: nothing is ever evaluated by a shell.
 *
 * How cargo-llvm-cov quotes a value (read in its sources and shell-escape 0.1.5's):
 * - 0.7 and later, `--sh`: `export KEY=value`, quoted with shell_escape::unix::escape on every
 *   platform — bare when only [A-Za-z0-9_=/,.+-], else in single quotes with `'` and `!`
 *   written as `'\''` and `'\!'`. So `D:\a\proj\target` arrives as `'D:\a\proj\target'`.
 * - Without a flag (any version), and with 0.6's `--export-prefix`: shell_escape::escape, which
 *   is the unix form except on Windows without MSYSTEM, where it is the cmd.exe form: bare unless
 *   the value holds a space, tab, newline or `"`, else in double quotes with backslashes doubled
 *   only before a `"`. A POSIX reader would take every `\` of a bare Windows path as an escape.
 * 0.7 renamed `--export-prefix` to `--sh`; the old name still works but warns, and the warning
 * fails the command under CARGO_LLVM_COV_DENY_WARNINGS — so each version gets its own name.
 */
import { compareVersions } from '../install/versions.js'

export type ShowEnvQuoting = 'posix' | 'cmd'

export interface ShowEnvCommand {
  /** Arguments after `<cargo-llvm-cov> llvm-cov`. */
  args: string[]
  /** How the values in its output are quoted. */
  quoting: ShowEnvQuoting
}

/** The show-env call for a cargo-llvm-cov version on a platform, and how to read its output. */
export function showEnvCommand(
  version: string,
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv
): ShowEnvCommand {
  if (compareVersions(version, '0.7.0') >= 0)
    return { args: ['show-env', '--sh'], quoting: 'posix' }
  const cmd = platform === 'win32' && env.MSYSTEM === undefined
  return { args: ['show-env', '--export-prefix'], quoting: cmd ? 'cmd' : 'posix' }
}

const ASSIGNMENT = /(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)=/y

/**
 * KEY=value lines, each optionally after `export `. A quoted value may span lines (a newline
 * in a value is quoted, not escaped), so the text is read as a whole, not line by line.
 */
export function parseShowEnv(
  text: string,
  quoting: ShowEnvQuoting = 'posix'
): Record<string, string> {
  const variables: Record<string, string> = {}
  let i = 0
  while (i < text.length) {
    const lineEnd = endOfLine(text, i)
    const line = text.slice(i, lineEnd).trim()
    if (line === '' || line.startsWith('#')) {
      i = lineEnd + 1
      continue
    }
    i = skipBlanks(text, i)
    ASSIGNMENT.lastIndex = i
    const match = ASSIGNMENT.exec(text)
    if (!match) throw unexpectedLine(text, i)
    const word = readWord(text, ASSIGNMENT.lastIndex, quoting)
    const rest = endOfLine(text, word.end)
    if (text.slice(word.end, rest).trim() !== '') throw unexpectedLine(text, i)
    variables[match[1] as string] = word.value
    i = rest + 1
  }
  return variables
}

/** Undoes POSIX shell quoting of one whole word: '...', "...", backslash escapes, concatenations. */
export function unquote(word: string): string {
  const read = readPosixWord(word, 0)
  if (read.end !== word.length) throw new Error(`more than one word in: ${word}`)
  return read.value
}

/** Undoes shell_escape::windows::escape of one whole value. */
export function cmdUnquote(word: string): string {
  const read = readCmdWord(word, 0)
  if (read.end !== word.length) throw new Error(`more than one word in: ${word}`)
  return read.value
}

interface Word {
  value: string
  /** Index just after the word. */
  end: number
}

function readWord(text: string, start: number, quoting: ShowEnvQuoting): Word {
  return quoting === 'cmd' ? readCmdWord(text, start) : readPosixWord(text, start)
}

function readPosixWord(text: string, start: number): Word {
  let value = ''
  let i = start
  while (i < text.length && !' \t\r\n'.includes(text[i] as string)) {
    const ch = text[i] as string
    if (ch === "'") {
      const end = text.indexOf("'", i + 1)
      if (end < 0) throw new Error(`unterminated single quote in: ${lineAt(text, start)}`)
      value += text.slice(i + 1, end)
      i = end + 1
    } else if (ch === '"') {
      const read = readPosixDoubleQuoted(text, i + 1)
      value += read.value
      i = read.end
    } else if (ch === '\\' && i + 1 < text.length) {
      // A backslash before a newline continues the line; before anything else, it is literal.
      if (text[i + 1] !== '\n') value += text[i + 1]
      i += 2
    } else {
      value += ch
      i += 1
    }
  }
  return { value, end: i }
}

/** From just after an opening `"` to just after the closing one. */
function readPosixDoubleQuoted(text: string, start: number): Word {
  let value = ''
  let i = start
  while (i < text.length && text[i] !== '"') {
    if (text[i] === '\\' && '$`"\\\n'.includes(text[i + 1] ?? '')) i += 1
    value += text[i]
    i += 1
  }
  if (i >= text.length) throw new Error(`unterminated double quote in: ${lineAt(text, start)}`)
  return { value, end: i + 1 }
}

/**
 * The cmd.exe form: a bare value runs to the end of the line, backslashes and all; a quoted one
 * follows the MSVC rules: 2n backslashes before `"` are n and the closing quote, 2n+1 are n and
 * a literal `"`; backslashes before anything else are literal.
 */
function readCmdWord(text: string, start: number): Word {
  if (text[start] !== '"') {
    const end = endOfLine(text, start)
    return { value: text.slice(start, end).replace(/\r$/, ''), end }
  }
  let value = ''
  let i = start + 1
  for (;;) {
    let slashes = 0
    while (text[i] === '\\') {
      slashes += 1
      i += 1
    }
    const ch = text[i]
    if (ch === undefined) throw new Error(`unterminated double quote in: ${lineAt(text, start)}`)
    if (ch === '"') {
      value += '\\'.repeat(slashes >> 1)
      i += 1
      if (slashes % 2 === 0) return { value, end: i }
      value += '"'
    } else {
      value += '\\'.repeat(slashes) + ch
      i += 1
    }
  }
}

function endOfLine(text: string, from: number): number {
  const end = text.indexOf('\n', from)
  return end < 0 ? text.length : end
}

function skipBlanks(text: string, from: number): number {
  let i = from
  while (text[i] === ' ' || text[i] === '\t') i += 1
  return i
}

function lineAt(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index - 1) + 1
  return text.slice(start, endOfLine(text, index)).replace(/\r$/, '')
}

function unexpectedLine(text: string, index: number): Error {
  return new Error(`unexpected line in 'cargo llvm-cov show-env' output: ${lineAt(text, index)}`)
}
