/**
 * The bundle the shard tests run: dist/ as committed, or the directory in MIXED_COVERAGE_DIST
 * (a bundle built from a working tree, e.g. before dist/ is rebuilt).
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { REPO_ROOT } from '../../../scripts/runner.mjs'

export function actionDist(): string {
  const dist = resolve(process.env.MIXED_COVERAGE_DIST || join(REPO_ROOT, 'dist'))
  const entry = join(dist, 'index.js')
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build`)
  return dist
}

/** `name: done in 1.2 s` lines of the action's log: each phase with its duration. */
export function phaseDurations(stdout: string): Array<{ phase: string; duration: string }> {
  return [...stdout.matchAll(/^(.+): (?:done|failed) in (\d[^\r\n]*)$/gm)].map((match) => ({
    phase: (match[1] ?? '').trim(),
    duration: (match[2] ?? '').trim()
  }))
}
