/**
 * Every warning the step gives goes through one counter. GitHub shows 10 warning annotations
 * per step; counting them all lets the line annotations take only the slots that are left.
 */
import * as core from '@actions/core'

/** GitHub shows at most this many annotations of one level (warning) per step. */
export const WARNINGS_SHOWN_PER_STEP = 10

/** The step's warnings, counted. */
export class Warnings {
  /** `alreadyIssued`: warnings given before this counter took over (tests start anywhere). */
  constructor(private issued = 0) {}

  warn(message: string, properties?: core.AnnotationProperties): void {
    this.issued++
    core.warning(message, properties)
  }

  /** Warnings given so far. */
  get count(): number {
    return this.issued
  }

  /** Warning annotations GitHub will still show for this step. */
  get remaining(): number {
    return Math.max(0, WARNINGS_SHOWN_PER_STEP - this.issued)
  }
}

/** The one counter of this process (an action process is one step). */
export const stepWarnings = new Warnings()

export function warning(message: string, properties?: core.AnnotationProperties): void {
  stepWarnings.warn(message, properties)
}
