/**
 * Every warning the step gives goes through here. GitHub shows 10 warning annotations per
 * step; counting them all lets the line annotations take only the slots that are left.
 */
import * as core from '@actions/core'

let issued = 0

export function warning(message: string, properties?: core.AnnotationProperties): void {
  issued++
  core.warning(message, properties)
}

/** Warnings given so far in this process. */
export function warningsIssued(): number {
  return issued
}
