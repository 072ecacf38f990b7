import type { ToolInstaller } from '../install/python-tools.js'
import type { PythonInfo } from '../phases/python.js'

/** A phase that makes the environment before the interpreter is looked for (uv sync). */
export interface PreparePhase {
  /** The log group's name. */
  name: string
  run(env: NodeJS.ProcessEnv, cwd: string): Promise<void>
}

/** The default (`auto`) extension build of an environment, run with the build environment. */
export interface DefaultBuild {
  argv: string[]
  /** Said when it fails. */
  hint: string
}

export interface PythonEnvironment {
  /** For the log: ', virtual environment', ', uv project', or ''. */
  readonly label: string
  /** Something to do before the interpreter can be found, if anything. */
  readonly prepare?: PreparePhase
  /** Interpreter commands to try, in order; the first that answers is used. */
  readonly candidates: readonly (readonly string[])[]
  /** How tools are installed into it and what to tell a user who must do it. */
  readonly installer: ToolInstaller
  /** The extension build for python-build-command: auto. */
  defaultBuild(python: PythonInfo, projectDir: string): DefaultBuild
  /** The test command's environment, from the instrumented one with the action's additions. */
  testEnv(env: NodeJS.ProcessEnv, python: PythonInfo): NodeJS.ProcessEnv
}
