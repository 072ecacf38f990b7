// Small helpers for tests that run @actions code in-process or as a child process.
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { makeRunner, type Runner, type RunnerOptions } from '../../scripts/runner.mjs'

/** Sets variables in process.env; the returned function puts the previous values back. */
export function setEnv(vars: Record<string, string>): () => void {
  const previous = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]))
  Object.assign(process.env, vars)
  return () => {
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
}

export interface CapturedOutput {
  text(): string
  restore(): void
}

/**
 * The runner emulation (scripts/runner.mjs) with an empty workspace of its own, for tests that
 * run @actions code in this process and write files into the workspace; cleanup() removes both.
 */
export function runnerWithEmptyWorkspace(options: RunnerOptions = {}): Runner {
  const runnerDir = mkdtempSync(join(tmpdir(), 'mc-runner-'))
  const workspace = join(runnerDir, 'work')
  mkdirSync(workspace)
  return makeRunner({ ...options, runnerDir, workspace })
}

/** Swallows process.stdout (where @actions/core logs `::warning::…`) and keeps it. */
export function captureStdout(): CapturedOutput {
  const write = process.stdout.write
  let text = ''
  process.stdout.write = ((chunk: string | Uint8Array) => {
    text += chunk.toString()
    return true
  }) as typeof process.stdout.write
  return { text: () => text, restore: () => void (process.stdout.write = write) }
}

/** Writes `files` (relative path → content) under `dir`; returns their absolute paths. */
export function writeFiles(dir: string, files: Record<string, string | Buffer>): string[] {
  return Object.entries(files).map(([path, content]) => {
    const full = join(dir, path)
    mkdirSync(dirname(full), { recursive: true })
    writeFileSync(full, content)
    return full
  })
}

/** Makes `dir` GITHUB_WORKSPACE and the current directory, as a runner starts an action. */
export function enterWorkspace(dir: string): string {
  process.env['GITHUB_WORKSPACE'] = dir
  process.chdir(dir)
  return dir
}

/** Relative path → sha256 of every file under `dir`, sorted by path. */
export function snapshotDir(dir: string): Record<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
  return Object.fromEntries(
    files.map((file) => [
      relative(dir, file),
      createHash('sha256').update(readFileSync(file)).digest('hex')
    ])
  )
}

export interface ScriptResult {
  code: number
  stdout: string
  stderr: string
}

/**
 * Runs `node` with `args` without blocking this process: a loopback service living in this
 * process must keep answering the child.
 */
export function runNode(
  node: string,
  args: string[],
  options: { cwd: string; env: Record<string, string> }
): Promise<ScriptResult> {
  return new Promise((resolve) => {
    execFile(node, args, options, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    )
  })
}
