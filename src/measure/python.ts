/**
 * The Python half of measuring, in the environment chosen for the run (python-env/): the
 * interpreter and its tools, the instrumented extension build, the tests under coverage.py,
 * the diagnosis of a missing extension profile, and coverage.py's combined JSON and HTML.
 */
import * as core from '@actions/core'
import { mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Config } from '../config.js'
import { diagnoseMissingExtensionProfiles } from '../diagnosis.js'
import { ensurePythonTools, pythonToolNeeds } from '../install/index.js'
import { toolReport, type ToolReport } from '../measurement.js'
import type { InstrumentedEnv } from '../phases/env.js'
import * as python from '../phases/python.js'
import { listProfiles } from '../phases/rust.js'
import { choosePythonEnvironment, type PythonEnvironment } from '../python-env/index.js'
import type { Timeline } from '../timeline.js'
import { warning } from '../warnings.js'

/** What the Python phases found out; as far as they got when `failure` is set. */
export interface PythonMeasurement {
  version?: string
  testsExit?: number
  report?: ToolReport
  htmlDir?: string
  diagnosis?: string
  /** The error that stopped the Python phases after measuring began. */
  failure?: Error
}

export async function measurePython(
  config: Config,
  timeline: Timeline,
  ienv: InstrumentedEnv,
  workDir: string
): Promise<PythonMeasurement> {
  const found: PythonMeasurement = {}
  try {
    await measureInto(found, config, timeline, ienv, workDir)
  } catch (error) {
    found.failure = error instanceof Error ? error : new Error(String(error))
  }
  return found
}

async function measureInto(
  found: PythonMeasurement,
  config: Config,
  timeline: Timeline,
  ienv: InstrumentedEnv,
  workDir: string
): Promise<void> {
  const cwd = config.workingDirectory
  const environment = choosePythonEnvironment(config)
  const interpreter = await pythonForTests(config, environment, timeline, ienv)
  found.version = interpreter.version
  const buildStartedAt = Date.now()
  if (config.pythonBuildCommand) {
    await timeline.phase('Build the extension (debug profile, instrumented)', () =>
      python.buildExtension(config.pythonBuildCommand, interpreter, ienv, cwd, environment)
    )
  }
  const pyDir = join(workDir, 'python')
  mkdirSync(pyDir, { recursive: true })
  const setup = await timeline.phase('coverage.py configuration', () =>
    coverageConfiguration(config, interpreter, pyDir)
  )
  const before = new Set(listProfiles(ienv.targetDir))
  const baseEnv = python.testEnv(ienv, interpreter, setup, config.pythonSubprocessCoverage)
  const testEnv = environment.testEnv(baseEnv, interpreter)
  found.testsExit = await timeline.phase('Python tests', () =>
    python.runPythonTests(config.pythonTestCommand, testEnv, cwd)
  )
  const newProfiles = listProfiles(ienv.targetDir).filter((path) => !before.has(path)).length
  // Only a missing profile needs explaining; the inspection never adds one of its own.
  if (newProfiles === 0) {
    found.diagnosis = await timeline.phase('Diagnosis: no profile came from the extension', () =>
      diagnose(config, ienv, interpreter, setup, { pyDir, buildStartedAt })
    )
  }
  Object.assign(
    found,
    await exportReports(config, timeline, interpreter, setup, { pyDir, workDir })
  )
}

/** The user's coverage.py configuration with the action's layered on top, and what to say about it. */
async function coverageConfiguration(
  config: Config,
  interpreter: python.PythonInfo,
  pyDir: string
): Promise<python.CoverageSetup> {
  const setup = await python.coverageSetup(interpreter, config.workingDirectory, pyDir, {
    source: config.pythonSource,
    subprocess: config.pythonSubprocessCoverage
  })
  core.info(
    `coverage.py measures ${setup.source.join(', ') || 'what your configuration says'} (from ${setup.sourceOrigin}); config files read: ${setup.configFilesRead.join(', ') || 'none'}`
  )
  if (setup.rcfile) {
    core.info(
      `Settings for a \`coverage run\` in the test command: ${setup.rcfile} (COVERAGE_RCFILE)`
    )
  }
  for (const text of setup.warnings) warning(`coverage.py: ${text}`)
  for (const text of coverageRunWarnings(config.pythonTestCommand, setup)) warning(text)
  return setup
}

/**
 * The test interpreter of the environment with its tools checked (installed when
 * install-python-tools allows), after the environment is made when it needs making (uv sync).
 */
