/**
 * The one wrapper through which every external command runs: argv arrays, never a
 * command line built from strings, except `runShell` for the user's own test commands.
 * A failure becomes a CommandError carrying the command, exit code and stderr tail.
 */
import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import { CommandError, quoteForDisplay } from './errors.js'

export interface ExecOptions {
  cwd?: string
  env?: NodeJS.ProcessEnv
  /** Keep stdout in the result instead of only echoing it to the log. */
  captureStdout?: boolean
  /** Do not echo output to the log (used for probes whose output is parsed). */
  silent?: boolean
  /** Return the exit code instead of throwing when the command fails. */
  allowFailure?: boolean
  /** Kill the command after this many milliseconds (it then counts as failed). */
  timeoutMs?: number
  /** Added to a failure message: how to fix the likely cause. */
  hint?: string
  /** Where log output goes; defaults to this process's stdout. */
  log?: (chunk: string) => void
}

export interface ExecResult {
  exitCode: number | null
  stdout: string
  stderrTail: string
  durationMs: number
}

const STDERR_TAIL_BYTES = 4096

export function exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
  const [file, ...args] = argv
  if (!file) throw new Error('exec: empty command')
  const log = options.log ?? ((chunk: string) => process.stdout.write(chunk))
  if (!options.silent) log(`[command]${argv.map(quoteForDisplay).join(' ')}\n`)
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs,
      killSignal: 'SIGKILL'
    })
    const stdoutChunks: Buffer[] = []
    let stderrTail = ''
    child.stdout.on('data', (chunk: Buffer) => {
      if (options.captureStdout) stdoutChunks.push(chunk)
      if (!options.silent) log(chunk.toString())
    })
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString()
      stderrTail = (stderrTail + text).slice(-STDERR_TAIL_BYTES)
      if (!options.silent) log(text)
    })
    const finish = (exitCode: number | null, startError?: Error) => {
      const result: ExecResult = {
        exitCode,
        stdout: Buffer.concat(stdoutChunks).toString(),
        stderrTail: startError ? startError.message : lastLines(stderrTail, 20),
        durationMs: Date.now() - started
      }
      if (exitCode === 0 || (options.allowFailure && !startError)) resolve(result)
      else reject(new CommandError(argv, exitCode, result.stderrTail, options.hint))
    }
    child.on('error', (error) => finish(null, error))
    child.on('close', (code, signal) => finish(signal ? 128 + signalNumber(signal) : code))
  })
}

/**
 * Runs a user-supplied command line with bash, as a workflow `shell: bash` step would
 * (`-e -o pipefail`). Only the action's inputs reach it, never event payload data.
 */
export function runShell(command: string, options: ExecOptions = {}): Promise<ExecResult> {
  return exec(['bash', '--noprofile', '--norc', '-eo', 'pipefail', '-c', command], options)
}

function lastLines(text: string, count: number): string {
  return text
    .split(/\r?\n/)
    .slice(-count - 1)
    .join('\n')
}

function signalNumber(signal: NodeJS.Signals): number {
  return constants.signals[signal] ?? 0
}
