/**
 * Typed errors of the action shell. Each says what went wrong and how to fix it;
 * main.ts turns them into one `core.setFailed` message.
 */
import { LANGUAGE_NAMES } from './coverage/index.js'

/** A bad input, found before any command runs. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    message: string
  ) {
    super(`Input '${input}': ${message}`)
    this.name = 'InputError'
  }
}

/** An external command that exited non-zero, could not start, or ran out of time. */
export class CommandError extends Error {
  constructor(
    readonly command: readonly string[],
    /** null when it could not start; 137 (128 + SIGKILL) when it was killed at its timeout. */
    readonly exitCode: number | null,
    readonly stderrTail: string,
    readonly hint?: string,
    /** Set when the command was killed because it ran longer than this. */
    readonly timeoutMs?: number
  ) {
    const shown = command.map(quoteForDisplay).join(' ')
    const status =
      timeoutMs !== undefined
        ? `timed out after ${formatSeconds(timeoutMs)} and was killed`
        : exitCode === null
          ? 'could not start'
          : `exited with code ${exitCode}`
    const tail = stderrTail.trim()
      ? `\n--- last lines of its error output ---\n${stderrTail.trim()}`
      : ''
    super(`${shown} ${status}${hint ? `: ${hint}` : ''}${tail}`)
    this.name = 'CommandError'
  }

  get timedOut(): boolean {
    return this.timeoutMs !== undefined
  }
}

/** 90000 → '90 s', 1500 → '1.5 s'. */
function formatSeconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`
}

/** A required tool was not found; `tried` lists every place that was looked at. */
export class ToolNotFoundError extends Error {
  constructor(
    readonly tool: string,
    readonly tried: readonly string[],
    readonly fix: string
  ) {
    super(`${tool} was not found. Tried:\n  - ${tried.join('\n  - ')}\n${fix}`)
    this.name = 'ToolNotFoundError'
  }
}

/** The user's tests failed (in a shard, when given); measured coverage is still reported. */
export class TestFailureError extends Error {
  constructor(
    readonly phase: 'rust' | 'python',
    readonly exitCode: number | null,
    readonly shard?: string,
    /** Why, when it was recognised: sentences, the last without its period. */
    readonly reason?: string
  ) {
    const where = shard === undefined ? '' : ` in shard '${shard}'`
    const tests = LANGUAGE_NAMES[phase]
    const why = reason === undefined ? '' : `: ${reason}`
    super(`The ${tests} tests failed (exit code ${exitCode ?? 'none'})${where}${why}`)
    this.name = 'TestFailureError'
  }
}

/** The first line of an error's message: for one-line log entries and summaries. */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0] ?? message
}

/** Shows an argv element the way a POSIX shell user would type it. */
export function quoteForDisplay(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`
}
