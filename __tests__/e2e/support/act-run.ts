/**
 * Running a workflow under nektos/act on this host: a throw-away git repository holding the
 * action (action.yml, package.json, dist/) next to examples/pyo3-demo and the workflow, and an
 * `act` process in self-hosted mode (`-P ubuntu-latest=-self-hosted`) with its artifact server
 * on 127.0.0.1. act gives each job a fresh copy of the repository (actions/checkout copies the
 * working tree there instead of cloning), so every job has its own workspace root.
 */
import { execFileSync, spawn } from 'node:child_process'
import { copyFileSync, cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { homedir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { REPO_ROOT } from '../../../scripts/runner.mjs'

const ACT_VERSION = '0.2.87'

/** act: $ACT, else ~/go/bin/act (where `go install github.com/nektos/act@v0.2.87` puts it). */
export function findAct(): string {
  const act = process.env.ACT || join(homedir(), 'go', 'bin', 'act')
  if (!existsSync(act)) {
    throw new Error(
      `nektos/act is not at ${act}: install it with 'go install github.com/nektos/act@v${ACT_VERSION}' (scripts/setup.sh), or set ACT`
    )
  }
  const version = execFileSync(act, ['--version'], { encoding: 'utf8' }).trim()
  if (!version.endsWith(ACT_VERSION)) {
    throw new Error(`${act} is '${version}'; this test is written against act ${ACT_VERSION}`)
  }
  return act
}

/** The repository act runs: the action from `dist`, the example, the workflow; one commit. */
export function buildActRepository(dir: string, dist: string, workflow: string): string {
  mkdirSync(join(dir, '.github', 'workflows'), { recursive: true })
  copyFileSync(workflow, join(dir, '.github', 'workflows', 'shards.yml'))
  copyFileSync(join(REPO_ROOT, 'e2e', 'shards', 'gitignore'), join(dir, '.gitignore'))
  for (const file of ['action.yml', 'package.json']) {
    copyFileSync(join(REPO_ROOT, file), join(dir, file))
  }
  cpSync(dist, join(dir, 'dist'), { recursive: true })
  // The example as committed: no target/, no extension built into the source tree.
  const tracked = execFileSync('git', ['ls-files', '-z', 'examples/pyo3-demo'], {
    cwd: REPO_ROOT,
    encoding: 'utf8'
  })
  for (const file of tracked.split('\0').filter(Boolean)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true })
    copyFileSync(join(REPO_ROOT, file), join(dir, file))
  }
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@localhost', ...args], {
      cwd: dir,
      encoding: 'utf8'
    }).trim()
  git('init', '-q', '-b', 'main')
  git('add', '-A')
  git('commit', '-q', '-m', 'mixed-coverage shards end-to-end')
  return git('rev-parse', 'HEAD')
}

export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise((resolve) => server.close(resolve))
  return port
}

/**
 * The host environment act passes on to every step (it copies its own environment into the
 * jobs). Variables of an enclosing runner are left out: act would hand the outer job's runtime
 * token to the inner jobs, whose artifact server cannot read it.
 */
export function actEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(GITHUB_|ACTIONS_|RUNNER_|INPUT_|JEST_)/.test(key) || key === 'NODE_OPTIONS') continue
    env[key] = value
  }
  return { ...env, ...extra }
}

export interface ActRun {
  exitCode: number | null
  log: string
  durationMs: number
}

export interface ActOptions {
  act: string
  repo: string
  artifactDir: string
  artifactPort: number
  cacheDir: string
  /** `--env NAME=value`: variables for the jobs. */
  jobEnv: Record<string, string>
  /** act's own environment (inherited by the jobs unless act sets the variable itself). */
  env: NodeJS.ProcessEnv
  logFile: string
}

export function runAct(options: ActOptions): Promise<ActRun> {
  const args = [
    'push',
    '-W',
    join('.github', 'workflows', 'shards.yml'),
    '-P',
    'ubuntu-latest=-self-hosted',
    '--artifact-server-path',
    options.artifactDir,
    '--artifact-server-addr',
    '127.0.0.1',
    '--artifact-server-port',
    String(options.artifactPort),
    '--action-cache-path',
    join(options.cacheDir, 'actions'),
    '--cache-server-path',
    join(options.cacheDir, 'cache-server'),
    ...Object.entries(options.jobEnv).flatMap(([key, value]) => ['--env', `${key}=${value}`])
  ]
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn(options.act, args, {
      cwd: options.repo,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const chunks: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.on('error', reject)
    child.on('close', (exitCode) => {
      const log = Buffer.concat(chunks).toString('utf8')
      writeFileSync(options.logFile, log)
      resolve({ exitCode, log, durationMs: Date.now() - started })
    })
  })
}

/** PATH with `dirs` first: act runs node24 actions with the `node` it finds on PATH. */
export function pathWith(dirs: string[], path: string): string {
  return [...dirs, path].join(delimiter)
}
