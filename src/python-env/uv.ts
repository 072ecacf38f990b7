/**
 * A uv project (uv.lock in the working directory or above): the Python phases run in the
 * project's own environment, made from the lock file (see install/uv.ts for the commands).
 */
import type { MissingTool, PythonToolsProbe, ToolInstaller } from '../install/python-tools.js'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { quoteForDisplay } from '../errors.js'
import {
  prepareUvProject,
  projectName,
  uvBuildArgv,
  uvPythonCommand,
  uvTestEnv,
  type UvProject
} from '../install/uv.js'
import type { PythonInfo } from '../phases/python.js'
import { ActiveVirtualenv } from './pip.js'
import type { DefaultBuild, PreparePhase, PythonEnvironment } from './types.js'

/** `uv pip install` into the environment of `probe`'s interpreter (which needs no pip). */
function uvPipInstallArgv(probe: PythonToolsProbe, missing: readonly MissingTool[]): string[] {
  const requirements = missing.filter((tool) => tool.name !== 'pip').map((t) => t.requirement)
  return ['uv', 'pip', 'install', '--python', probe.executable, ...requirements]
}

/** Tools go into a virtual environment uv made with `uv pip`, as its users install them. */
export const UV_PIP_INSTALLER: ToolInstaller = {
  buildsWithPip: false,
  installArgv: uvPipInstallArgv,
  ensurepipArgv: () => undefined,
  fixCommand(probe: PythonToolsProbe, missing: readonly MissingTool[]): string {
    return uvPipInstallArgv(probe, missing).map(quoteForDisplay).join(' ')
  }
}

/** Tools go into the project's environment with `uv pip`; users add them as dev dependencies. */
export function uvInstaller(_project: UvProject): ToolInstaller {
  return {
    ...UV_PIP_INSTALLER,
    fixCommand(_probe: PythonToolsProbe, missing: readonly MissingTool[]): string {
      return `uv add --dev ${missing.map((tool) => quoteForDisplay(tool.requirement)).join(' ')}`
    }
  }
}

/**
 * A virtual environment uv made (`uv venv`; its pyvenv.cfg says `uv = <version>`) that the
 * workflow activated, with no uv project: it has no pip unless seeded, so the tools and the
 * default build go into it through `uv pip`, as the workflow's own installs did.
 */
export class UvVirtualenv extends ActiveVirtualenv {
  override readonly label = ' made by uv'
  override readonly installer = UV_PIP_INSTALLER

  /** Whether uv made the virtual environment in `directory`. */
  static madeByUv(directory: string): boolean {
    try {
      return /^uv\s*=/m.test(readFileSync(join(directory, 'pyvenv.cfg'), 'utf8'))
    } catch {
      return false
    }
  }

  /**
   * An editable build through maturin's PEP 517 backend, in the debug profile (buildEnv); the
   * project is reinstalled by name, so that an earlier install is never reused as it is.
   */
  override defaultBuild(python: PythonInfo, projectDir: string): DefaultBuild {
    const install = ['uv', 'pip', 'install', '--python', python.executable]
    const name = projectName(projectDir)
    const reinstall = name ? ['--reinstall-package', name] : ['--reinstall']
    return {
      argv: [...install, ...reinstall, '--no-build-isolation', '-e', projectDir],
      hint: 'the extension did not build; the default build needs maturin in the virtual environment (uv pip install maturin)'
    }
  }
}

export class UvEnvironment implements PythonEnvironment {
  readonly label = ', uv project'
  readonly installer: ToolInstaller
  readonly candidates: readonly (readonly string[])[]
  readonly prepare: PreparePhase

  /** `syncArgs`: the dependency groups (or the user's own uv sync arguments) to sync. */
  constructor(
    readonly project: UvProject,
    readonly syncArgs: readonly string[]
  ) {
    this.installer = uvInstaller(project)
    this.candidates = [uvPythonCommand(project)]
    const groups = syncArgs.length > 0 ? ` ${syncArgs.join(' ')}` : ''
    this.prepare = {
      name: `Python environment from ${project.lockfile} (uv sync${groups})`,
      run: (env, cwd) => prepareUvProject(project, syncArgs, env, cwd)
    }
  }

  /** An editable build through maturin's PEP 517 backend, in the debug profile (buildEnv). */
  defaultBuild(): DefaultBuild {
    return {
      argv: uvBuildArgv(this.project, this.syncArgs),
      hint: `the extension did not build; 'uv sync' needs ${this.project.lockfile} to be up to date ('uv lock')`
    }
  }

  testEnv(env: NodeJS.ProcessEnv, python: PythonInfo): NodeJS.ProcessEnv {
    return uvTestEnv(env, python.scriptsDir)
  }
}