async function pythonForTests(
  config: Config,
  environment: PythonEnvironment,
  timeline: Timeline,
  ienv: InstrumentedEnv
): Promise<python.PythonInfo> {
  const cwd = config.workingDirectory
  const prepare = environment.prepare
  if (prepare) await timeline.phase(prepare.name, () => prepare.run(process.env, cwd))
  return timeline.phase('Find the Python interpreter and its tools', async () => {
    const find = () => python.findPython(environment.candidates, cwd, ienv.env)
    const info = await ensurePythonTools(
      await find(),
      pythonToolNeeds(config, environment.installer),
      {
        install: config.installPythonTools,
        installer: environment.installer,
        env: ienv.env,
        cwd,
        reprobe: find
      }
    )
    const where = `${info.inVirtualenv ? ', virtual environment' : ''}${environment.label}`
    core.info(
      `${info.executable} (Python ${info.version}${where}); coverage ${info.coverage ?? 'missing'}, ` +
        `pytest ${info.pytest ?? 'missing'}, maturin ${info.maturin ?? 'missing'}` +
        (info.pytestCov ? `, pytest-cov ${info.pytestCov} (run with --no-cov)` : '')
    )
    return info
  })
}

async function diagnose(
  config: Config,
  ienv: InstrumentedEnv,
  interpreter: python.PythonInfo,
  setup: python.CoverageSetup,
  facts: { pyDir: string; buildStartedAt: number }
): Promise<string | undefined> {
  const dirs = { cwd: config.workingDirectory, workDir: facts.pyDir }
  const extension = setup.extensionModule
    ? await python
        .inspectExtension(interpreter, setup.extensionModule, dirs, ienv.env)
        .catch((error: Error) => {
          core.info(`The extension could not be inspected: ${error.message}`)
          return undefined
        })
    : undefined
  const diagnosis = diagnoseMissingExtensionProfiles({
    newProfiles: 0,
    extension,
    targetDir: ienv.targetDir,
    builtLibraries: sharedLibraries(join(ienv.targetDir, 'debug')),
    buildStartedAt: config.pythonBuildCommand ? facts.buildStartedAt : undefined
  })
  if (diagnosis) warning(diagnosis)
  return diagnosis
}

/** coverage.py's combined JSON (and HTML, except in a shard), when it measured any file. */
async function exportReports(
  config: Config,
  timeline: Timeline,
  interpreter: python.PythonInfo,
  setup: python.CoverageSetup,
  dirs: { pyDir: string; workDir: string }
): Promise<Pick<PythonMeasurement, 'report' | 'htmlDir'>> {
  const json = join(dirs.workDir, 'python-coverage.json')
  const html = config.mode !== 'collect' ? join(dirs.workDir, 'html', 'python') : undefined
  const helperDirs = { cwd: config.workingDirectory, workDir: dirs.pyDir }
  const report = await timeline.phase('Python report (coverage combine, coverage json)', () =>
    python.exportPythonReport(interpreter, setup, helperDirs, json, html)
  )
  core.info(
    `coverage.py combined ${report.dataFiles} data file(s); ${report.measuredFiles} file(s) measured`
  )
  for (const skipped of report.skipped) {
    warning(`coverage.py could not combine a data file, left out: ${skipped}`)
  }
  if (report.measuredFiles === 0) {
    warning(
      'coverage.py measured no Python file: check python-source and that the tests import the package from the source tree.'
    )
    return {}
  }
  return { report: toolReport(config, 'python', json), htmlDir: html }
}

const COVERAGE_RUN = /(^|[\s;&|(/])coverage\s+run(\s|$)/

/**
 * What to tell about a `coverage run` (or `python -m coverage run`) in the test command. With
 * the action's configuration file in COVERAGE_RCFILE it measures into the action's data;
 * options that choose another file, data file or measurement still defeat that.
 */
export function coverageRunWarnings(command: string, setup: python.CoverageSetup): string[] {
  if (!COVERAGE_RUN.test(command)) return []
  const instead =
    'Write the test command without it (`pytest` or `python -m pytest`): the action measures every Python process itself.'
  if (!setup.rcfile) {
    return [
      `python-test-command runs \`coverage run\`, which measures with its own settings into its own data file and pauses the action's measurement of that process; the action could not hand it its settings (${setup.rcfileProblem ?? 'no configuration file'}), so the Python coverage of that process is missing. ${instead}`
    ]
  }
  const defeating = [
    /\s--rcfile[=\s]/.test(command) ? '--rcfile (reads another configuration)' : '',
    /\s--data-file[=\s]/.test(command) ? '--data-file (writes elsewhere)' : '',
    !setup.branch && /\s--branch(\s|$)/.test(command)
      ? '--branch (its branch data cannot be combined with the line data of the other processes: set `branch = true` in your coverage.py configuration instead)'
      : ''
  ].filter(Boolean)
  if (defeating.length === 0) return []
  return [
    `python-test-command runs \`coverage run\` with ${defeating.join(', ')}: the action's report may miss what that process ran. ${instead}`
  ]
}

function sharedLibraries(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => /\.(so|dylib|dll|pyd)$/.test(name))
  } catch {
    return []
  }
}
