/**
 * The changed lines of this run, from the event the runner describes: GITHUB_EVENT_NAME and
 * the webhook payload at GITHUB_EVENT_PATH. An unreadable payload means no diff, and a git
 * failure means changed lines are unavailable: neither is an error of the run.
 */
import { readFileSync } from 'node:fs'
import { firstLine } from '../errors.js'
import { changedLines, type ChangedLinesResult } from './changed-lines.js'
import { diffRangeFromEvent } from './diff-range.js'

export async function changedLinesOfRun(
  workspace: string,
  env: NodeJS.ProcessEnv = process.env
): Promise<ChangedLinesResult> {
  const eventName = env.GITHUB_EVENT_NAME ?? ''
  const payload = readPayload(env.GITHUB_EVENT_PATH)
  if (payload === undefined) {
    return { status: 'off', reason: 'the runner gave no readable event payload' }
  }
  try {
    return await changedLines(diffRangeFromEvent(eventName, payload), workspace)
  } catch (error) {
    // A git failure costs the changed-lines figure, never the reports already written.
    return { status: 'unavailable', reason: `git failed: ${firstLine(error)}` }
  }
}

function readPayload(path: string | undefined): object | undefined {
  if (!path) return undefined
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'))
    return parsed !== null && typeof parsed === 'object' ? parsed : undefined
  } catch {
    return undefined
  }
}
