/**
 * Runs a merge on one or two threads and writes the outputs. See cli-merge.ts for the split.
 */
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { isMainThread, parentPort, Worker, workerData, type MessagePort } from 'node:worker_threads'
import {
  addTallies,
  AtomicFile,
  CoverageError,
  lcovChunks,
  mergeReports,
  REPORT_FILE_NAMES,
  ReportParseError,
  ReportTooLargeError,
  UnknownFormatError,
  writeReportFiles,
  type CoverageReport,
  type Tally
} from './coverage/index.js'
import { packReport, unpackReport, type PackedReport } from './coverage/transfer.js'
import {
  classifyInputs,
  processPart,
  splitRanges,
  type LcovRange,
  type MergeCommand
} from './cli-merge.js'

/**
 * When `--threads` is not given: a worker only pays off with cores to spare. On two cores the
 * main thread's JIT compiler and garbage collector already use the second one, and a split
 * merge measured no faster than one thread; with four or more, and enough lcov to amortise
 * starting the worker, the split is used.
 */
const PARALLEL_MIN_BYTES = 8 * 1048576
const PARALLEL_MIN_CORES = 4

interface WorkerResult {
  packed?: PackedReport
  chunks?: Uint8Array[]
  error?: SerializedError
}

interface SerializedError {
  kind: 'parse' | 'size' | 'format' | 'other'
  file?: string
  line?: number
  detail?: string
  sizeBytes?: number
  capBytes?: number
  message: string
}

/** Merges the command's inputs and writes the chosen outputs; returns the merged report. */
export async function mergeAndWrite(command: MergeCommand): Promise<CoverageReport> {
  const inputs = classifyInputs(command)
  const lcovBytes = inputs.lcov.reduce((sum, input) => sum + input.size, 0)
  const written = { root: command.root, timestamp: Date.now() }
  const parallel =
    command.threads === 2 ||
    (command.threads === 'auto' &&
      availableParallelism() >= PARALLEL_MIN_CORES &&
      lcovBytes >= PARALLEL_MIN_BYTES)
  if (!parallel || inputs.lcov.length === 0) {
    const whole = inputs.lcov.map(({ path, size }) => ({ path, start: 0, end: size }))
    const report = processPart(command, whole, inputs.others)
    writeReportFiles(command.output, report, written, command.formats)
    return report
  }
  const { first, second } = splitRanges(inputs.lcov, command.maxBytes)
  const worker = startWorker(command, second)
  let mine: CoverageReport
  try {
    mine = processPart(command, first, inputs.others)
  } catch (error) {
    await worker.stop()
    throw error
  }
  // This half's lcov goes straight to the output while the worker finishes its half.
  const lcov = command.formats.includes('lcov')
    ? new AtomicFile(join(command.output, REPORT_FILE_NAMES.lcov))
    : undefined
  lcov?.write(lcovChunks(mine, { reuseBuffers: true }))
  const result = await worker.result
  if (result.error !== undefined) {
    lcov?.abort()
    throw deserializeError(result.error)
  }
  const theirs = unpackReport(result.packed as PackedReport)
  if ([...theirs.files.keys()].some((path) => mine.files.has(path))) {
    lcov?.abort()
    const merged = mergeReports([mine, theirs])
    writeReportFiles(command.output, merged, written, command.formats)
    return merged
  }
  const tallies = new Map<string, Tally>()
  addTallies(tallies, mine.tallies)
  addTallies(tallies, theirs.tallies)
  const union: CoverageReport = {
    files: new Map([...mine.files, ...theirs.files]),
    sourceRoots: [],
    notes: [...mine.notes, ...theirs.notes],
    tallies
  }
  lcov?.write(result.chunks ?? [])
  lcov?.commit()
  const rest = command.formats.filter((format) => format !== 'lcov')
  writeReportFiles(command.output, union, written, rest)
  return union
}

function startWorker(command: MergeCommand, ranges: LcovRange[]) {
  const worker = new Worker(new URL(import.meta.url), { workerData: { command, ranges } })
  const result = new Promise<WorkerResult>((resolve) => {
    worker.once('message', (message: WorkerResult) => resolve(message))
    worker.once('error', (error) => resolve({ error: serializeError(error) }))
    worker.once('exit', (code) =>
      resolve({ error: { kind: 'other', message: `merge worker exited with code ${code}` } })
    )
  })
  return { result, stop: () => worker.terminate() }
}

/** In a worker thread: process the given ranges and post the result; false on the main thread. */
export function runWorkerIfAny(): boolean {
  if (isMainThread || parentPort === null) return false
  void runWorker(parentPort, workerData as { command: MergeCommand; ranges: LcovRange[] })
  return true
}

async function runWorker(
  port: MessagePort,
  { command, ranges }: { command: MergeCommand; ranges: LcovRange[] }
) {
  try {
    const report = processPart(command, ranges, [])
    const chunks = command.formats.includes('lcov') ? [...lcovChunks(report)] : []
    const { packed, transfer } = packReport(report)
    port.postMessage({ packed, chunks } satisfies WorkerResult, [
      ...transfer,
      ...chunks.map((chunk) => chunk.buffer as ArrayBuffer)
    ])
  } catch (error) {
    port.postMessage({ error: serializeError(error) } satisfies WorkerResult)
  }
}

function serializeError(error: unknown): SerializedError {
  const message = error instanceof Error ? error.message : String(error)
  if (error instanceof ReportParseError) {
    return {
      kind: 'parse',
      file: error.file,
      line: error.line,
      detail: error.detail,
      message
    }
  }
  if (error instanceof ReportTooLargeError) {
    return {
      kind: 'size',
      file: error.file,
      sizeBytes: error.sizeBytes,
      capBytes: error.capBytes,
      message
    }
  }
  if (error instanceof UnknownFormatError) return { kind: 'format', file: error.file, message }
  return { kind: 'other', message }
}

function deserializeError(error: SerializedError): Error {
  if (error.kind === 'parse') {
    return new ReportParseError(error.file as string, error.line as number, error.detail as string)
  }
  if (error.kind === 'size') {
    return new ReportTooLargeError(
      error.file as string,
      error.sizeBytes as number,
      error.capBytes as number
    )
  }
  if (error.kind === 'format') return new CoverageError(error.file as string, error.message)
  return new Error(error.message)
}
