/**
 * The CLI's merge: reading inputs, and splitting large lcov inputs between the main thread
 * and one worker thread. Each thread parses its half of every tracefile (split at a record
 * boundary), normalises, applies exclusions and writes its files' lcov; the main thread
 * concatenates. If both halves hold the same file, the halves are merged instead (correct,
 * just not parallel). Every decision is the engine's; this file only moves bytes.
 */
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs'
import { join, resolve } from 'node:path'
import {
  applyExclusions,
  detectFormat,
  LcovPieceReader,
  mergeReports,
  normalizePaths,
  parseReport,
  ReportAccumulator,
  ReportTooLargeError,
  type CoverageReport,
  type OutputFormat,
  type PathMap
} from './coverage/index.js'
import { lastRecordEnd, recordBoundaryIn } from './coverage/record-boundary.js'

export interface MergeCommand {
  output: string
  root: string
  includeOutside: boolean
  excludes: string[]
  pathMaps: PathMap[]
  markers: boolean
  formats: OutputFormat[]
  maxBytes: number
  /** 1: all on the main thread; 2: lcov inputs split with a worker; auto: 2 when worth it. */
  threads: 1 | 2 | 'auto'
  files: string[]
}

/** A byte range of a tracefile one thread reads; `start` is a record boundary. */
export interface LcovRange {
  path: string
  start: number
  end: number
}

export interface Inputs {
  lcov: Array<{ path: string; size: number }>
  others: string[]
}

/** Sorts inputs by format (sniffed from the first 64 KiB), refusing oversized files early. */
export function classifyInputs(command: MergeCommand): Inputs {
  const inputs: Inputs = { lcov: [], others: [] }
  for (const path of command.files) {
    const descriptor = openSync(path, 'r')
    try {
      const size = fstatSync(descriptor).size
      if (size > command.maxBytes) throw new ReportTooLargeError(path, size, command.maxBytes)
      const head = readRange(descriptor, 0, Math.min(size, 65536), new Uint8Array(65536))
      if (detectFormat(head, path) === 'lcov') inputs.lcov.push({ path, size })
      else inputs.others.push(path)
    } finally {
      closeSync(descriptor)
    }
  }
  return inputs
}

function readRange(descriptor: number, start: number, end: number, buffer: Uint8Array): Uint8Array {
  let offset = 0
  while (start + offset < end) {
    const read = readSync(descriptor, buffer, offset, end - start - offset, start + offset)
    if (read === 0) break
    offset += read
  }
  return buffer.subarray(0, offset)
}

const WINDOW = 1 << 20

/**
 * Splits each tracefile near its middle, before an `SF:` line. Shards of one build list their
 * files in the same order, so every shard is split before the same file as the first one: each
 * file then lies in one half only and the halves need no merging.
 */
export function splitRanges(inputs: Inputs['lcov']): { first: LcovRange[]; second: LcovRange[] } {
  const first: LcovRange[] = []
  const second: LcovRange[] = []
  const window = Buffer.alloc(WINDOW)
  let anchor: Buffer | undefined
  for (const { path, size } of inputs) {
    const descriptor = openSync(path, 'r')
    let split: number
    try {
      const aligned = anchor === undefined ? -1 : findAround(descriptor, size, anchor, window)
      split = aligned >= 0 ? aligned : middleRecordStart(descriptor, size, window)
      if (anchor === undefined && split < size)
        anchor = sourceLineAt(descriptor, split, size, window)
    } finally {
      closeSync(descriptor)
    }
    first.push({ path, start: 0, end: split })
    if (split < size) second.push({ path, start: split, end: size })
  }
  return { first, second }
}

/** Start of the first `SF:` line after the first record boundary past the middle; size if none. */
function middleRecordStart(descriptor: number, size: number, window: Buffer): number {
  for (let at = Math.floor(size / 2); at < size; at += WINDOW - 64) {
    const bytes = readRange(descriptor, at, Math.min(size, at + WINDOW), window)
    const boundary = recordBoundaryIn(bytes)
    if (boundary < 0) continue
    const source = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf(
      'SF:',
      boundary
    )
    return source >= 0 ? at + source : at + boundary
  }
  return size
}

/** `\nSF:<path>\n` of the record starting at `offset`: the anchor for the other shards. */
function sourceLineAt(
  descriptor: number,
  offset: number,
  size: number,
  window: Buffer
): Buffer | undefined {
  const bytes = Buffer.from(readRange(descriptor, offset, Math.min(size, offset + 4096), window))
  const end = bytes.indexOf(10)
  if (!bytes.subarray(0, 3).equals(Buffer.from('SF:')) || end < 0) return undefined
  return Buffer.concat([Buffer.from('\n'), bytes.subarray(0, end + 1)])
}

