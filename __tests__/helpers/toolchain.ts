/** Paths and environment the integration tests share: one target dir, one tool cache. */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { REPO_ROOT } from '../../scripts/runner.mjs'

export { REPO_ROOT }
export const TMP = join(REPO_ROOT, '.tmp')
/** One Cargo target directory for every test build (keeps pyo3 compiled once). */
export const CARGO_TARGET = join(TMP, 'cargo-target')
/** One runner tool cache, as on a long-lived self-hosted runner. */
export const TOOL_CACHE = join(TMP, 'tool-cache')
export const VENV = join(TMP, 'venv')
export const LLVM_BIN = '/usr/lib/llvm-22/bin'
export const EXAMPLE = join(REPO_ROOT, 'examples', 'pyo3-demo')

mkdirSync(CARGO_TARGET, { recursive: true })
mkdirSync(TOOL_CACHE, { recursive: true })

/** PATH without any virtual environment's bin directory. */
export function pathWithoutVenvs(path = process.env.PATH ?? ''): string {
  return path
    .split(delimiter)
    .filter((dir) => !existsSync(join(dir, 'activate')))
    .join(delimiter)
}

/** Environment of an action run with the virtual environment active (as after `source activate`). */
export function venvEnv(): Record<string, string | undefined> {
  if (!existsSync(join(VENV, 'bin', 'python'))) {
    throw new Error(`${VENV} is missing: run 'bash scripts/setup.sh' first`)
  }
  return {
    VIRTUAL_ENV: VENV,
    PATH: [join(VENV, 'bin'), pathWithoutVenvs()].join(delimiter),
    CARGO_TARGET_DIR: CARGO_TARGET,
    RUNNER_TOOL_CACHE: TOOL_CACHE
  }
}

/** Environment of an action run on the machine's interpreter, no virtual environment. */
export function systemPythonEnv(): Record<string, string | undefined> {
  return {
    VIRTUAL_ENV: undefined,
    PATH: pathWithoutVenvs(),
    CARGO_TARGET_DIR: CARGO_TARGET,
    RUNNER_TOOL_CACHE: TOOL_CACHE
  }
}

/** The directory the action kept this run's working files in (raw reports, coverage data), as it logs it. */
export function workDirOf(result: { stdout: string }): string {
  const logged = /^Working files of this run: (.+)$/m.exec(result.stdout)?.[1]
  if (!logged) throw new Error('the action did not log its working directory')
  return logged.trim()
}

/**
 * Runs the machine's interpreter as the action finds it without a virtual environment
 * (`python` on PATH with no virtual environment on it), in a directory outside any project.
 */
export function machinePython(args: string[]): string {
  const env: Record<string, string | undefined> = { ...process.env, ...systemPythonEnv() }
  delete env.VIRTUAL_ENV
  return execFileSync('python', args, { env, cwd: tmpdir(), encoding: 'utf8' })
}
