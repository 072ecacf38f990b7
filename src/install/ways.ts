/**
 * Tries the ways of getting a tool in order and keeps a record of each try, so the log can say
 * which way won and what every earlier one cost — the first question when an install is slow.
 */
import * as core from '@actions/core'
import { firstLine } from '../errors.js'
import { formatDuration } from '../timeline.js'
import { warning } from '../warnings.js'

/** Where install messages go; @actions/core by default, a collector in tests. */
export interface InstallLog {
  info(message: string): void
  debug(message: string): void
  warning(message: string): void
}

export const coreLog: InstallLog = {
  info: (message) => core.info(message),
  debug: (message) => core.debug(message),
  warning: (message) => warning(message)
}

/**
 * A way returns the tool, or a `Skip` saying why it does not apply (nothing there, not
 * allowed, no service); a thrown error means it applied and failed.
 */
export class Skip {
  constructor(readonly reason: string) {}
}

export interface Way<T> {
  name: string
  attempt: () => Promise<T | Skip>
}

export interface Attempt {
  way: string
  outcome: 'found' | 'skipped' | 'failed'
  detail: string
  durationMs: number
}

export interface WayResult<T> {
  value: T | undefined
  winner: string | undefined
  attempts: Attempt[]
}

/** Runs the ways one after the other until one yields the tool. */
export async function firstWayThatWorks<T>(
  tool: string,
  ways: readonly Way<T>[],
  log: InstallLog,
  describe: (value: T) => string
): Promise<WayResult<T>> {
  const attempts: Attempt[] = []
  for (const way of ways) {
    const started = Date.now()
    let outcome: Attempt['outcome']
    let detail: string
    let value: T | undefined
    try {
      const result = await way.attempt()
      if (result instanceof Skip) {
        outcome = 'skipped'
        detail = result.reason
      } else {
        outcome = 'found'
        detail = describe(result)
        value = result
      }
    } catch (error) {
      outcome = 'failed'
      detail = firstLine(error)
    }
    const durationMs = Date.now() - started
    attempts.push({ way: way.name, outcome, detail, durationMs })
    log.info(`${tool}: ${way.name}: ${outcome} (${formatDuration(durationMs)}) — ${detail}`)
    if (value !== undefined) return { value, winner: way.name, attempts }
  }
  return { value: undefined, winner: undefined, attempts }
}

/** One line per attempt, for the error that lists what was tried. */
export function describeAttempts(attempts: readonly Attempt[]): string[] {
  return attempts.map(
    (a) => `${a.way}: ${a.outcome} after ${formatDuration(a.durationMs)} — ${a.detail}`
  )
}
