/**
 * uv projects (a uv.lock beside pyproject.toml): the Python phases run in the project's own
 * environment, made from the lock file, instead of whatever interpreter is on PATH.
 *
 * The project built is the one in the working directory: the lock's root itself, or a member
 * of a uv workspace whose root may be virtual (no [project]); <name> is its [project].name.
 *
 *   prepare      uv sync --frozen --no-install-project --no-install-package <name> [groups]
 *                the locked dependencies, not the extension (it is built next, instrumented;
 *                --no-install-project alone would still build a workspace member in release);
 *                [groups]: --group <g> for each dependency group that holds pytest (uv syncs
 *                only `dev` by default, and test tools often sit in `test`), or the
 *                uv-sync-args input instead
 *   interpreter  uv run --frozen --no-sync python        the project's .venv, never re-synced
 *   build        uv sync --frozen --inexact --reinstall-package <name> [groups]
 *                with the instrumented env and MATURIN_PEP517_ARGS=--profile dev (buildEnv):
 *                uv builds the project editable through maturin's PEP 517 backend in the debug
 *                profile into CARGO_TARGET_DIR; --inexact keeps tools installed into the .venv
 *   tests        the user's command unchanged, with .venv/bin first on PATH, VIRTUAL_ENV set,
 *                and UV_NO_SYNC/UV_FROZEN so that a `uv run pytest` inside it does not re-sync
 *                (a re-sync would rebuild the extension in release, uninstrumented: 0%)
 * Verified with uv 0.13.9 on examples/pyo3-demo with a generated uv.lock, alone and as the
 * member of a virtual workspace.
 */
import { existsSync } from 'node:fs'
import { delimiter, dirname, join, resolve } from 'node:path'
import { exec } from '../exec.js'
import { readPyProject, testGroups } from '../pyproject.js'

export interface UvProject {
  /** Directory of uv.lock (the project or workspace root). */
  root: string
  lockfile: string
  /** Directory of the project the action builds and tests: the working directory. */
  dir: string
  /** [project].name of that directory's pyproject.toml, when it has one. */
  name: string | undefined
  /** Dependency groups of the project (and of the workspace root) that hold pytest. */
  testGroups: string[]
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
      const project = readPyProject(projectDir)
      const root = current === projectDir ? undefined : readPyProject(current)
      const groups = [project, root].flatMap((file) => (file ? testGroups(file) : []))
      return {
        root: current,
        lockfile,
        dir: projectDir,
        name: project?.name,
        testGroups: [...new Set(groups)]
      }
    }
    const parent = dirname(current)
    if (current === limit || parent === current) return undefined
    current = parent
  }
}

/** [project].name from pyproject.toml. */
export function projectName(root: string): string | undefined {
  return readPyProject(root)?.name
}

/**
 * What `uv sync` is told beyond the lock: the uv-sync-args input when given, else one --group
 * per dependency group that holds the test tools.
 */
export function uvSyncArgs(project: UvProject, given: readonly string[]): string[] {
  if (given.length > 0) return [...given]
  return project.testGroups.flatMap((group) => ['--group', group])
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
export function uvPrepareArgv(project: UvProject, syncArgs: readonly string[] = []): string[] {
  const argv = ['uv', 'sync', '--project', project.root, '--frozen', '--no-install-project']
  const keep = project.name ? ['--no-install-package', project.name] : []
  return [...argv, ...keep, ...syncArgs]
}

/** The interpreter command (PythonInfo.command) for a uv project. */
export function uvPythonCommand(project: UvProject): string[] {
  return ['uv', 'run', '--project', project.root, '--frozen', '--no-sync', 'python']
}

/** The default build under uv; run it with phases/python.ts buildEnv(). */
export function uvBuildArgv(project: UvProject, syncArgs: readonly string[] = []): string[] {
  if (!project.name) {
    throw new Error(
      `${join(project.dir, 'pyproject.toml')} has no [project] name: add one (the extension's package), or set python-build-command to a command that builds the extension in the debug profile into CARGO_TARGET_DIR`
    )
  }
  const argv = ['uv', 'sync', '--project', project.root, '--frozen', '--inexact']
  return [...argv, '--reinstall-package', project.name, ...syncArgs]
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

/** Syncs the project's environment from its lock file (uv is known to be installed). */
export async function prepareUvProject(
  project: UvProject,
  syncArgs: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string
): Promise<void> {
  const groups = syncArgs.length > 0 ? syncArgs.join(' ') : 'the default groups'
  await exec(uvPrepareArgv(project, syncArgs), {
    env,
    cwd,
    timeoutMs: 15 * 60_000,
    hint: `uv could not create the environment from ${project.lockfile} with ${groups} (is it up to date? run 'uv lock'; other groups: set uv-sync-args)`
  })
}
