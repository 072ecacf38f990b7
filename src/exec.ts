/**
 * The one wrapper through which every external command runs: argv arrays, never a
 * command line built from strings, except `runShell` for the user's own test commands.
 * A failure becomes a CommandError carrying the command, exit code and stderr tail.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { constants } from 'node:os'
import { CommandError, quoteForDisplay } from './errors.js'

export interface ExecOptions {
  cwd?: string
  env?: NodeJS.ProcessEnv
  /** Keep stdout in the result instead of only echoing it to the log. */
  captureStdout?: boolean
  /** Keep all of stderr in the result too (it is echoed all the same unless silent). */
  captureStderr?: boolean
  /** Do not echo output to the log (used for probes whose output is parsed). */
  silent?: boolean
  /**
   * Return the exit code instead of throwing when the command exits non-zero. A command that
   * cannot start or runs out of time still throws: neither is an answer from the command.
   */
  allowFailure?: boolean
  /** Kill the command, and on POSIX every process it started, after this many milliseconds. */
  timeoutMs?: number
  /** Added to a failure message: how to fix the likely cause. */
  hint?: string
  /** Where log output goes; defaults to this process's stdout. */
  log?: (chunk: string) => void
  /** Sees each piece of stderr as it arrives (echoed and kept as usual all the same). */
  onStderr?: (chunk: string) => void
}

export interface ExecResult {
  exitCode: number | null
  stdout: string
  /** All of stderr with captureStderr, else empty. */
  stderr: string
  stderrTail: string
  durationMs: number
}

const STDERR_TAIL_BYTES = 4096
const STDERR_TAIL_LINES = 20

/**
 * How long to wait for the output pipes to close once the command itself has exited. A
 * process it left running in the background (or one that escaped its process group) keeps
 * them open; without this bound the step would wait for it for ever.
 */
export const PIPE_CLOSE_GRACE_MS = 5_000

interface Outcome {
  code: number | null
  signal: NodeJS.Signals | null
}

export function exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
  const [file, ...args] = argv
  if (!file) throw new Error('exec: empty command')
  const log = options.log ?? ((chunk: string) => process.stdout.write(chunk))
  if (!options.silent) log(`[command]${argv.map(quoteForDisplay).join(' ')}\n`)
  const started = Date.now()
  // Its own process group, so that a timeout reaches what the command started too (cargo's
  // rustc processes, rustup's downloads). Windows has no process groups to signal.
  const ownGroup = options.timeoutMs !== undefined && process.platform !== 'win32'
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: ownGroup,
      windowsHide: true
    })
    const output = collectOutput(child, options, log)
    let settled = false
    let timedOut = false
    let exited: Outcome | undefined
    let deadline: NodeJS.Timeout | undefined
    let grace: NodeJS.Timeout | undefined
    const finish = (outcome: Outcome | undefined, startError?: Error) => {
      if (settled) return
      settled = true
      clearTimeout(deadline)
      clearTimeout(grace)
      const exitCode = outcome ? exitCodeOf(outcome) : null
      const result: ExecResult = {
        exitCode,
        stdout: output.stdout(),
        stderr: output.stderr(),
        stderrTail: startError ? startFailure(startError, options.cwd) : output.stderrTail(),
        durationMs: Date.now() - started
      }
      if (!startError && !timedOut && (exitCode === 0 || options.allowFailure)) resolve(result)
      else {
        const limit = timedOut ? options.timeoutMs : undefined
        reject(new CommandError(argv, exitCode, result.stderrTail, options.hint, limit))
      }
    }
    if (options.timeoutMs !== undefined) {
      deadline = setTimeout(() => {
        timedOut = true
        killTree(child, ownGroup)
      }, options.timeoutMs)
    }
    child.on('error', (error) => finish(undefined, error))
    child.on('exit', (code, signal) => {
      exited = { code, signal }
      clearTimeout(deadline)
      grace = setTimeout(
        () => stopReading(child, ownGroup, () => finish(exited)),
        PIPE_CLOSE_GRACE_MS
      )
    })
    child.on('close', (code, signal) => finish(exited ?? { code, signal }))
  })
}

/**
 * Runs a user-supplied command line with bash, as a workflow `shell: bash` step would
 * (`-e -o pipefail`). Only the action's inputs reach it, never event payload data.
 */
export function runShell(command: string, options: ExecOptions = {}): Promise<ExecResult> {
  return exec(['bash', '--noprofile', '--norc', '-eo', 'pipefail', '-c', command], options)
}

interface CollectedOutput {
  stdout(): string
  stderr(): string
  stderrTail(): string
}

/** Echoes and keeps the output; decoding as UTF-8 per stream so no character is split. */
function collectOutput(
  child: ChildProcess,
  options: ExecOptions,
  log: (chunk: string) => void
): CollectedOutput {
  const stdoutChunks: string[] = []
  const stderrChunks: string[] = []
  let stderrTail = ''
  child.stdout?.setEncoding('utf8')
  child.stderr?.setEncoding('utf8')
  child.stdout?.on('data', (chunk: string) => {
    if (options.captureStdout) stdoutChunks.push(chunk)
    if (!options.silent) log(chunk)
  })
  child.stderr?.on('data', (chunk: string) => {
    if (options.captureStderr) stderrChunks.push(chunk)
    options.onStderr?.(chunk)
    stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_BYTES)
    if (!options.silent) log(chunk)
  })
  return {
    stdout: () => stdoutChunks.join(''),
    stderr: () => stderrChunks.join(''),
    stderrTail: () => lastLines(stderrTail, STDERR_TAIL_LINES)
  }
}

/** Something the command started still holds the pipes after it exited: stop reading them. */
function stopReading(child: ChildProcess, ownGroup: boolean, done: () => void): void {
  if (ownGroup) killTree(child, true)
  child.stdout?.destroy()
  child.stderr?.destroy()
  done()
}

/** Node reports a missing working directory as the command being missing: tell them apart. */
function startFailure(error: Error, cwd: string | undefined): string {
  if (cwd !== undefined && !existsSync(cwd)) return `${error.message} (no directory ${cwd})`
  return error.message
}

/** SIGKILL to the command's process group (POSIX, when it has one), else to the command. */
function killTree(child: ChildProcess, ownGroup: boolean): void {
  if (child.pid === undefined) return
  try {
    if (ownGroup) process.kill(-child.pid, 'SIGKILL')
    else child.kill('SIGKILL')
  } catch {
    // already gone
  }
}

/** A death by signal reads as a shell reports it: 128 + the signal number. */
function exitCodeOf(outcome: Outcome): number | null {
  if (outcome.signal) return 128 + (constants.signals[outcome.signal] ?? 0)
  return outcome.code
}

function lastLines(text: string, count: number): string {
  const lines = text.replace(/\r?\n$/, '').split(/\r?\n/)
  return lines.slice(-count).join('\n')
}
