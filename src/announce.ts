/** Tells the outcome in the log: its lines, notices and warnings (counted for annotations). */
import * as core from '@actions/core'
import type { Outcome } from './outcome.js'
import { stepWarnings, type Warnings } from './warnings.js'

export function announce(outcome: Outcome, warnings: Warnings = stepWarnings): void {
  for (const line of outcome.info) core.info(line)
  for (const notice of outcome.notices) core.notice(notice)
  for (const { message, title } of outcome.warnings) {
    warnings.warn(message, title ? { title } : undefined)
  }
}
