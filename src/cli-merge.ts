/**
 * The CLI's merge: reading inputs, and splitting large lcov inputs between the main thread
 * and one worker thread. Each thread parses its half of every tracefile (split at a record
 * boundary), normalises, applies exclusions and writes its files' lcov; the main thread
 * concatenates. If both halves hold the same file, the halves are merged instead (correct,
 * just not parallel). Every decision is the engine's; this file only moves bytes.
 */
import { closeSync } from 'node:fs'
import {
  mergeAndExclude,
  openRegularFile,
  withFile,
  readAt,
  readReportGroup,
  sniffFormat,
  type CoverageReport,
  type OutputFormat,
  type PathMap,
  type ReadSettings
} from './coverage/index.js'
import { recordBoundaryIn } from './coverage/record-boundary.js'

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
  /** Write the outputs even when the merge kept no file (otherwise that is an error). */
  allowEmpty: boolean
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
    if (sniffFormat(path, command.maxBytes) !== 'lcov') {
      inputs.others.push(path)
      continue
    }
    const { descriptor, statedSize } = openRegularFile(path, command.maxBytes)
    closeSync(descriptor)
    inputs.lcov.push({ path, size: statedSize })
  }
  return inputs
}

function readRange(descriptor: number, start: number, end: number, buffer: Uint8Array): Uint8Array {
  return buffer.subarray(0, readAt(descriptor, start, end - start, buffer))
}

const WINDOW = 1 << 20

/**
 * Splits each tracefile near its middle, before an `SF:` line. Shards of one build list their
 * files in the same order, so every shard is split before the same file as the first one: each
 * file then lies in one half only and the halves need no merging.
 */
export function splitRanges(
  inputs: Inputs['lcov'],
  maxBytes: number
): { first: LcovRange[]; second: LcovRange[] } {
  const first: LcovRange[] = []
  const second: LcovRange[] = []
  const window = Buffer.alloc(WINDOW)
  let anchor: Buffer | undefined
  for (const { path, size } of inputs) {
    // Opened again, and checked again: the path may name another file since it was classified.
    const descriptor = openRegularFile(path, maxBytes).descriptor
    let split: number
    try {
      split = withFile(path, () => {
        const aligned = anchor === undefined ? -1 : findAround(descriptor, size, anchor, window)
        const at = aligned >= 0 ? aligned : middleRecordStart(descriptor, size, window)
        if (anchor === undefined && at < size) anchor = sourceLineAt(descriptor, at, size, window)
        return at
      })
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

/** The engine's read settings for the command: one root for every input. */
export function readSettings(command: MergeCommand): ReadSettings {
  return {
    workspace: command.root,
    includeOutside: command.includeOutside,
    pathMaps: command.pathMaps,
    excludeGlobs: command.excludes,
    markerLanguages: command.markers ? ['rust'] : [],
    maxBytes: command.maxBytes
  }
}

/**
 * One thread's share: its tracefile ranges and the other inputs, read, normalised, merged and
 * with exclusions applied by the engine's one pipeline (coverage/read-reports.ts).
 */
export function processPart(
  command: MergeCommand,
  ranges: readonly LcovRange[],
  others: readonly string[]
): CoverageReport {
  const settings = readSettings(command)
  const inputs = [
    ...ranges.map((range) => ({ ...range, tracefile: true, root: command.root })),
    ...others.map((path) => ({ path, tracefile: false, root: command.root }))
  ]
  return mergeAndExclude(readReportGroup(inputs, settings), settings)
}
