/**
 * The Python half of measuring: the test interpreter and its tools (through uv for a uv
 * project), the instrumented extension build, the tests under coverage.py, the diagnosis
 * of a missing extension profile, and coverage.py's combined JSON and HTML reports.
 */
import * as core from '@actions/core'
import { mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Config } from './config.js'
import { diagnoseMissingExtensionProfiles } from './diagnosis.js'
import {
  detectUvProject,
  ensurePythonTools,
  prepareUvProject,
  pythonToolNeeds,
  uvPythonCommand,
  uvTestEnv,
  type UvProject
} from './install/index.js'
import type { InstrumentedEnv } from './phases/env.js'
import * as python from './phases/python.js'
import { listProfiles } from './phases/rust.js'
import type { Measurement } from './pipeline.js'
import type { Timeline } from './timeline.js'
import { warning } from './warnings.js'

export async function measurePython(
  config: Config,
  timeline: Timeline,
  ienv: InstrumentedEnv,
  result: Measurement
): Promise<void> {
  const cwd = config.workingDirectory
  const { interpreter, uv } = await pythonForTests(config, timeline, ienv)
  result.pythonVersion = interpreter.version
  const buildStartedAt = Date.now()
  if (config.pythonBuildCommand) {
    await timeline.phase('Build the extension (debug profile, instrumented)', () =>
      python.buildExtension(config.pythonBuildCommand, interpreter, ienv, cwd, uv)
    )
  }
  const pyDir = join(result.workDir, 'python')
  mkdirSync(pyDir, { recursive: true })
  const setup = await timeline.phase('coverage.py configuration', () =>
    coverageConfiguration(config, interpreter, pyDir)
  )
  const before = new Set(listProfiles(ienv.targetDir))
  const baseEnv = python.testEnv(ienv, interpreter, setup, config.pythonSubprocessCoverage)
  const testEnv = uv ? uvTestEnv(baseEnv, interpreter.scriptsDir) : baseEnv
  result.pythonTestsExit = await timeline.phase('Python tests', () =>
    python.runPythonTests(config.pythonTestCommand, testEnv, cwd)
  )
  const newProfiles = listProfiles(ienv.targetDir).filter((path) => !before.has(path)).length
  // Only a missing profile needs explaining; the inspection never adds one of its own.
  if (newProfiles === 0) {
    await timeline.phase('Diagnosis: no profile came from the extension', () =>
      diagnose(config, ienv, interpreter, setup, { pyDir, buildStartedAt }, result)
    )
  }
  await exportReports(
    timeline,
    interpreter,
    setup,
    { cwd, pyDir, html: config.mode !== 'collect' },
    result
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
 * The test interpreter with its tools checked (installed when install-python-tools allows),
 * in the project's own environment when it is a uv project (uv.lock) and `python` is auto.
 */
async function pythonForTests(
  config: Config,
  timeline: Timeline,
  ienv: InstrumentedEnv
): Promise<{ interpreter: python.PythonInfo; uv: UvProject | undefined }> {
  const cwd = config.workingDirectory
  const uv = config.python === 'auto' ? detectUvProject(cwd, config.workspace) : undefined
  if (uv) {
    await timeline.phase(`Python environment from ${uv.lockfile} (uv sync)`, () =>
      prepareUvProject(uv, process.env, cwd)
    )
  }
  const given = uv ? uvPythonCommand(uv) : config.python
  const interpreter = await timeline.phase(
    'Find the Python interpreter and its tools',
    async () => {
      const found = await python.findPython(given, cwd, ienv.env)
      const info = await ensurePythonTools(found, pythonToolNeeds(config, uv), {
        install: config.installPythonTools,
        uv,
        env: ienv.env,
        cwd,
        reprobe: () => python.findPython(given, cwd, ienv.env)
      })
      const where = `${info.inVirtualenv ? ', virtual environment' : ''}${uv ? ', uv project' : ''}`
      core.info(
        `${info.executable} (Python ${info.version}${where}); coverage ${info.coverage ?? 'missing'}, ` +
          `pytest ${info.pytest ?? 'missing'}, maturin ${info.maturin ?? 'missing'}` +
          (info.pytestCov ? `, pytest-cov ${info.pytestCov} (run with --no-cov)` : '')
      )
      return info
    }
  )
  return { interpreter, uv }
}

async function diagnose(
  config: Config,
  ienv: InstrumentedEnv,
  interpreter: python.PythonInfo,
  setup: python.CoverageSetup,
  facts: { pyDir: string; buildStartedAt: number },
  result: Measurement
): Promise<void> {
  const dirs = { cwd: config.workingDirectory, workDir: facts.pyDir }
  const extension = setup.extensionModule
    ? await python
        .inspectExtension(interpreter, setup.extensionModule, dirs, ienv.env)
        .catch((error: Error) => {
          core.info(`The extension could not be inspected: ${error.message}`)
          return undefined
        })
    : undefined
  result.diagnosis = diagnoseMissingExtensionProfiles({
    newProfiles: 0,
    extension,
    targetDir: ienv.targetDir,
    builtLibraries: sharedLibraries(join(ienv.targetDir, 'debug')),
    buildStartedAt: config.pythonBuildCommand ? facts.buildStartedAt : undefined
  })
  if (result.diagnosis) warning(result.diagnosis)
}

async function exportReports(
  timeline: Timeline,
  interpreter: python.PythonInfo,
  setup: python.CoverageSetup,
  options: { cwd: string; pyDir: string; html: boolean },
  result: Measurement
): Promise<void> {
  const json = join(result.workDir, 'python-coverage.json')
  const html = options.html ? join(result.workDir, 'html', 'python') : undefined
  const dirs = { cwd: options.cwd, workDir: options.pyDir }
  const report = await timeline.phase('Python report (coverage combine, coverage json)', () =>
    python.exportPythonReport(interpreter, setup, dirs, json, html)
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
    return
  }
  result.pythonJsonPath = json
  result.pythonHtmlDir = html
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
