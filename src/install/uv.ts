/**
 * uv projects (a uv.lock beside pyproject.toml): the Python phases run in the project's own
 * environment, made from the lock file, instead of whatever interpreter is on PATH.
 *
 * The project built is the one in the working directory: the lock's root itself, or a member
 * of a uv workspace whose root may be virtual (no [project]); <name> is its [project].name.
 *
 *   prepare      uv sync --frozen --no-install-project --no-install-package <name>
 *                the locked dependencies, not the extension (it is built next, instrumented;
 *                --no-install-project alone would still build a workspace member in release)
 *   interpreter  uv run --frozen --no-sync python        the project's .venv, never re-synced
 *   build        uv sync --frozen --inexact --reinstall-package <name>
 *                with the instrumented env and MATURIN_PEP517_ARGS=--profile dev (buildEnv):
 *                uv builds the project editable through maturin's PEP 517 backend in the debug
 *                profile into CARGO_TARGET_DIR; --inexact keeps tools installed into the .venv
 *   tests        the user's command unchanged, with .venv/bin first on PATH, VIRTUAL_ENV set,
 *                and UV_NO_SYNC/UV_FROZEN so that a `uv run pytest` inside it does not re-sync
 *                (a re-sync would rebuild the extension in release, uninstrumented: 0%)
 * Verified with uv 0.13.9 on examples/pyo3-demo with a generated uv.lock, alone and as the
 * member of a virtual workspace.
 */
import { existsSync, readFileSync } from 'node:fs'
import { delimiter, dirname, join, resolve } from 'node:path'
import { exec } from '../exec.js'

export interface UvProject {
  /** Directory of uv.lock (the project or workspace root). */
  root: string
  lockfile: string
  /** Directory of the project the action builds and tests: the working directory. */
  dir: string
  /** [project].name of that directory's pyproject.toml, when it has one. */
  name: string | undefined
}

/**
 * The uv project `dir` belongs to: the nearest uv.lock in `dir` or above, up to `stopAt`;
 * the project itself is the one in `dir` (a workspace member, or the root).
 */
export function detectUvProject(dir: string, stopAt?: string): UvProject | undefined {
  const limit = stopAt ? resolve(stopAt) : undefined
  const projectDir = resolve(dir)
  let current = projectDir
  for (;;) {
    const lockfile = join(current, 'uv.lock')
    if (existsSync(lockfile)) {
      return { root: current, lockfile, dir: projectDir, name: projectName(projectDir) }
    }
    const parent = dirname(current)
    if (current === limit || parent === current) return undefined
    current = parent
  }
}

/** [project].name from pyproject.toml, read with a pattern: only that one string is needed. */
export function projectName(root: string): string | undefined {
  const path = join(root, 'pyproject.toml')
  if (!existsSync(path)) return undefined
  const text = readFileSync(path, 'utf8')
  const section = /^\[project\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(text)?.[1] ?? ''
  return /^name\s*=\s*["']([^"']+)["']/m.exec(section)?.[1]
}

/** `uv --version` → its version, or undefined when uv is not installed. */
export async function uvVersion(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  try {
    const { stdout } = await exec(['uv', '--version'], {
      env,
      captureStdout: true,
      silent: true,
      timeoutMs: 15_000
    })
    return /uv (\S+)/.exec(stdout)?.[1]
  } catch {
    return undefined
  }
}

/** Creates or updates .venv from uv.lock without building the project itself. */
export function uvPrepareArgv(project: UvProject): string[] {
  const argv = ['uv', 'sync', '--project', project.root, '--frozen', '--no-install-project']
  return project.name ? [...argv, '--no-install-package', project.name] : argv
}

/** The interpreter command (PythonInfo.command) for a uv project. */
export function uvPythonCommand(project: UvProject): string[] {
  return ['uv', 'run', '--project', project.root, '--frozen', '--no-sync', 'python']
}

/** The default build under uv; run it with phases/python.ts buildEnv(). */
export function uvBuildArgv(project: UvProject): string[] {
  if (!project.name) {
    throw new Error(
      `${join(project.dir, 'pyproject.toml')} has no [project] name: add one (the extension's package), or set python-build-command to a command that builds the extension in the debug profile into CARGO_TARGET_DIR`
    )
  }
  const argv = ['uv', 'sync', '--project', project.root, '--frozen', '--inexact']
  return [...argv, '--reinstall-package', project.name]
}

/** Environment additions for the test command: the .venv active, uv kept from re-syncing. */
export function uvTestEnv(env: NodeJS.ProcessEnv, scriptsDir: string): NodeJS.ProcessEnv {
  return {
    ...env,
    PATH: [scriptsDir, env.PATH ?? ''].filter(Boolean).join(delimiter),
    VIRTUAL_ENV: dirname(scriptsDir),
    UV_NO_SYNC: '1',
    UV_FROZEN: '1'
  }
}

/** Checks that uv is installed and syncs the project's environment from its lock file. */
export async function prepareUvProject(
  project: UvProject,
  env: NodeJS.ProcessEnv,
  cwd: string
): Promise<string> {
  const version = await uvVersion(env)
  if (!version) {
    throw new Error(
      `${project.lockfile} makes this a uv project, but uv is not installed: add astral-sh/setup-uv before this step (or 'pip install uv'), or set the python input to another interpreter`
    )
  }
  await exec(uvPrepareArgv(project), {
    env,
    cwd,
    timeoutMs: 15 * 60_000,
    hint: `uv could not create the environment from ${project.lockfile} (is it up to date? run 'uv lock')`
  })
  return version
}
