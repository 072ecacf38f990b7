// The files and variables a runner gives a JavaScript action's process, in a temp directory,
// and readers for what the action wrote back through them (as @actions/core 3 writes:
// `name<<ghadelimiter_<uuid>` heredocs in GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE, one path
// per line in GITHUB_PATH, Markdown appended to GITHUB_STEP_SUMMARY).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface RunnerEnvOptions {
  /** Action inputs by their action.yml name; become INPUT_<NAME> variables. */
  inputs?: Record<string, string | number | boolean>
  /** Extra variables, applied last (e.g. a results service's `env()`). */
  env?: Record<string, string>
  eventName?: string
  /** The webhook payload written to GITHUB_EVENT_PATH. */
  event?: unknown
  /** Use this directory as GITHUB_WORKSPACE instead of an empty temp one. */
  workspace?: string
  repository?: string
  runId?: number
  runAttempt?: number
  job?: string
  sha?: string
  ref?: string
  /** Sets RUNNER_DEBUG=1, which makes core.isDebug() true. */
  debug?: boolean
}

export interface RunnerPaths {
  root: string
  workspace: string
  temp: string
  toolCache: string
  output: string
  env: string
  state: string
  path: string
  summary: string
  event: string
}

export interface RunnerEnv {
  env: Record<string, string>
  paths: RunnerPaths
  readOutputs(): Record<string, string>
  readEnvFile(): Record<string, string>
  readState(): Record<string, string>
  /** GITHUB_PATH entries, in the order they were added. */
  readPath(): string[]
  readSummary(): string
  cleanup(): Promise<void>
}

/** The variable @actions/core's getInput reads: spaces become `_`, dashes stay, upper case. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

export function makeRunnerEnv(options: RunnerEnvOptions = {}): RunnerEnv {
  const root = mkdtempSync(join(tmpdir(), 'runner-'))
  const paths = makeRunnerFiles(root, options)
  writeFileSync(paths.event, JSON.stringify(options.event ?? {}))
  const read = (file: string): string => readFileSync(file, 'utf8')
  return {
    env: { ...baseEnv(paths, options), ...inputVariables(options.inputs), ...options.env },
    paths,
    readOutputs: () => parseFileCommands(read(paths.output)),
    readEnvFile: () => parseFileCommands(read(paths.env)),
    readState: () => parseFileCommands(read(paths.state)),
    readPath: () => read(paths.path).split(/\r?\n/).filter(Boolean),
    readSummary: () => read(paths.summary),
    cleanup: () => rm(root, { recursive: true, force: true })
  }
}

function makeRunnerFiles(root: string, options: RunnerEnvOptions): RunnerPaths {
  const files = join(root, '_runner_file_commands')
  const paths: RunnerPaths = {
    root,
    workspace: options.workspace ?? join(root, 'work'),
    temp: join(root, '_temp'),
    toolCache: join(root, '_tool'),
    output: join(files, 'set_output'),
    env: join(files, 'set_env'),
    state: join(files, 'save_state'),
    path: join(files, 'add_path'),
    summary: join(files, 'step_summary'),
    event: join(root, '_github_workflow', 'event.json')
  }
  for (const dir of [
    paths.workspace,
    paths.temp,
    paths.toolCache,
    files,
    join(root, '_github_workflow')
  ]) {
    mkdirSync(dir, { recursive: true })
  }
  for (const file of [paths.output, paths.env, paths.state, paths.path, paths.summary]) {
    writeFileSync(file, '')
  }
  return paths
}

function baseEnv(paths: RunnerPaths, options: RunnerEnvOptions): Record<string, string> {
  const repository = options.repository ?? 'octo-org/octo-repo'
  const ref = options.ref ?? 'refs/heads/main'
  const inherited = Object.fromEntries(
    ['PATH', 'HOME', 'LANG'].flatMap((name) => {
      const value = process.env[name]
      return value === undefined ? [] : [[name, value]]
    })
  )
  return {
    ...inherited,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: 'mixed-coverage',
    GITHUB_ACTOR: 'octocat',
    GITHUB_WORKFLOW: 'coverage',
    GITHUB_JOB: options.job ?? 'coverage',
    GITHUB_RUN_ID: String(options.runId ?? 1001),
    GITHUB_RUN_NUMBER: '7',
    GITHUB_RUN_ATTEMPT: String(options.runAttempt ?? 1),
    GITHUB_REPOSITORY: repository,
    GITHUB_REPOSITORY_OWNER: repository.split('/')[0] ?? '',
    GITHUB_SHA: options.sha ?? '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: ref,
    GITHUB_REF_NAME: ref.replace(/^refs\/(heads|tags)\//, ''),
    GITHUB_EVENT_NAME: options.eventName ?? 'push',
    GITHUB_EVENT_PATH: paths.event,
    GITHUB_WORKSPACE: paths.workspace,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_OUTPUT: paths.output,
    GITHUB_ENV: paths.env,
    GITHUB_STATE: paths.state,
    GITHUB_PATH: paths.path,
    GITHUB_STEP_SUMMARY: paths.summary,
    RUNNER_OS: runnerOs(),
    RUNNER_ARCH: process.arch === 'arm64' ? 'ARM64' : 'X64',
    RUNNER_NAME: 'loopback-runner',
    RUNNER_ENVIRONMENT: 'self-hosted',
    RUNNER_TEMP: paths.temp,
    RUNNER_TOOL_CACHE: paths.toolCache,
    ...(options.debug ? { RUNNER_DEBUG: '1' } : {})
  }
}

function runnerOs(): string {
  if (process.platform === 'win32') return 'Windows'
  return process.platform === 'darwin' ? 'macOS' : 'Linux'
}

function inputVariables(inputs: RunnerEnvOptions['inputs'] = {}): Record<string, string> {
  return Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [inputEnvName(name), String(value)])
  )
}

/**
 * Parses a file-command file the way the runner does: `name=value` lines, or `name<<DELIM`
 * followed by value lines up to a line that is exactly DELIM (whichever of `=` and `<<` comes
 * first decides). Later entries win. Throws on an unterminated heredoc or an empty name.
 */
export function parseFileCommands(text: string): Record<string, string> {
  const result: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    if (line === '') continue
    const equals = line.indexOf('=')
    const heredoc = line.indexOf('<<')
    if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
      result[nameOf(line.slice(0, equals))] = line.slice(equals + 1)
      continue
    }
    if (heredoc < 0) throw new Error(`Invalid file command line: ${line}`)
    const delimiter = line.slice(heredoc + 2)
    const end = lines.indexOf(delimiter, i + 1)
    if (!delimiter || end < 0) throw new Error(`Unterminated value for ${line.slice(0, heredoc)}`)
    result[nameOf(line.slice(0, heredoc))] = lines.slice(i + 1, end).join('\n')
    i = end
  }
  return result
}

function nameOf(raw: string): string {
  if (!raw) throw new Error('File command entry without a name')
  return raw
}
