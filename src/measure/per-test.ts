/**
 * The per-test half of measuring (per-test: true): the instrumented crates built with counter
 * relocation, the Rust tests run through the recording target runner, and — once every test has
 * run — each test's counters mapped to lines (per-test/index.ts).
 */
import * as core from '@actions/core'
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Tools } from '../install/index.js'
import { rustcInfo } from '../install/llvm-tools.js'
import {
  COUNTER_RELOCATION,
  perTestDirs,
  rustTestsEnv,
  withCounterRelocation,
  type PerTestDirs
} from '../per-test/env.js'
import { measurePerTest, type PerTestResult } from '../per-test/index.js'
import type { InstrumentedEnv } from '../phases/env.js'
import { git } from '../publish/git.js'
import type { Timeline } from '../timeline.js'
import type { MeasuredCrates } from './rust-crates.js'
import { settled, type Settled } from './settled.js'

/** The crates as measured, built with counter relocation. */
export function relocatedCrates(crates: MeasuredCrates): MeasuredCrates {
  core.info(`Per test: the measured crates are built with -C ${COUNTER_RELOCATION}`)
  return { ...crates, ienv: withCounterRelocation(crates.ienv) }
}

/** Empty record directories for this run. */
export function preparePerTestDirs(workDir: string): PerTestDirs {
  if (process.platform !== 'linux') {
    core.notice(
      `Per test: Rust lines reached from the Python tests are attributed on Linux only (the pytest plugin finds the extension's profiles in /proc/self/maps); on ${process.platform} tests.json has their Python lines.`
    )
  }
  const dirs = perTestDirs(workDir)
  for (const dir of [dirs.pytest, dirs.rustRuns]) {
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
  }
  return dirs
}

/** The Rust tests' environment with the recording target runner. */
export async function perTestRustEnv(
  ienv: InstrumentedEnv,
  cwd: string,
  dirs: PerTestDirs,
  command: string
): Promise<InstrumentedEnv> {
  if (process.platform === 'win32') {
    core.notice(
      'Per test: the Rust tests are not attributed on Windows (the recording target runner is a POSIX shell script); their lines count in the reports.'
    )
    return ienv
  }
  const { host } = await rustcInfo(ienv.env, cwd)
  if (!/\bnextest\b/.test(command)) {
    core.info(
      'Per test: the Rust test command runs the tests of each test executable in one process, so they count as one group per executable; cargo nextest run gives one process per test.'
    )
  }
  return { ...ienv, env: rustTestsEnv(ienv.env, host, dirs) }
}

export interface PerTestRun {
  tools: Tools
  ienv: InstrumentedEnv
  dirs: PerTestDirs
  workspace: string
  workDir: string
  contextsPath?: string
}

/** Every test's counters and contexts to lines; a failure is returned, not thrown. */
export function measurePerTestPhase(
  timeline: Timeline,
  run: PerTestRun
): Promise<Settled<PerTestResult>> {
  return settled(
    timeline.phase('Per-test coverage (each test’s counters to lines)', async () => {
      const measured = await measurePerTest({
        dirs: run.dirs,
        targetDir: run.ienv.targetDir,
        llvm: run.tools.llvm,
        objectDirs: objectDirs(run.ienv),
        contextsPath: run.contextsPath,
        scratchDir: join(run.workDir, 'per-test', 'scratch')
      })
      core.info(
        `${measured.tests.length} test(s); ${measured.counterSets} distinct counter set(s) mapped to lines, from ${measured.contributions} test profile(s) and differences`
      )
      for (const note of measured.notes) core.info(`Per test: ${note}`)
      return { ...measured, commit: await measuredCommit(run.workspace) }
    })
  )
}

/** Where the instrumented executables and libraries are: as `cargo llvm-cov report` looks. */
function objectDirs(ienv: InstrumentedEnv): string[] {
  const bases = new Set([ienv.targetDir, ienv.variables.CARGO_LLVM_COV_BUILD_DIR || ienv.targetDir])
  const triple = ienv.env.CARGO_BUILD_TARGET
  const profiles = triple ? [join(triple, 'debug'), 'debug'] : ['debug']
  return [...bases].flatMap((base) =>
    profiles.flatMap((profile) => [join(base, profile), join(base, profile, 'deps')])
  )
}

async function measuredCommit(workspace: string): Promise<string | null> {
  try {
    return (await git(['rev-parse', 'HEAD'], workspace)).trim() || null
  } catch {
    return null
  }
}
