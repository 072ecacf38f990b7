import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { coberturaChunks } from './cobertura-writer.js'
import { lcovChunks } from './lcov-writer.js'
import type { CoverageReport } from './model.js'
import { writeSummaryJson } from './summary-json.js'
import type { ReportSummary } from './summary.js'

/**
 * The engine's only file output. A file is written to a temporary name in the same directory,
 * then renamed over the target: a reader (or a later step after a failed one) sees the old
 * file or the complete new one, never a partial report. The directory is created when missing.
 * No fsync: surviving a power cut is not a CI concern, and syncing a large report costs more
 * than merging it.
 */
export class AtomicFile {
  private readonly temporary: string
  private descriptor: number | undefined

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true })
    // A random suffix and exclusive creation keep concurrent writers apart (node:crypto would
    // cost more start-up time than the whole merge of a small report).
    const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`
    this.temporary = join(dirname(path), `.${basename(path)}.${suffix}.tmp`)
    this.descriptor = openSync(this.temporary, 'wx')
  }

  write(chunks: Iterable<Uint8Array | string>): void {
    const descriptor = this.descriptor
    if (descriptor === undefined) throw new Error(`${this.path}: already committed or aborted`)
    try {
      for (const chunk of chunks)
        writeAll(descriptor, typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk)
    } catch (error) {
      this.abort()
      throw error
    }
  }

  /** Puts the complete file in place. */
  commit(): void {
    if (this.descriptor === undefined) return
    closeSync(this.descriptor)
    this.descriptor = undefined
    try {
      renameSync(this.temporary, this.path)
    } catch (error) {
      rmSync(this.temporary, { force: true })
      throw error
    }
  }

  /** Drops what was written; the target stays as it was. */
  abort(): void {
    if (this.descriptor !== undefined) closeSync(this.descriptor)
    this.descriptor = undefined
    rmSync(this.temporary, { force: true })
  }
}

export function writeFileAtomically(path: string, chunks: Iterable<Uint8Array | string>): void {
  const file = new AtomicFile(path)
  file.write(chunks)
  file.commit()
}

function writeAll(descriptor: number, bytes: Uint8Array): void {
  let offset = 0
  while (offset < bytes.length)
    offset += writeSync(descriptor, bytes, offset, bytes.length - offset)
}

export const REPORT_FILE_NAMES = {
  lcov: 'lcov.info',
  cobertura: 'cobertura.xml',
  summaryJson: 'coverage-summary.json'
} as const

export type OutputFormat = keyof typeof REPORT_FILE_NAMES

export interface WriteReportsOptions {
  /** Workspace root (Cobertura's `<source>`). */
  readonly root: string
  /** Cobertura timestamp (ms); default 0 for reproducible output. */
  readonly timestamp?: number
  /** summarize(report), when the caller has it already. */
  readonly summary?: ReportSummary
}

/**
 * Writes lcov.info, cobertura.xml and coverage-summary.json into `directory` (created if
 * needed), each atomically; returns their paths.
 */
export async function writeReportsAtomically(
  directory: string,
  report: CoverageReport,
  options: WriteReportsOptions
): Promise<Record<OutputFormat, string>> {
  return writeReportFiles(
    directory,
    report,
    options,
    Object.keys(REPORT_FILE_NAMES) as OutputFormat[]
  )
}

/** writeReportsAtomically for a chosen subset of the three files (the CLI's --format). */
export function writeReportFiles(
  directory: string,
  report: CoverageReport,
  options: WriteReportsOptions,
  chosen: readonly OutputFormat[]
): Record<OutputFormat, string> {
  mkdirSync(directory, { recursive: true })
  const formats = new Set(chosen)
  const written: Partial<Record<OutputFormat, string>> = {}
  const target = (format: OutputFormat) => join(directory, REPORT_FILE_NAMES[format])
  if (formats.has('lcov')) {
    writeFileAtomically(target('lcov'), lcovChunks(report, { reuseBuffers: true }))
    written.lcov = target('lcov')
  }
  if (formats.has('cobertura')) {
    writeFileAtomically(
      target('cobertura'),
      coberturaChunks(report, { ...options, reuseBuffers: true })
    )
    written.cobertura = target('cobertura')
  }
  if (formats.has('summaryJson')) {
    writeFileAtomically(target('summaryJson'), [writeSummaryJson(report, options.summary)])
    written.summaryJson = target('summaryJson')
  }
  return written as Record<OutputFormat, string>
}
