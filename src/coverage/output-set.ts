/**
 * The report files as one set: all of them are written to temporary files first, and only
 * when every one is complete are they renamed into place. A failure anywhere leaves the
 * previous set as it was (a file already renamed is put back from a hard link kept for the
 * purpose), removes every temporary and names the file that failed. A reader may see the set
 * half replaced for the moment between two renames, never a partial file.
 */
import { copyFileSync, linkSync, lstatSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { AtomicFile } from './atomic-file.js'
import { OutputWriteError } from './errors.js'

export const REPORT_FILE_NAMES = {
  lcov: 'lcov.info',
  cobertura: 'cobertura.xml',
  summaryJson: 'coverage-summary.json'
} as const

export type OutputFormat = keyof typeof REPORT_FILE_NAMES

const ORDER = Object.keys(REPORT_FILE_NAMES) as OutputFormat[]

export interface OutputSetOptions {
  /** How a temporary is renamed over its target (tests make it fail). */
  readonly rename?: (from: string, to: string) => void
}

export class OutputSet {
  /** The chosen formats, in the order they are written and renamed. */
  readonly formats: OutputFormat[]
  readonly paths = {} as Record<OutputFormat, string>
  private readonly files = new Map<OutputFormat, AtomicFile>()
  private readonly rename: (from: string, to: string) => void

  constructor(
    readonly directory: string,
    chosen: readonly OutputFormat[],
    options: OutputSetOptions = {}
  ) {
    this.rename = options.rename ?? renameSync
    this.formats = ORDER.filter((format) => chosen.includes(format))
    try {
      mkdirSync(directory, { recursive: true })
    } catch (error) {
      throw new OutputWriteError(directory, error)
    }
    try {
      for (const format of this.formats) {
        this.paths[format] = join(directory, REPORT_FILE_NAMES[format])
        this.files.set(format, new AtomicFile(this.paths[format]))
      }
    } catch (error) {
      this.abort()
      throw error
    }
  }

  /** Appends chunks to the temporary file of `format`. */
  write(format: OutputFormat, chunks: Iterable<Uint8Array | string>): void {
    const file = this.files.get(format)
    if (file === undefined) throw new Error(`${format} is not in this output set`)
    file.write(chunks)
  }

  /** Drops what was written for `format` so far; it is written again from the start. */
  restart(format: OutputFormat): void {
    this.files.get(format)?.abort()
    this.files.set(format, new AtomicFile(this.paths[format]))
  }

  /** Puts every file in place, or none (see the module comment). */
  commit(): void {
    const files = [...this.files.values()]
    for (const file of files) file.close()
    const backups = new Map<AtomicFile, string | undefined>()
    try {
      for (const file of files) backups.set(file, backUp(file.path))
      const replaced: AtomicFile[] = []
      try {
        for (const file of files) {
          this.renameOrName(file)
          replaced.push(file)
        }
      } catch (error) {
        for (const file of replaced.reverse()) restore(file.path, backups.get(file))
        throw error
      }
    } finally {
      this.abort()
      for (const backup of backups.values())
        if (backup !== undefined) rmSync(backup, { force: true })
    }
  }

  /** Removes every temporary file not renamed; the targets stay as they are. */
  abort(): void {
    for (const file of this.files.values()) file.abort()
  }

  private renameOrName(file: AtomicFile): void {
    try {
      this.rename(file.temporary, file.path)
    } catch (error) {
      throw new OutputWriteError(file.path, error)
    }
  }
}

/**
 * A hard link to the target as it is (undefined when there is none), so that it can be put
 * back; a directory in its place is refused before anything is renamed.
 */
function backUp(path: string): string | undefined {
  try {
    const stats = lstatSync(path, { throwIfNoEntry: false })
    if (stats === undefined) return undefined
    if (stats.isDirectory()) throw new Error('a directory is in its place')
    const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`
    const backup = join(dirname(path), `.${basename(path)}.${suffix}.old`)
    try {
      linkSync(path, backup)
    } catch {
      copyFileSync(path, backup)
    }
    return backup
  } catch (error) {
    throw new OutputWriteError(path, error)
  }
}

/** Puts the previous target back (or removes the new one when there was none). */
function restore(path: string, backup: string | undefined): void {
  if (backup === undefined) rmSync(path, { force: true })
  else renameSync(backup, path)
}
