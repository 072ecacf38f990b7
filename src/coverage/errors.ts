import { showControls } from './show-text.js'

/**
 * Typed errors of the report engine. Every error names the report file it is about, so the
 * action and the CLI can print one clear line and stop; callers handle them by class.
 *
 * A message quotes text from reports (and a report's own file name may be anything), so every
 * message is made one line of visible text here: a line break or a control character in it is
 * shown as an escape, and can never start a line of a log (a `::error::` workflow command).
 */

/** Base class: anything the engine refuses carries the report file it was reading. */
export class CoverageError extends Error {
  constructor(
    readonly file: string,
    message: string,
    options?: ErrorOptions
  ) {
    super(showControls(message), options)
    this.name = 'CoverageError'
  }
}

/**
 * A report that does not follow its format, or holds numbers no tool writes (line 0, line
 * 2^40, negative or fractional counts). `line` is 1-based in the report file itself.
 */
export class ReportParseError extends CoverageError {
  constructor(
    file: string,
    readonly line: number,
    readonly detail: string
  ) {
    super(file, `${file}:${line}: ${detail}`)
    this.name = 'ReportParseError'
  }
}

/** A report bigger than the size cap; the message says how to raise the cap. */
export class ReportTooLargeError extends CoverageError {
  constructor(
    file: string,
    readonly sizeBytes: number,
    readonly capBytes: number,
    /** Why the cap is what it is and what to do, when it is not the configurable size cap. */
    remedy = 'Raise the cap with the action input `max-report-size-mb` or the CLI flag `--max-size-mb`.'
  ) {
    const mb = (bytes: number) => String(Number((bytes / 1048576).toPrecision(3)))
    super(
      file,
      `${file}: report is ${mb(sizeBytes)} MB, over the ${mb(capBytes)} MB cap. ${remedy}`
    )
    this.name = 'ReportTooLargeError'
  }
}

/** A report or source that exists but could not be read (permissions, an I/O error). */
export class ReportFileError extends CoverageError {
  constructor(file: string, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause)
    super(file, `${file}: cannot be read: ${detail}`, { cause })
    this.name = 'ReportFileError'
  }
}

/**
 * An output that could not be written. The outputs are replaced as one set, so the message
 * says that the previous set was kept.
 */
export class OutputWriteError extends CoverageError {
  constructor(file: string, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause)
    super(
      file,
      `${file}: cannot be written (${detail}); the reports written before were left as they were`,
      { cause }
    )
    this.name = 'OutputWriteError'
  }
}

/** Content that is none of the formats the engine reads. */
export class UnknownFormatError extends CoverageError {
  constructor(file: string, detail: string) {
    super(
      file,
      `${file}:1: not a coverage report the engine reads (lcov tracefile, Cobertura XML or ` +
        `coverage.py JSON): ${detail}`
    )
    this.name = 'UnknownFormatError'
  }
}
