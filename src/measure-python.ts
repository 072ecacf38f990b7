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
  const setup = await python.coverageSetup(interpreter, cwd, pyDir, {
    source: config.pythonSource,
    subprocess: config.pythonSubprocessCoverage
  })
  core.info(
    `coverage.py measures ${setup.source.join(', ') || 'what your configuration says'} (from ${setup.sourceOrigin}); config files read: ${setup.configFilesRead.join(', ') || 'none'}`
  )
  for (const text of setup.warnings) warning(`coverage.py: ${text}`)
  const before = new Set(listProfiles(ienv.targetDir))
  const baseEnv = python.testEnv(ienv, interpreter, setup, config.pythonSubprocessCoverage)
  const testEnv = uv ? uvTestEnv(baseEnv, interpreter.scriptsDir) : baseEnv
  result.pythonTestsExit = await timeline.phase('Python tests', () =>
    python.runPythonTests(config.pythonTestCommand, testEnv, cwd)
  )
  const newProfiles = listProfiles(ienv.targetDir).filter((path) => !before.has(path)).length
  await diagnose(config, ienv, interpreter, setup, { newProfiles, buildStartedAt }, result)
  await exportReports(
    timeline,
    interpreter,
    setup,
    { cwd, html: config.mode !== 'collect' },
    result
  )
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
          `pytest ${info.pytest ?? 'missing'}, pytest-cov ${info.pytestCov ?? 'missing'}, maturin ${info.maturin ?? 'missing'}`
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
  facts: { newProfiles: number; buildStartedAt: number },
  result: Measurement
): Promise<void> {
  const extension = setup.extensionModule
    ? await python
        .inspectExtension(interpreter, setup.extensionModule, config.workingDirectory, ienv.env)
        .catch(() => undefined)
    : undefined
  result.diagnosis = diagnoseMissingExtensionProfiles({
    newProfiles: facts.newProfiles,
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
  options: { cwd: string; html: boolean },
  result: Measurement
): Promise<void> {
  const json = join(result.workDir, 'python-coverage.json')
  const html = options.html ? join(result.workDir, 'html', 'python') : undefined
  const report = await timeline.phase('Python report (coverage combine, coverage json)', () =>
    python.exportPythonReport(interpreter, setup, options.cwd, json, html)
  )
  core.info(
    `coverage.py combined ${report.dataFiles} data file(s); ${report.measuredFiles} file(s) measured`
  )
  if (report.measuredFiles === 0) {
    warning(
      'coverage.py measured no Python file: check python-source and that the tests import the package from the source tree.'
    )
    return
  }
  result.pythonJsonPath = json
  result.pythonHtmlDir = html
}

function sharedLibraries(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => /\.(so|dylib|dll|pyd)$/.test(name))
  } catch {
    return []
  }
}
