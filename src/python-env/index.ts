/**
 * The Python environment the Python phases run in, chosen once per run: one interface, one
 * implementation per kind (the shape of setup-python's package managers). Everything that
 * differs between kinds lives behind it: where the interpreter is, how tools are installed
 * into it, how the extension is built by default, and what the test command's environment is.
 */
import { resolve } from 'node:path'
import type { Config } from '../config.js'
import { detectUvProject, uvSyncArgs, uvVersion } from '../install/uv.js'
import { ActiveVirtualenv, PlainInterpreter } from './pip.js'
import type { PythonEnvironment } from './types.js'
import { UvEnvironment, UvVirtualenv } from './uv.js'

export type { PythonEnvironment, DefaultBuild, PreparePhase } from './types.js'
export { PIP_INSTALLER } from './pip.js'
export { uvInstaller } from './uv.js'

export interface EnvironmentChoice {
  environment: PythonEnvironment
  /** Why an environment the project also offers was not taken, for a notice. */
  notice?: string
}

/**
 * With `python: auto`, in this order:
 *  - a uv project (uv.lock in `dir` or above) with uv installed runs in its own .venv, unless
 *    another virtual environment is active: a workflow that activated one chose it;
 *  - a uv.lock with no uv installed means the workflow does not use uv: the interpreter, said;
 *  - otherwise the active virtual environment (through `uv pip` when uv made it and is
 *    installed), then `python`, then `python3`.
 * A `python` input names the interpreter itself.
 */
export async function choosePythonEnvironment(
  config: Pick<Config, 'python' | 'workspace' | 'uvSyncArgs'>,
  dir: string,
  env: NodeJS.ProcessEnv = process.env
): Promise<EnvironmentChoice> {
  if (config.python !== 'auto') return { environment: PlainInterpreter.named(config.python) }
  const active = env.VIRTUAL_ENV ? await activeVirtualenv(env.VIRTUAL_ENV, env) : undefined
  const fallback = active ?? PlainInterpreter.onPath()
  const where = active ? `the active virtual environment ${active.directory}` : 'python on PATH'
  const uv = detectUvProject(dir, config.workspace)
  if (!uv) return { environment: fallback }
  if (!(await uvVersion(env))) {
    return {
      environment: fallback,
      notice: `${uv.lockfile} is there, but uv is not installed: this workflow does not use uv, so the Python phases run in ${where}. To run them in the locked environment, add astral-sh/setup-uv before this step.`
    }
  }
  const own = resolve(env.UV_PROJECT_ENVIRONMENT ?? resolve(uv.root, '.venv'))
  if (active && resolve(uv.root, active.directory) !== own) {
    return {
      environment: active,
      notice: `A virtual environment is active (${active.directory}): the Python phases run in it, not in ${own} from ${uv.lockfile}.`
    }
  }
  return { environment: new UvEnvironment(uv, uvSyncArgs(uv, config.uvSyncArgs)) }
}

async function activeVirtualenv(
  directory: string,
  env: NodeJS.ProcessEnv
): Promise<ActiveVirtualenv> {
  if (UvVirtualenv.madeByUv(directory) && (await uvVersion(env))) return new UvVirtualenv(directory)
  return new ActiveVirtualenv(directory)
}
