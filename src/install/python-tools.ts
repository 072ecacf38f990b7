/**
 * The Python packages the run needs in the test interpreter, checked against the probe of that
 * interpreter (src/python/mc_coverage.py probe): coverage >= 7.10.4 always; pytest when the test
 * command runs pytest; maturin (and pip) when the default pip build runs.
 *
 * coverage.py is the action's own instrument, as cargo-llvm-cov is: when it is missing (or too
 * old) the action brings it, pinned to the version it is tested with, and says so. The
 * project's own tools (pytest, maturin, pip) are the project's to choose: a missing one is an
 * error that names the exact command, or is installed when install-python-tools allows it. Both
 * go in through the environment's ToolInstaller (pip, or `uv pip` into a uv project's .venv).
 *
 * pytest-cov is not needed: the action starts coverage.py in every Python process itself. When
 * it is installed, the tests run with --no-cov so that it does not start a second tracer.
 */
import { exec } from '../exec.js'
import { atLeast } from './versions.js'

/** The fields of phases/python.ts PythonInfo this module reads (a PythonInfo fits). */
export interface PythonToolsProbe {
  command: string[]
  executable: string
  /** The interpreter's version (3.12.4): which coverage.py to bring. */
  version: string
  coverage: string | null
  pytest: string | null
  /** Only read to pass --no-cov (phases/python.ts testEnv); never required. */
  pytestCov: string | null
  maturin: string | null
  pip: string | null
}

export interface PythonToolNeeds {
  pytest: boolean
  /** The default build through pip: maturin and pip in the interpreter itself. */
  pipBuild: boolean
}

export interface MissingTool {
  name: string
  /** What to install, as pip and uv accept it. */
  requirement: string
  found: string | null
}

/**
 * 7.10.0 has no CoverageConfig.serialize (COVERAGE_PROCESS_CONFIG); before 7.10.4,
 * Coverage(config_file=':data:…') is read as a file name ("Couldn't read ':data:…' as a config
 * file"). Python 3.9 gets no coverage.py after 7.10.x, so the patch level matters.
 */
export const MIN_COVERAGE = '7.10.4'

/**
 * The coverage.py the action brings when the test interpreter has none it can use: the version
 * its tests run with, and on Python 3.9 the last release for 3.9.
 */
export function pinnedCoverage(pythonVersion: string): string {
  const [major = 0, minor = 0] = pythonVersion.split('.').map(Number)
  return major === 3 && minor < 10 ? 'coverage==7.10.7' : 'coverage==7.17.3'
}

/**
 * How packages get into one kind of Python environment (python-env/): pip through the
 * interpreter, or uv into a uv project's environment.
 */
export interface ToolInstaller {
  /** The default build runs pip in the interpreter (so it needs maturin and pip there). */
  readonly buildsWithPip: boolean
  /** The install command this action would run. */
  installArgv(probe: PythonToolsProbe, missing: readonly MissingTool[]): string[]
  /** pip for an interpreter without it (from its own ensurepip); undefined when not needed. */
  ensurepipArgv(probe: PythonToolsProbe): string[] | undefined
  /** What a user should run (or add to the project) to fix it for good. */
  fixCommand(probe: PythonToolsProbe, missing: readonly MissingTool[]): string
}

/** What the configured commands need; a uv build gets maturin from build isolation. */
export function pythonToolNeeds(
  commands: { pythonTestCommand: string; pythonBuildCommand: string },
  installer: Pick<ToolInstaller, 'buildsWithPip'>
): PythonToolNeeds {
  return {
    pytest: /(^|[\s/])(py\.test|pytest)(\s|$)/.test(commands.pythonTestCommand),
    pipBuild: commands.pythonBuildCommand === 'auto' && installer.buildsWithPip
  }
}

