/**
 * The Python environment the Python phases run in, chosen once per run: one interface, one
 * implementation per kind (the shape of setup-python's package managers). Everything that
 * differs between kinds lives behind it: where the interpreter is, how tools are installed
 * into it, how the extension is built by default, and what the test command's environment is.
 */
import type { Config } from '../config.js'
import { detectUvProject } from '../install/uv.js'
import { ActiveVirtualenv, PlainInterpreter } from './pip.js'
import type { PythonEnvironment } from './types.js'
import { UvEnvironment } from './uv.js'

export type { PythonEnvironment, DefaultBuild, PreparePhase } from './types.js'
export { PIP_INSTALLER } from './pip.js'
export { uvInstaller } from './uv.js'

/**
 * The `python` input names an interpreter: that one. With `auto`, a uv project (uv.lock in the
 * working directory or above) runs in its own environment; otherwise an active virtual
 * environment, then `python`, then `python3`.
 */
export function choosePythonEnvironment(
  config: Pick<Config, 'python' | 'workingDirectory' | 'workspace'>,
  env: NodeJS.ProcessEnv = process.env
): PythonEnvironment {
  if (config.python !== 'auto') return PlainInterpreter.named(config.python)
  const uv = detectUvProject(config.workingDirectory, config.workspace)
  if (uv) return new UvEnvironment(uv)
  if (env.VIRTUAL_ENV) return new ActiveVirtualenv(env.VIRTUAL_ENV)
  return PlainInterpreter.onPath()
}
