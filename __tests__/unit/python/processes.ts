/** Real Python processes for the tests of the helper and the start-up hook (python3 on PATH). */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PYTHON_HOOK_DIR } from '../../../src/assets.js'

export const PYTHON = 'python3'

export interface Finished {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface Running {
  child: ChildProcess
  /** Resolves once stdout has a line equal to `line`. */
  lineSeen(line: string): Promise<void>
  finished: Promise<Finished>
}

export function scratchDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `mc-${prefix}-`))
}

/** The environment the action gives the test command, on top of this process's. */
export function hookEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, COVERAGE_PROCESS_CONFIG: undefined, COVERAGE_RCFILE: undefined }
  return { ...env, PYTHONPATH: PYTHON_HOOK_DIR, MIXED_COVERAGE_SIGTERM: '1', ...extra }
}

export function startPython(
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { cwd?: string; command?: string[] } = {}
): Running {
  const [file, ...prefix] = options.command ?? [PYTHON]
  const child = spawn(file as string, [...prefix, ...args], {
    env,
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  const waiters: { line: string; resolve: () => void }[] = []
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
    const lines = stdout.split('\n')
    for (const waiter of [...waiters]) {
      if (lines.slice(0, -1).includes(waiter.line)) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve()
      }
    }
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const finished = new Promise<Finished>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
  )
  const lineSeen = (line: string) =>
    new Promise<void>((resolve, reject) => {
      if (stdout.split('\n').slice(0, -1).includes(line)) return resolve()
      waiters.push({ line, resolve })
      void finished.then((end) =>
        reject(new Error(`exited (${end.code ?? end.signal}) before '${line}':\n${end.stderr}`))
      )
    })
  return { child, lineSeen, finished }
}

export function runPython(
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { cwd?: string } = {}
): Promise<Finished> {
  return startPython(args, env, options).finished
}
