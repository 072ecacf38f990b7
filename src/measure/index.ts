/**
 * The source of run and collect modes: tools, instrumented environment, Rust tests, extension
 * build, Python tests, raw reports — one measurement. A phase that fails after measuring began
 * becomes one of its failures, not a throw, so whatever was measured still reaches the reports.
 */
import * as core from '@actions/core'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Config } from '../config.js'
import { findTools, type Tools } from '../install/index.js'
import {
  measurement,
  toolReport,
  type Measurement,
  type TestRun,
  type ToolReport
} from '../measurement.js'
import { detectLayout } from '../layout.js'
import type { PerTestDirs } from '../per-test/env.js'
import { instrumentedEnv, type InstrumentedEnv } from '../phases/env.js'
import { unreadableProfilesWarning } from '../phases/profiles.js'
import {
  cleanWorkspace,
  exportRustHtml,
  exportRustReport,
  listProfiles,
  runRustTests
} from '../phases/rust.js'
import type { Timeline } from '../timeline.js'
import { warning } from '../warnings.js'
import {
  measurePerTestPhase,
  perTestRustEnv,
  preparePerTestDirs,
  relocatedCrates
} from './per-test.js'
import { measurePython, type PythonMeasurement } from './python.js'
import { measuredCrates, reportScope, type MeasuredCrates } from './rust-crates.js'
import { settled } from './settled.js'

export async function measure(
  config: Config,
  timeline: Timeline,
  workDir: string
): Promise<Measurement> {
  mkdirSync(workDir, { recursive: true })
  const layout = await timeline.phase('Project layout', async () => {
    const found = await detectLayout(config.workingDirectory, config.pythonTestCommand !== '')
    core.info(`Cargo workspace: ${found.cargoRoot}`)
    if (config.pythonTestCommand) core.info(`Python project: ${found.pythonDir}`)
    return found
  })
  const cwd = layout.cargoRoot
  const tools = await timeline.phase('Find cargo-llvm-cov and LLVM tools', () =>
    findTools(config, cwd)
  )
  const shown = await timeline.phase('Instrumented environment (cargo llvm-cov show-env)', () =>
    shownEnv(tools, cwd)
  )
  const crates = await timeline.phase('Rust crates (cargo metadata)', async () => {
    const found = await measuredCrates(config, shown, cwd)
    return config.perTest ? relocatedCrates(found) : found
  })
  const { ienv } = crates
  await timeline.phase('Clean old coverage data', () =>
    cleanWorkspace(tools.cargoLlvmCov, ienv, cwd, crates.pathDependencies)
  )
  const perTestDirs = config.perTest ? preparePerTestDirs(workDir) : undefined
  const tests: TestRun[] = []
  if (config.rustTestCommand) {
    const members = crates.selection.local.filter((crate) => crate.member).map((c) => c.name)
    const run = { ienv, cwd, perTestDirs, members }
    tests.push(await rustTests(config.rustTestCommand, timeline, run))
  }
  const pythonDirs = { dir: layout.pythonDir, workDir, perTest: perTestDirs }
  const python: PythonMeasurement = config.pythonTestCommand
    ? await measurePython(config, timeline, ienv, pythonDirs)
    : {}
  if (python.testsExit !== undefined) tests.push({ phase: 'python', exitCode: python.testsExit })
  const rust = await settled(exportRust(config, timeline, { tools, crates, cwd }, workDir))
  const { contextsPath } = python
  const { workspace } = config
  const perTestRun = { tools, ienv, workspace, workDir, contextsPath }
  const perTest =
    perTestDirs && (await measurePerTestPhase(timeline, { ...perTestRun, dirs: perTestDirs }))
  return measurement({
    perTest: perTest?.value,
    reports: [rust.value?.report, python.report].filter((report) => report !== undefined),
    tests,
    pythonVersion: python.version,
    htmlDirs: { rust: rust.value?.htmlDir, python: python.htmlDir },
    diagnosis: python.diagnosis,
    failures: [python.failure, rust.error, perTest?.error].filter((error) => error !== undefined)
  })
}

async function shownEnv(tools: Tools, cwd: string): Promise<InstrumentedEnv> {
  const env = await instrumentedEnv(tools.cargoLlvmCov, tools.llvm, cwd)
  for (const [key, value] of Object.entries(env.variables)) core.info(`${key}=${value}`)
  core.info(`CARGO_TARGET_DIR=${env.targetDir}`)
  return env
}

async function rustTests(
  command: string,
  timeline: Timeline,
  run: { ienv: InstrumentedEnv; cwd: string; perTestDirs?: PerTestDirs; members: string[] }
): Promise<TestRun> {
  const { ienv, cwd, perTestDirs, members } = run
  const result = await timeline.phase('Rust tests', async () => {
    const env = perTestDirs ? await perTestRustEnv(ienv, cwd, perTestDirs, command) : ienv
    return runRustTests(command, env, cwd, members)
  })
  return { phase: 'rust', ...result }
}

interface RustExport {
  report?: ToolReport
  htmlDir?: string
}

async function exportRust(
  config: Config,
  timeline: Timeline,
  rust: { tools: Tools; crates: MeasuredCrates; cwd: string },
  workDir: string
): Promise<RustExport> {
  const { tools, crates, cwd } = rust
  const { ienv } = crates
  if (listProfiles(ienv.targetDir).length === 0) {
    warning(
      'No Rust coverage profiles were written: neither the Rust tests nor the Python tests ran instrumented Rust code.'
    )
    return {}
  }
  const lcov = join(workDir, 'rust.lcov')
  const { scope, sources } = await timeline.phase(
    'Rust report (cargo llvm-cov report)',
    async () => {
      const scope = reportScope(crates)
      return { scope, sources: await exportRustReport(tools.cargoLlvmCov, ienv, cwd, lcov, scope) }
    }
  )
  if (sources.unreadable.length) {
    warning(unreadableProfilesWarning(sources.unreadable, sources.total))
  }
  const report = toolReport(config.workspace, 'rust', lcov, cwd)
  // A shard's HTML would be thrown away: only the merge job publishes an artifact with pages.
  if (config.mode === 'collect') return { report }
  const html = join(workDir, 'html', 'rust')
  const written = await settled(
    timeline.phase('Rust HTML report (cargo llvm-cov report --html)', () =>
      exportRustHtml(tools.cargoLlvmCov, ienv, cwd, html, scope)
    )
  )
  if (written.error) {
    warning(`The Rust HTML report was not written: ${written.error.message}`)
    return { report }
  }
  // cargo llvm-cov writes its pages into <output-dir>/html.
  return { report, htmlDir: join(html, 'html') }
}
