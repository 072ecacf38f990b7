/**
 * The engine's file input: report files and the sources read for exclusion markers. Only
 * regular files are read, and never more than the size cap: a FIFO would block the open, a
 * device or /dev/zero would read for ever, and a /proc file says size 0 but has content. Each
 * file is opened without blocking and checked on the open descriptor (a symlink is followed to
 * what it names), then read to its end or to the cap, whichever comes first.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'
import { CoverageError, ReportFileError, ReportTooLargeError } from './errors.js'

/** A path that is not a regular file (directory, FIFO, device, socket). */
export class NotAFileError extends CoverageError {
  constructor(file: string, kind: string) {
    super(file, `${file}: is ${kind}, not a regular file; only regular files are read`)
    this.name = 'NotAFileError'
  }
}

/** An open regular file and the size its metadata states (0 for /proc files). */
export interface OpenedFile {
  descriptor: number
  statedSize: number
}

/**
 * Runs `action` on file `path`: an error of the file system (missing, unreadable, an I/O error
 * of a /proc file) becomes a typed error that names the file; the engine's own pass through.
 */
export function withFile<T>(path: string, action: () => T): T {
  try {
    return action()
  } catch (error) {
    throw error instanceof CoverageError ? error : new ReportFileError(path, error)
  }
}

/** Opens `path` for reading if it is a regular file within `maxBytes`; the caller closes it. */
export function openRegularFile(path: string, maxBytes: number): OpenedFile {
  // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.
  const descriptor = withFile(path, () => openSync(path, constants.O_RDONLY | constants.O_NONBLOCK))
  try {
    const stats = fstatSync(descriptor)
    if (!stats.isFile()) throw new NotAFileError(path, fileKind(stats))
    if (stats.size > maxBytes) throw new ReportTooLargeError(path, stats.size, maxBytes)
    return { descriptor, statedSize: stats.size }
  } catch (error) {
    closeSync(descriptor)
    throw error
  }
}

/** The whole content of a regular file, refused beyond `maxBytes` whatever its stated size. */
export function readRegularFile(path: string, maxBytes: number): Buffer {
  const { descriptor, statedSize } = openRegularFile(path, maxBytes)
  try {
    return withFile(path, () => readToEnd(descriptor, path, statedSize, maxBytes))
  } finally {
    closeSync(descriptor)
  }
}

/** Reads from `descriptor` to the end of the file, at most `maxBytes`. */
function readToEnd(descriptor: number, path: string, statedSize: number, maxBytes: number): Buffer {
  let buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(statedSize + 1, 4096)))
  let filled = 0
  for (;;) {
    if (filled === buffer.length) {
      if (filled > maxBytes) throw new ReportTooLargeError(path, filled, maxBytes)
      const larger = Buffer.allocUnsafe(Math.min(maxBytes + 1, buffer.length * 2))
      buffer.copy(larger, 0, 0, filled)
      buffer = larger
    }
    const read = readSync(descriptor, buffer, filled, buffer.length - filled, null)
    if (read === 0) break
    filled += read
  }
  if (filled > maxBytes) throw new ReportTooLargeError(path, filled, maxBytes)
  return buffer.subarray(0, filled)
}

function fileKind(stats: ReturnType<typeof fstatSync>): string {
  if (stats.isDirectory()) return 'a directory'
  if (stats.isFIFO()) return 'a FIFO (named pipe)'
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device'
  if (stats.isSocket()) return 'a socket'
  return 'a special file'
}
