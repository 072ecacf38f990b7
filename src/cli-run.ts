/**
 * Runs a merge on one or two threads and writes the outputs. See cli-merge.ts for the split.
 */
import { availableParallelism } from 'node:os'
import { isMainThread, parentPort, Worker, workerData, type MessagePort } from 'node:worker_threads'
import {
  addTallies,
  CoverageError,
  lcovChunks,
  limitBranchesPerLine,
  mergeReports,
  OutputSet,
  reportChunks,
  ReportParseError,
  ReportTooLargeError,
  UnknownFormatError,
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
import type { OutputFormat } from './coverage/index.js'

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

/** A merge that kept no file (it is written only when --allow-empty says so). */
export class EmptyMergeError extends Error {
  constructor(readonly report: CoverageReport) {
    super('the merge kept no file')
    this.name = 'EmptyMergeError'
  }
}

/**
 * Merges the command's inputs and writes the chosen outputs as one set; returns the merged
 * report. The outputs are the same bytes on one thread or two: the Cobertura timestamp is 0,
 * notes are tallied and sorted (coverage/notes.ts), and the halves' lcov is concatenated only
 * when the first half's files all sort before the second's.
 */
export async function mergeAndWrite(command: MergeCommand): Promise<CoverageReport> {
  const inputs = classifyInputs(command)
  const lcovBytes = inputs.lcov.reduce((sum, input) => sum + input.size, 0)
  const parallel =
    command.threads === 2 ||
    (command.threads === 'auto' &&
      availableParallelism() >= PARALLEL_MIN_CORES &&
      lcovBytes >= PARALLEL_MIN_BYTES)
  if (!parallel || inputs.lcov.length === 0) {
    const whole = inputs.lcov.map(({ path, size }) => ({ path, start: 0, end: size }))
    const report = processPart(command, whole, inputs.others)
    const outputs = openOutputs(command, report)
    writeAndCommit(outputs, command, report, outputs.formats)
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
  // This half's lcov goes to its temporary file while the worker finishes its half.
  const outputs = new OutputSet(command.output, command.formats)
  try {
    if (outputs.formats.includes('lcov'))
      outputs.write('lcov', lcovChunks(mine, { reuseBuffers: true }))
    const result = await worker.result
    if (result.error !== undefined) throw deserializeError(result.error)
    return joinHalves(
      command,
      outputs,
      mine,
      unpackReport(result.packed as PackedReport),
      result.chunks ?? []
    )
  } catch (error) {
    outputs.abort()
    throw error
  }
}

/** The outputs for a merged report: refuses an empty one unless --allow-empty. */
function openOutputs(command: MergeCommand, report: CoverageReport): OutputSet {
  if (report.files.size === 0 && !command.allowEmpty) throw new EmptyMergeError(report)
  return new OutputSet(command.output, command.formats)
}

function writeAndCommit(
  outputs: OutputSet,
  command: MergeCommand,
  report: CoverageReport,
  formats: readonly OutputFormat[]
): void {
  try {
    const options = { root: command.root, timestamp: 0 }
    for (const format of formats) outputs.write(format, reportChunks(format, report, options))
    outputs.commit()
  } catch (error) {
    outputs.abort()
    throw error
  }
}

/**
 * The two halves as one report, written: when they share a file they are merged (correct,
 * just not parallel); otherwise the worker's lcov follows this half's when the paths sort so,
 * and the lcov is written again from the whole report when they do not.
 */
function joinHalves(
  command: MergeCommand,
  outputs: OutputSet,
  mine: CoverageReport,
  theirs: CoverageReport,
  theirLcov: Uint8Array[]
): CoverageReport {
  const shared = [...theirs.files.keys()].some((path) => mine.files.has(path))
  const report = shared ? limitBranchesPerLine(mergeReports([mine, theirs])) : union(mine, theirs)
  if (report.files.size === 0 && !command.allowEmpty) throw new EmptyMergeError(report)
  const rest: OutputFormat[] = outputs.formats.filter((format) => format !== 'lcov')
  if (outputs.formats.includes('lcov')) {
    if (shared || !sortsBefore(mine, theirs)) {
      outputs.restart('lcov')
      rest.unshift('lcov')
    } else outputs.write('lcov', theirLcov)
  }
  writeAndCommit(outputs, command, report, rest)
  return report
}

/** Two reports without a file in common as one. */
function union(mine: CoverageReport, theirs: CoverageReport): CoverageReport {
  const tallies = new Map<string, Tally>()
  addTallies(tallies, mine.tallies)
  addTallies(tallies, theirs.tallies)
  return {
    files: new Map([...mine.files, ...theirs.files]),
    sourceRoots: [],
    notes: [...mine.notes, ...theirs.notes],
    tallies
  }
}

/** Whether every path of `first` sorts before every path of `second` (lcov is in path order). */
function sortsBefore(first: CoverageReport, second: CoverageReport): boolean {
  let last = ''
  for (const path of first.files.keys()) if (path > last) last = path
  for (const path of second.files.keys()) if (path <= last) return false
  return true
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
