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
import { pythonTestsEnv, type PerTestDirs } from '../per-test/env.js'
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
  /** What each coverage.py context ran (per-test: true). */
  contextsPath?: string
  /** The error that stopped the Python phases after measuring began. */
  failure?: Error
}

/** What every Python phase works with. */
interface PythonRun {
  config: Config
  timeline: Timeline
  ienv: InstrumentedEnv
  /** The Python project: the build, the configuration and the tests run here. */
  dir: string
  workDir: string
  /** coverage.py's data and scratch files. */
  pyDir: string
  /** Where the pytest plugin writes (per-test: true). */
  perTest?: PerTestDirs
}

export async function measurePython(
  config: Config,
  timeline: Timeline,
  ienv: InstrumentedEnv,
  dirs: { dir: string; workDir: string; perTest?: PerTestDirs }
): Promise<PythonMeasurement> {
  const run = { config, timeline, ienv, ...dirs, pyDir: join(dirs.workDir, 'python') }
  const found: PythonMeasurement = {}
  try {
    await measureInto(found, run)
  } catch (error) {
    found.failure = error instanceof Error ? error : new Error(String(error))
  }
  return found
}

async function measureInto(found: PythonMeasurement, run: PythonRun): Promise<void> {
  const { config, timeline, ienv, dir } = run
  const choice = await choosePythonEnvironment(config, dir)
  if (choice.notice) core.notice(choice.notice)
  const environment = choice.environment
  const interpreter = await pythonForTests(run, environment)
  found.version = interpreter.version
  const buildStartedAt = Date.now()
  if (config.pythonBuildCommand) {
    await timeline.phase('Build the extension (debug profile, instrumented)', () =>
      python.buildExtension(config.pythonBuildCommand, interpreter, ienv, dir, environment)
    )
  }
  mkdirSync(run.pyDir, { recursive: true })
  const setup = await timeline.phase('coverage.py configuration', () =>
    coverageConfiguration(run, interpreter)
  )
  const before = new Set(listProfiles(ienv.targetDir))
  const baseEnv = python.testEnv(ienv, interpreter, setup, config.pythonSubprocessCoverage)
  const perTestEnv = run.perTest ? pythonTestsEnv(baseEnv, run.perTest) : baseEnv
  const testEnv = environment.testEnv(perTestEnv, interpreter)
  found.testsExit = await timeline.phase('Python tests', () =>
    python.runPythonTests(config.pythonTestCommand, testEnv, dir)
  )
  const newProfiles = listProfiles(ienv.targetDir).filter((path) => !before.has(path)).length
  // Only a missing profile needs explaining; the inspection never adds one of its own.
  if (newProfiles === 0) {
    found.diagnosis = await timeline.phase('Diagnosis: no profile came from the extension', () =>
      diagnose(run, interpreter, setup, buildStartedAt)
    )
  }
  Object.assign(found, await exportReports(run, interpreter, setup))
  if (run.perTest && found.report) {
    found.contextsPath = await timeline.phase('Python per-test contexts', () =>
      exportContexts(run, interpreter, setup)
    )
  }
}

async function exportContexts(
  run: PythonRun,
  interpreter: python.PythonInfo,
  setup: python.CoverageSetup
): Promise<string> {
  const path = join(run.workDir, 'python-contexts.json')
  const dirs = { cwd: run.dir, workDir: run.pyDir }
  const { contexts } = await python.exportContexts(interpreter, setup, dirs, path)
  core.info(`coverage.py recorded ${contexts} context(s), the empty one (outside tests) included`)
  return path
}

/** The user's coverage.py configuration with the action's layered on top, and what to say about it. */
async function coverageConfiguration(
  run: PythonRun,
  interpreter: python.PythonInfo
): Promise<python.CoverageSetup> {
  const { config } = run
  const setup = await python.coverageSetup(interpreter, run.dir, run.pyDir, {
    source: config.pythonSource,
    subprocess: config.pythonSubprocessCoverage,
    perTest: config.perTest
  })
  if (config.perTest) {
    core.info(
      `Per test: coverage.py's dynamic_context = ${setup.dynamicContext ?? 'none'}` +
        (setup.staticContext ? `, static context ${setup.staticContext}` : '')
    )
  }
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
  run: PythonRun,
  environment: PythonEnvironment
): Promise<python.PythonInfo> {
  const { config, timeline, ienv } = run
  const cwd = run.dir
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
        reprobe: find,
        log: (line) => core.info(line)
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
  run: PythonRun,
  interpreter: python.PythonInfo,
  setup: python.CoverageSetup,
  buildStartedAt: number
): Promise<string | undefined> {
  const { config, ienv } = run
  const dirs = { cwd: run.dir, workDir: run.pyDir }
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
    buildStartedAt: config.pythonBuildCommand ? buildStartedAt : undefined
  })
  if (diagnosis) warning(diagnosis)
  return diagnosis
}

/** coverage.py's combined JSON (and HTML, except in a shard), when it measured any file. */
async function exportReports(
  run: PythonRun,
  interpreter: python.PythonInfo,
  setup: python.CoverageSetup
): Promise<Pick<PythonMeasurement, 'report' | 'htmlDir'>> {
  const { config, workDir } = run
  const json = join(workDir, 'python-coverage.json')
  const html = config.mode !== 'collect' ? join(workDir, 'html', 'python') : undefined
  const helperDirs = { cwd: run.dir, workDir: run.pyDir }
  const report = await run.timeline.phase('Python report (coverage combine, coverage json)', () =>
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
  return { report: toolReport(config.workspace, 'python', json, run.dir), htmlDir: html }
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
