/**
 * Typed errors of the report engine. Every error names the report file it is about, so the
 * action and the CLI can print one clear line and stop; callers handle them by class.
 */

/** Base class: anything the engine refuses carries the report file it was reading. */
export class CoverageError extends Error {
  constructor(
    readonly file: string,
    message: string
  ) {
    super(message)
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
    readonly capBytes: number
  ) {
    const mb = (bytes: number) => String(Number((bytes / 1048576).toPrecision(3)))
    super(
      file,
      `${file}: report is ${mb(sizeBytes)} MB, over the ${mb(capBytes)} MB cap. ` +
        'Raise the cap with the action input `max-report-size-mb` or the CLI flag `--max-size-mb`.'
    )
    this.name = 'ReportTooLargeError'
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