/** Where the SF line of `anchor` starts within 8 MiB of the middle, or -1. */
function findAround(descriptor: number, size: number, anchor: Buffer, window: Buffer): number {
  const from = Math.max(0, Math.floor(size / 2) - 8 * WINDOW)
  for (let at = from; at < Math.min(size, from + 16 * WINDOW); at += WINDOW - anchor.length) {
    const bytes = readRange(descriptor, at, Math.min(size, at + WINDOW), window)
    const found = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf(anchor)
    if (found >= 0) return at + found + 1
  }
  return -1
}

/**
 * One thread's share: reads its ranges straight into one accumulator (tracefile shards of one
 * build add up in place), parses the other inputs, then normalises and applies exclusions.
 * (Reading the next range in the background while one is parsed was measured: no faster on
 * two cores, 23 MB more memory.)
 */
export function processPart(
  command: MergeCommand,
  ranges: readonly LcovRange[],
  others: readonly string[]
): CoverageReport {
  const reports: CoverageReport[] = []
  if (ranges.length > 0) {
    const largest = Math.max(...ranges.map((range) => range.end - range.start))
    const accumulator = new ReportAccumulator({
      lines: largest / 7 + 16,
      branches: largest / 13 + 16
    })
    let buffer: Uint8Array = new Uint8Array(PIECE_BYTES)
    for (const range of ranges) buffer = readTracefile(accumulator, range, buffer)
    reports.push(accumulator.build())
  }
  for (const path of others)
    reports.push(parseReport(readFileSync(path), path, { maxBytes: command.maxBytes }))
  const root = command.root
  const normalized = reports.map((report) =>
    normalizePaths(report, {
      root,
      includeOutside: command.includeOutside,
      pathMaps: command.pathMaps,
      exists: (relative) => existsSync(join(root, relative))
    })
  )
  const missingDirectories = new Map<string, boolean>()
  return applyExclusions(mergeReports(normalized), {
    excludeGlobs: command.excludes,
    markerLanguages: command.markers ? ['rust'] : [],
    readSource: (path) => readSource(root, path, missingDirectories)
  })
}

/**
 * Tracefiles are read in record-aligned pieces of this size into one reused buffer: the
 * parser then finds each piece still in the CPU cache, and memory holds 256 KiB of input
 * instead of a whole 20 MB shard (measured: 20 MB less peak RSS and a little faster).
 */
const PIECE_BYTES = 256 * 1024

/**
 * Reads one range piece by piece into the accumulator; returns the buffer (grown when one
 * record is larger than it). A piece ends after its last end_of_record; the rest moves to the
 * front of the buffer for the next piece.
 */
function readTracefile(
  accumulator: ReportAccumulator,
  range: LcovRange,
  buffer: Uint8Array
): Uint8Array {
  const reader = new LcovPieceReader(accumulator, range.path)
  const descriptor = openSync(range.path, 'r')
  try {
    let start = range.start
    let filled = 0
    for (;;) {
      const wanted = Math.min(buffer.length, range.end - start) - filled
      const got = readRange(
        descriptor,
        start + filled,
        start + filled + wanted,
        buffer.subarray(filled)
      )
      filled += got.length
      const last = got.length < wanted || start + filled >= range.end
      const end = last ? filled : lastRecordEnd(buffer.subarray(0, filled))
      if (end < 0) {
        buffer = grown(buffer, filled)
        continue
      }
      try {
        reader.read(buffer.subarray(0, end))
      } catch (error) {
        throw withRangeStart(error, start)
      }
      if (last) break
      buffer.copyWithin(0, end, filled)
      start += end
      filled -= end
    }
    reader.finish()
    return buffer
  } finally {
    closeSync(descriptor)
  }
}

function grown(buffer: Uint8Array, filled: number): Uint8Array {
  const larger = new Uint8Array(buffer.length * 2)
  larger.set(buffer.subarray(0, filled))
  return larger
}

/** Errors of data that does not start at byte 0 carry where it starts, to fix the line. */
function withRangeStart(error: unknown, start: number): unknown {
  if (start > 0 && error instanceof Error) Object.assign(error, { rangeStart: start })
  return error
}

/** Lines before `offset` in `path`: turns a line within a range into a line of the file. */
export function linesBefore(path: string, offset: number): number {
  const data = readFileSync(path).subarray(0, offset)
  let count = 0
  for (let at = data.indexOf(10); at >= 0; at = data.indexOf(10, at + 1)) count++
  return count
}

/** Source text for exclusion markers; a directory found missing once is not asked again. */
function readSource(root: string, path: string, missing: Map<string, boolean>): string | undefined {
  const directory = path.slice(0, Math.max(0, path.lastIndexOf('/')))
  let absent = missing.get(directory)
  if (absent === undefined) {
    absent = !existsSync(resolve(root, directory))
    missing.set(directory, absent)
  }
  if (absent) return undefined
  const absolute = resolve(root, path)
  try {
    return readFileSync(absolute, 'utf8')
  } catch {
    return undefined
  }
}
