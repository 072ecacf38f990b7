import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { OutputWriteError } from './errors.js'

/**
 * The engine's only file output. A file is written to a temporary name in the same directory,
 * then renamed over the target: a reader (or a later step after a failed one) sees the old
 * file or the complete new one, never a partial report. The directory is created when missing.
 * No fsync: surviving a power cut is not a CI concern, and syncing a large report costs more
 * than merging it. The report files are written as one set (output-set.ts).
 */
export class AtomicFile {
  readonly temporary: string
  private descriptor: number | undefined

  constructor(readonly path: string) {
    try {
      mkdirSync(dirname(path), { recursive: true })
      // A random suffix and exclusive creation keep concurrent writers apart (node:crypto would
      // cost more start-up time than the whole merge of a small report).
      const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`
      this.temporary = join(dirname(path), `.${basename(path)}.${suffix}.tmp`)
      this.descriptor = openSync(this.temporary, 'wx')
    } catch (error) {
      throw new OutputWriteError(path, error)
    }
  }

  /** Appends chunks; a failure drops what was written and names the target. */
  write(chunks: Iterable<Uint8Array | string>): void {
    const descriptor = this.descriptor
    if (descriptor === undefined) throw new Error(`${this.path}: already committed or aborted`)
    try {
      for (const chunk of chunks)
        writeAll(descriptor, typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk)
    } catch (error) {
      this.abort()
      throw isSystemError(error) ? new OutputWriteError(this.path, error) : error
    }
  }

  /** Closes the temporary file; it is then complete and waits to be renamed. */
  close(): void {
    if (this.descriptor === undefined) return
    closeSync(this.descriptor)
    this.descriptor = undefined
  }

  /** Puts the complete file in place. */
  commit(): void {
    this.close()
    try {
      renameSync(this.temporary, this.path)
    } catch (error) {
      rmSync(this.temporary, { force: true })
      throw new OutputWriteError(this.path, error)
    }
  }

  /** Drops what was written; the target stays as it was. */
  abort(): void {
    if (this.descriptor !== undefined) closeSync(this.descriptor)
    this.descriptor = undefined
    rmSync(this.temporary, { force: true })
  }
}

/** An error of the file system (it has a code like ENOSPC), as opposed to one of a writer. */
export function isSystemError(error: unknown): boolean {
  return typeof (error as { code?: unknown }).code === 'string'
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
