/**
 * The one writer of the step summary, for every sink. GitHub drops a step summary over 1 MiB,
 * and an earlier writer in the same step may have used some of it: the text is rendered for the
 * bytes left, then appended. Off a runner it is skipped; a failure to write is a warning, never
 * the step's failure (the summary is a view of what is already on disk and in the outputs).
 *
 * Written with appendFile rather than core.summary: the size check needs the very file, and
 * core.summary resolves its path once per process from process.env (and keeps it), where this
 * takes the environment it is given.
 */
import * as core from '@actions/core'
import { statSync } from 'node:fs'
import { appendFile } from 'node:fs/promises'
import { warning } from '../warnings.js'

/** GitHub's limit for one step's summary. */
export const STEP_SUMMARY_LIMIT_BYTES = 1024 * 1024

/** Room left for a line GitHub's renderer adds, or a trailing newline. */
const MARGIN_BYTES = 1024

export async function writeStepSummary<T extends { markdown: string }>(
  render: (maxBytes: number) => T,
  env: NodeJS.ProcessEnv = process.env
): Promise<T | undefined> {
  const path = env.GITHUB_STEP_SUMMARY
  if (!path) {
    core.info('No step summary: GITHUB_STEP_SUMMARY is not set (not on a runner).')
    return undefined
  }
  try {
    const rendered = render(STEP_SUMMARY_LIMIT_BYTES - existingSize(path) - MARGIN_BYTES)
    await appendFile(path, rendered.markdown, 'utf8')
    return rendered
  } catch (error) {
    warning(`The step summary was not written: ${(error as Error).message}`)
    return undefined
  }
}

function existingSize(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}