export function missingPythonTools(probe: PythonToolsProbe, needs: PythonToolNeeds): MissingTool[] {
  const missing: MissingTool[] = []
  if (!probe.coverage || !atLeast(probe.coverage, MIN_COVERAGE)) {
    missing.push({
      name: 'coverage',
      requirement: `coverage>=${MIN_COVERAGE}`,
      found: probe.coverage
    })
  }
  if (needs.pytest && !probe.pytest)
    missing.push({ name: 'pytest', requirement: 'pytest', found: null })
  if (needs.pipBuild && !probe.maturin) {
    missing.push({ name: 'maturin', requirement: 'maturin>=1,<2', found: null })
  }
  if (needs.pipBuild && !probe.pip) missing.push({ name: 'pip', requirement: 'pip', found: null })
  return missing
}

export { atLeast } from './versions.js'

export class MissingPythonToolsError extends Error {
  constructor(
    readonly missing: readonly MissingTool[],
    readonly fix: string,
    interpreter: string
  ) {
    const listed = missing
      .map((tool) =>
        tool.found ? `${tool.name} ${tool.found} (need ${tool.requirement})` : tool.name
      )
      .join(', ')
    super(
      `Missing in ${interpreter}: ${listed}. Install with:\n  ${fix}\nor set the install-python-tools input to true to let this step install them.`
    )
    this.name = 'MissingPythonToolsError'
  }
}

export interface EnsurePythonToolsOptions<P extends PythonToolsProbe> {
  /** The install-python-tools input: may the project's own tools be installed? */
  install: boolean
  installer: ToolInstaller
  env?: NodeJS.ProcessEnv
  cwd?: string
  /** Probes the interpreter again after an install (phases/python.ts findPython). */
  reprobe: () => Promise<P>
  /** Told what is installed, and why. */
  log?: (line: string) => void
}

/** What to install now, and what is missing but may not be installed (the project's tools). */
export function installPlan(
  probe: PythonToolsProbe,
  missing: readonly MissingTool[],
  installProjectTools: boolean
): { install: MissingTool[]; refused: MissingTool[] } {
  const instrument = missing
    .filter((tool) => tool.name === 'coverage')
    .map((tool) => ({ ...tool, requirement: pinnedCoverage(probe.version) }))
  const project = missing.filter((tool) => tool.name !== 'coverage')
  return installProjectTools
    ? { install: [...instrument, ...project], refused: [] }
    : { install: instrument, refused: project }
}

/**
 * Returns the probe to go on with: the given one when nothing is missing, a fresh one after an
 * install. Throws MissingPythonToolsError when a project tool is missing and may not be
 * installed (before installing anything), or when an install left something missing.
 */
export async function ensurePythonTools<P extends PythonToolsProbe>(
  probe: P,
  needs: PythonToolNeeds,
  options: EnsurePythonToolsOptions<P>
): Promise<P> {
  const missing = missingPythonTools(probe, needs)
  if (missing.length === 0) return probe
  const { installer } = options
  const plan = installPlan(probe, missing, options.install)
  if (plan.refused.length > 0) {
    const fix = installer.fixCommand(probe, plan.refused)
    throw new MissingPythonToolsError(plan.refused, fix, probe.executable)
  }
  for (const tool of plan.install) options.log?.(installReason(tool, probe.executable))
  const hint = `could not install ${plan.install.map((tool) => tool.name).join(', ')} into ${probe.executable}`
  const run = { env: options.env, cwd: options.cwd, timeoutMs: 10 * 60_000, hint }
  const ensurepip = installer.ensurepipArgv(probe)
  if (ensurepip) await exec(ensurepip, run)
  if (plan.install.some((tool) => tool.name !== 'pip')) {
    await exec(installer.installArgv(probe, plan.install), run)
  }
  const after = await options.reprobe()
  const still = missingPythonTools(after, needs)
  if (still.length > 0) {
    throw new MissingPythonToolsError(still, installer.fixCommand(after, still), after.executable)
  }
  return after
}

function installReason(tool: MissingTool, executable: string): string {
  const was = tool.found ? `${tool.name} ${tool.found} is too old` : `${tool.name} is missing`
  if (tool.name === 'coverage') {
    return `${was} in ${executable}: installing ${tool.requirement}, the version this action is tested with (coverage.py is the action's instrument, as cargo-llvm-cov is).`
  }
  return `${was} in ${executable}: installing ${tool.requirement} (install-python-tools is true).`
}
