/**
 * The measuring half of a run: tools, instrumented environment, Rust tests, extension
 * build, Python tests, raw reports. A failure after measuring started is recorded, not
 * thrown, so that whatever was measured still reaches the reports.
 */
import * as core from '@actions/core'
import { mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Config } from './config.js'
import { diagnoseMissingExtensionProfiles } from './diagnosis.js'
import { findTools, type Tools } from './install/index.js'
import { instrumentedEnv, type InstrumentedEnv } from './phases/env.js'
import * as python from './phases/python.js'
import {
  cleanWorkspace,
  exportRustHtml,
  exportRustReport,
  listProfiles,
  runRustTests
} from './phases/rust.js'
import type { Timeline } from './timeline.js'

export interface Measurement {
  rustLcovPath?: string
  pythonJsonPath?: string
  /** HTML reports the tools wrote (for the artifact), when they could. */
  rustHtmlDir?: string
  pythonHtmlDir?: string
  /** Exit codes of the test commands; absent when the phase was skipped. */
  rustTestsExit?: number
  pythonTestsExit?: number
  diagnosis?: string
  /** Errors that stopped a phase after measuring began; reported after publishing. */
  failures: Error[]
  workDir: string
}

export async function measure(
  config: Config,
  timeline: Timeline,
  workDir: string
): Promise<Measurement> {
  mkdirSync(workDir, { recursive: true })
  const result: Measurement = { failures: [], workDir }
  const cwd = config.workingDirectory
  const tools = await timeline.phase('Find cargo-llvm-cov and LLVM tools', () => findTools(config))
  const ienv = await timeline.phase(
    'Instrumented environment (cargo llvm-cov show-env)',
    async () => {
      const env = await instrumentedEnv(tools.cargoLlvmCov, tools.llvm, cwd)
      for (const [key, value] of Object.entries(env.variables)) core.info(`${key}=${value}`)
      core.info(`CARGO_TARGET_DIR=${env.targetDir}`)
      return env
    }
  )
  await timeline.phase('Clean old coverage data', () =>
    cleanWorkspace(tools.cargoLlvmCov, ienv, cwd)
  )
  if (config.rustTestCommand) {
    result.rustTestsExit = await timeline.phase('Rust tests', () =>
      runRustTests(config.rustTestCommand, ienv, cwd)
    )
  }
  if (config.pythonTestCommand) {
    await measurePython(config, timeline, ienv, result).catch((error: Error) =>
      result.failures.push(error)
    )
  }
  await exportRust(config, timeline, tools, ienv, result).catch((error: Error) =>
    result.failures.push(error)
  )
  return result
}

async function exportRust(
  config: Config,
  timeline: Timeline,
  tools: Tools,
  ienv: InstrumentedEnv,
  result: Measurement
): Promise<void> {
  if (listProfiles(ienv.targetDir).length === 0) {
    core.warning(
      'No Rust coverage profiles were written: neither the Rust tests nor the Python tests ran instrumented Rust code.'
    )
    return
  }
  const lcov = join(result.workDir, 'rust.lcov')
  await timeline.phase('Rust report (cargo llvm-cov report)', () =>
    exportRustReport(tools.cargoLlvmCov, ienv, config.workingDirectory, lcov)
  )
  result.rustLcovPath = lcov
  const html = join(result.workDir, 'html', 'rust')
  await exportRustHtml(tools.cargoLlvmCov, ienv, config.workingDirectory, html)
    .then(() => (result.rustHtmlDir = html))
    .catch((error: Error) => core.warning(`The Rust HTML report was not written: ${error.message}`))
}

async function measurePython(
  config: Config,
  timeline: Timeline,
  ienv: InstrumentedEnv,
  result: Measurement
): Promise<void> {
  const cwd = config.workingDirectory
  const interpreter = await timeline.phase('Find the Python interpreter', async () => {
    const info = await python.findPython(config.python, cwd, ienv.env)
    core.info(
      `${info.executable} (Python ${info.version}${info.inVirtualenv ? ', virtual environment' : ''}); coverage ${info.coverage ?? 'missing'}, pytest ${info.pytest ?? 'missing'}, maturin ${info.maturin ?? 'missing'}`
    )
    if (!info.coverage)
      throw new Error(
        `coverage.py is not installed in ${info.executable}: run '${info.command.join(' ')} -m pip install "coverage>=7.10"'`
      )
    return info
  })
  const buildStartedAt = Date.now()
  if (config.pythonBuildCommand) {
    await timeline.phase('Build the extension (debug profile, instrumented)', () =>
      python.buildExtension(config.pythonBuildCommand, interpreter, ienv, cwd)
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
  for (const warning of setup.warnings) core.warning(`coverage.py: ${warning}`)
  const before = new Set(listProfiles(ienv.targetDir))
  const testEnv = python.testEnv(ienv, interpreter, setup, config.pythonSubprocessCoverage)
  result.pythonTestsExit = await timeline.phase('Python tests', () =>
    python.runPythonTests(config.pythonTestCommand, testEnv, cwd)
  )
  const newProfiles = listProfiles(ienv.targetDir).filter((path) => !before.has(path)).length
  const extension = setup.extensionModule
    ? await python
        .inspectExtension(interpreter, setup.extensionModule, cwd, ienv.env)
        .catch(() => undefined)
    : undefined
  result.diagnosis = diagnoseMissingExtensionProfiles({
    newProfiles,
    extension,
    targetDir: ienv.targetDir,
    builtLibraries: sharedLibraries(join(ienv.targetDir, 'debug')),
    buildStartedAt: config.pythonBuildCommand ? buildStartedAt : undefined
  })
  if (result.diagnosis) core.warning(result.diagnosis)
  const json = join(result.workDir, 'python-coverage.json')
  const report = await timeline.phase('Python report (coverage combine, coverage json)', () =>
    python.exportPythonReport(interpreter, setup, cwd, json, join(result.workDir, 'html', 'python'))
  )
  core.info(
    `coverage.py combined ${report.dataFiles} data file(s); ${report.measuredFiles} file(s) measured`
  )
  if (report.measuredFiles > 0) {
    result.pythonJsonPath = json
    result.pythonHtmlDir = join(result.workDir, 'html', 'python')
  } else
    core.warning(
      'coverage.py measured no Python file: check python-source and that the tests import the package from the source tree.'
    )
}

function sharedLibraries(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => /\.(so|dylib|dll|pyd)$/.test(name))
  } catch {
    return []
  }
}
