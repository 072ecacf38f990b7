/** Runs each phase in its own log group and records how long it took. */
import * as core from '@actions/core'

export interface PhaseTiming {
  name: string
  durationMs: number
  outcome: 'ok' | 'failed'
}

export class Timeline {
  readonly phases: PhaseTiming[] = []

  async phase<T>(name: string, body: () => Promise<T>): Promise<T> {
    const started = Date.now()
    let outcome: PhaseTiming['outcome'] = 'failed'
    core.startGroup(name)
    try {
      const result = await body()
      outcome = 'ok'
      return result
    } finally {
      const durationMs = Date.now() - started
      this.phases.push({ name, durationMs, outcome })
      core.info(`${name}: ${outcome === 'ok' ? 'done' : 'failed'} in ${formatDuration(durationMs)}`)
      core.endGroup()
    }
  }
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`
}
