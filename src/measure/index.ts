/**
 * The measuring half of a run: tools, instrumented environment, Rust tests, extension
 * build, Python tests, raw reports. A failure after measuring started is recorded, not
 * thrown, so that whatever was measured still reaches the reports.
 */
import * as core from '@actions/core'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Config } from './config.js'
import { findTools, type Tools } from './install/index.js'
import { instrumentedEnv, type InstrumentedEnv } from './phases/env.js'
import { measurePython } from './measure-python.js'
import {
  cleanWorkspace,
  exportRustHtml,
  exportRustReport,
  listProfiles,
  runRustTests
} from './phases/rust.js'
import type { Timeline } from './timeline.js'
import { warning } from './warnings.js'

export interface Measurement {
  rustLcovPath?: string
  pythonJsonPath?: string
  /** Version of the interpreter the Python tests ran under (shard manifests record it). */
  pythonVersion?: string
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
    warning(
      'No Rust coverage profiles were written: neither the Rust tests nor the Python tests ran instrumented Rust code.'
    )
    return
  }
  const lcov = join(result.workDir, 'rust.lcov')
  await timeline.phase('Rust report (cargo llvm-cov report)', () =>
    exportRustReport(tools.cargoLlvmCov, ienv, config.workingDirectory, lcov)
  )
  result.rustLcovPath = lcov
  // A shard's HTML would be thrown away: only the merge job publishes an artifact with pages.
  if (config.mode === 'collect') return
  const html = join(result.workDir, 'html', 'rust')
  await timeline
    .phase('Rust HTML report (cargo llvm-cov report --html)', () =>
      exportRustHtml(tools.cargoLlvmCov, ienv, config.workingDirectory, html)
    )
    // cargo llvm-cov writes its pages into <output-dir>/html.
    .then(() => (result.rustHtmlDir = join(html, 'html')))
    .catch((error: Error) => warning(`The Rust HTML report was not written: ${error.message}`))
}
