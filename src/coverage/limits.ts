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

/**
 * Longest path (SF, filename=, <source>, a JSON key) or name (function, class, branch label,
 * test context), in UTF-8 bytes. Linux paths stop at 4,096 bytes. The bound is what a hash
 * table can take: V8 hashes at most 16,383 characters of a string and gives every longer
 * string of one length the same hash, so a report of many long names of one length would make
 * each Map, Set and JSON object key lookup compare against all of them (measured: 3,000 keys
 * of 17,000 characters take 8 s where 16,000 take 0.08 s, and it grows with the square).
 */
export const MAX_PATH_BYTES = 16_383
export const MAX_NAME_BYTES = 16_383

/**
 * Distinct source files one read may hold (the largest real projects have a few hundred
 * thousand). Each file costs about 2 KB of model whatever its size in the report, so without
 * this bound a report of tiny records under the size cap could need tens of gigabytes.
 */
export const MAX_FILES_PER_READ = 500_000

/** Functions one report may declare (about 100 bytes of model each, from 7 bytes of lcov). */
export const MAX_FUNCTIONS_PER_REPORT = 4_000_000

/** Distinct Cobertura `<source>` roots one report may list (each file is tried under each). */
export const MAX_SOURCE_ROOTS = 64

/**
 * Longest text JavaScript can hold as one string (V8: 2^29 - 24 UTF-16 units). A coverage.py
 * JSON report is parsed whole, so a larger one is refused with this reason.
 */
export const MAX_STRING_LENGTH = 2 ** 29 - 24

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
