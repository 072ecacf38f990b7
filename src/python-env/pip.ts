/**
 * Environments whose interpreter is found on PATH or in an active virtual environment, with
 * tools installed by pip through the interpreter itself.
 */
import { quoteForDisplay } from '../errors.js'
import type { MissingTool, PythonToolsProbe, ToolInstaller } from '../install/python-tools.js'
import type { PythonInfo } from '../phases/python.js'
import { join } from 'node:path'
import type { DefaultBuild, PythonEnvironment } from './types.js'

export const PIP_INSTALLER: ToolInstaller = {
  buildsWithPip: true,
  installArgv(probe: PythonToolsProbe, missing: readonly MissingTool[]): string[] {
    const requirements = missing.filter((tool) => tool.name !== 'pip').map((t) => t.requirement)
    return [
      ...probe.command,
      '-m',
      'pip',
      'install',
      '--disable-pip-version-check',
      ...requirements
    ]
  },
  ensurepipArgv(probe: PythonToolsProbe): string[] | undefined {
    // An interpreter without pip (a venv made by uv, or with --without-pip) has ensurepip.
    return probe.pip ? undefined : [...probe.command, '-m', 'ensurepip', '--upgrade']
  },
  fixCommand(probe: PythonToolsProbe, missing: readonly MissingTool[]): string {
    const shown = (argv: string[]) => argv.map(quoteForDisplay).join(' ')
    const ensurepip = this.ensurepipArgv(probe)
    const install = shown(this.installArgv(probe, missing))
    return ensurepip ? `${shown(ensurepip)} && ${install}` : install
  }
}

/** An interpreter on PATH, or the one the `python` input names. */
export class PlainInterpreter implements PythonEnvironment {
  readonly label: string = ''
  readonly installer = PIP_INSTALLER

  protected constructor(readonly candidates: readonly (readonly string[])[]) {}

  /** The `python` input's command (split on blanks: `python3.12 -X dev` works). */
  static named(command: string): PlainInterpreter {
    return new PlainInterpreter([command.split(/\s+/).filter(Boolean)])
  }

  static onPath(): PlainInterpreter {
    return new PlainInterpreter([['python'], ['python3']])
  }

  /**
   * Editable, through maturin's PEP 517 backend, in the debug profile (the build environment
   * sets MATURIN_PEP517_ARGS). `pip install -e .` alone builds release, which `cargo llvm-cov
   * report` never finds: a silent 0%.
   */
  defaultBuild(python: PythonInfo, projectDir: string): DefaultBuild {
    const pip = [...python.command, '-m', 'pip', 'install', '--disable-pip-version-check']
    return {
      argv: [...pip, '--no-build-isolation', '-e', projectDir],
      hint: 'the extension did not build; the default build needs maturin and pip in the test interpreter'
    }
  }

  testEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    return env
  }
}

/** The virtual environment a workflow activated (VIRTUAL_ENV): its interpreter first. */
export class ActiveVirtualenv extends PlainInterpreter {
  override readonly label: string = ''

  constructor(readonly directory: string) {
    const bin = process.platform === 'win32' ? 'Scripts' : 'bin'
    super([[join(directory, bin, 'python')], ['python'], ['python3']])
  }
}
