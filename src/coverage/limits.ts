import { ReportTooLargeError } from './errors.js'

/**
 * Sanity bounds. Real reports stay far below them; anything beyond is corruption or an attack,
 * and refusing it early keeps memory and time bounded.
 */

/** Highest line number accepted: 16,777,216 lines is beyond any real source file. */
export const MAX_LINE_NUMBER = 2 ** 24

/** Highest hit count accepted: above 2^53 - 1 a double no longer holds every integer exactly. */
export const MAX_COUNT = Number.MAX_SAFE_INTEGER

/** Branch outcomes one Cobertura `condition-coverage` may claim (gcov's worst lines have hundreds). */
export const MAX_CONDITIONS_PER_LINE = 10_000

/** XML elements nested deeper than this are refused (Cobertura needs 8). */
export const MAX_XML_DEPTH = 256

/**
 * Default report size cap: 1 GiB. The largest real reports are a few hundred MB (lcov of a
 * browser-sized C++ project); parsing 1 GiB needs about 2 GB of memory, which runners have.
 */
export const DEFAULT_MAX_REPORT_MB = 1024

/** Options every reader takes. */
export interface ParseOptions {
  /** Refuse reports larger than this many bytes; default DEFAULT_MAX_REPORT_MB MiB. */
  readonly maxBytes?: number
}

/** Converts the user-facing megabyte cap (action input, CLI flag) to bytes. */
export function megabytesToBytes(megabytes: number): number {
  return Math.floor(megabytes * 1048576)
}

/** Throws ReportTooLargeError when `sizeBytes` exceeds the cap in `options`. */
export function checkReportSize(sizeBytes: number, file: string, options?: ParseOptions): void {
  const cap = options?.maxBytes ?? megabytesToBytes(DEFAULT_MAX_REPORT_MB)
  if (sizeBytes > cap) throw new ReportTooLargeError(file, sizeBytes, cap)
}
