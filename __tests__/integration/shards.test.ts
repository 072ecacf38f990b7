/**
 * Sharded coverage with the bundled action and the real toolchain: two collect jobs (the
 * example's Rust tests in one, its Python tests in the other), then a merge job, each a
 * separate process with its own job identity in one workflow run of the loopback results
 * service, which the real @actions/artifact client talks to. The merged numbers must be those
 * of one run of the same tests. Nothing is mocked; the service is the one stand-in, for
 * GitHub's artifact backend.
 *
 * The four action runs share the Cargo target directory, so they run one after another.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runAction, type RunActionResult } from '../../scripts/runner.mjs'
import { actionDist, phaseDurations } from '../e2e/support/action-dist.js'
import { lcovLines, toObject } from '../helpers/lcov-lines.js'
import { REPO_ROOT, TMP, venvEnv } from '../helpers/toolchain.js'
import { captureStdout, setEnv } from '../support/process-helpers.js'
import { startResultsService, type ResultsService } from '../support/results-service.js'

jest.setTimeout(900_000)

const SHA = '1f0c9d3e5b7a2c4e6f8091a2b3c4d5e6f7a8b9c0'
const RUN_ID = 5150
const OUT = join(TMP, 'shards-test')
const COVERAGE_OUTPUTS = [
  'line-coverage',
  'rust-line-coverage',
  'python-line-coverage',
  'branch-coverage',
  'function-coverage',
  'lines-found',
  'lines-hit',
  'tests-passed',
  'passed'
]

let service: ResultsService
const entry = join(actionDist(), 'index.js')

async function runJob(
  job: string,
  inputs: Record<string, string>,
  env: Record<string, string | undefined> = {},
  runId = RUN_ID
): Promise<RunActionResult> {
  const result = await runAction({
    entry,
    inputs: {
      'working-directory': 'examples/pyo3-demo',
      'output-dir': `.tmp/shards-test/${job}`,
      ...inputs
    },
    env: { ...venvEnv(), ...service.env({ job, runId }), GITHUB_SHA: SHA, ...env }
  })
  // Kept for reading after the test: the job's log as the runner would show it.
  writeFileSync(join(OUT, `${job}-${runId}.log`), result.stdout)
  return result
}

function expectSuccess(result: RunActionResult, what: string): void {
  if (result.exitCode !== 0) {
    throw new Error(`${what} failed (${result.exitCode}):\n${result.stdout.slice(-6000)}`)
  }
}

function mergedLcov(result: RunActionResult): string {
  return readFileSync(result.outputs['lcov-path'] as string, 'utf8')
}

const runs: Record<'rust' | 'python' | 'merge' | 'single', RunActionResult> = {} as never

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true })
  service = await startResultsService({ runId: RUN_ID })
  runs.rust = await runJob('shard-rust', {
    mode: 'collect',
    shard: 'rust',
    'python-test-command': ''
  })
  expectSuccess(runs.rust, 'collect (Rust tests)')
  runs.python = await runJob('shard-python', {
    mode: 'collect',
    shard: 'python',
    'rust-test-command': ''
  })
  expectSuccess(runs.python, 'collect (Python tests)')
  runs.merge = await runJob('merge', { mode: 'merge', 'expected-shards': 'rust, python' })
  expectSuccess(runs.merge, 'merge')
  runs.single = await runJob('single', { 'upload-artifact': 'false' })
  expectSuccess(runs.single, 'single run')
  const timings = (['rust', 'python', 'merge', 'single'] as const).map(
    (name) => `${name}: ${(runs[name].durationMs / 1000).toFixed(1)} s`
  )
  console.log(
    `Action runs — ${timings.join(', ')}\nMerge phases: ${phaseDurations(runs.merge.stdout)
      .map(({ phase, duration }) => `${phase} ${duration}`)
      .join('; ')}`
  )
})

afterAll(async () => {
  await service?.close()
})

describe('two collect jobs and a merge job in one workflow run', () => {
  it('uploads one shard artifact per collect job, with the raw reports and a manifest', () => {
    const names = service.artifacts
      .list()
      .map((artifact) => artifact.name)
      .sort()
    expect(names).toEqual([
      'mixed-coverage-coverage',
      'mixed-coverage-shard-python',
      'mixed-coverage-shard-rust'
    ])
    expect(readdirSync(stagedShard(runs.rust)).sort()).toEqual(['rust.lcov', 'shard.json'])
    expect(readdirSync(stagedShard(runs.python)).sort()).toEqual([
      'python-coverage.json',
      'rust.lcov',
      'shard.json'
    ])
    const manifest = JSON.parse(readFileSync(join(stagedShard(runs.python), 'shard.json'), 'utf8'))
    expect(manifest).toMatchObject({
      schema: 1,
      shard: 'python',
      commit: SHA,
      workspace: REPO_ROOT,
      workingDirectory: 'examples/pyo3-demo',
      pythonVersion: expect.stringMatching(/^3\.\d+\.\d+/),
      runner: { os: 'Linux', arch: 'X64' },
      tests: { rust: null, python: 0 },
      reports: { rust: 'rust.lcov', python: 'python-coverage.json' },
      job: { name: 'coverage', runId: String(RUN_ID) }
    })
  })

  it('does not gate in collect: no threshold output, the shard artifact as artifact-id', () => {
    expect(runs.rust.outputs['tests-passed']).toBe('true')
    const shard = service.artifacts.list().find((a) => a.name === 'mixed-coverage-shard-rust')
    expect(runs.rust.outputs['artifact-id']).toBe(String(shard?.id))
    expect(runs.rust.outputs['python-line-coverage']).toBe('')
    expect(runs.rust.summary).toMatch(/Thresholds are gated by the merge job/)
  })

  it('merges to exactly the per-line lcov of one run of the same tests', () => {
    const merged = lcovLines(mergedLcov(runs.merge))
    const single = lcovLines(mergedLcov(runs.single))
    expect([...merged.keys()].sort()).toEqual([...single.keys()].sort())
    for (const [file, hits] of single) {
      expect([file, toObject(merged.get(file))]).toEqual([file, toObject(hits)])
    }
    expect(mergedLcov(runs.merge)).toBe(mergedLcov(runs.single))
  })

  it('sets the same coverage outputs as the single run, and publishes once', () => {
    const pick = (result: RunActionResult) =>
      Object.fromEntries(COVERAGE_OUTPUTS.map((name) => [name, result.outputs[name]]))
    expect(pick(runs.merge)).toEqual(pick(runs.single))
    expect(runs.merge.outputs['line-coverage']).toMatch(/^\d+\.\d\d$/)
    const report = service.artifacts.list().find((a) => a.name === 'mixed-coverage-coverage')
    expect(runs.merge.outputs['artifact-id']).toBe(String(report?.id))
    expect(runs.merge.summary).toMatch(/Find the shard artifacts of this run/)
  })
})

describe('what collect and merge refuse', () => {
  it('shards of another commit', async () => {
    const result = await runJob(
      'merge-other-commit',
      { mode: 'merge', 'upload-artifact': 'false' },
      { GITHUB_SHA: 'f'.repeat(40) }
    )
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toMatch(
      new RegExp(
        `::error::Shard\\(s\\) from another commit: python \\(${SHA}\\), rust \\(${SHA}\\); this job merges f{40}\\.`
      )
    )
    expect(result.outputs['line-coverage']).toBe('')
  })

  it('a missing expected shard, by name and by count', async () => {
    const byName = await runJob('merge-missing', {
      mode: 'merge',
      'expected-shards': 'rust\npython\nwindows'
    })
    expect(byName.exitCode).toBe(1)
    expect(byName.stdout).toMatch(
      /::error::Missing shard\(s\): windows\. Expected rust, python, windows; found python, rust\./
    )
    const byCount = await runJob('merge-count', { mode: 'merge', 'expected-shards': '3' })
    expect(byCount.stdout).toMatch(/::error::expected-shards is 3 but 2 shard\(s\) were found/)
  })

  it('collect with the default shard name of a runner without strategy.job-index', async () => {
    const result = await runJob('act-leg', { mode: 'collect', shard: 'coverage-' })
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toMatch(
      /::error::Input 'shard': 'coverage-' is the default without strategy\.job-index/
    )
    expect(phaseDurations(result.stdout)).toEqual([])
  })

  it('collect outside a runner, before measuring: a shard it cannot upload is wasted work', async () => {
    const result = await runJob(
      'no-service',
      { mode: 'collect', shard: 'x' },
      { ACTIONS_RUNTIME_TOKEN: undefined }
    )
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toMatch(
      /::error::mode: collect moves shards through the artifacts of the workflow run, and this process has no ACTIONS_RUNTIME_TOKEN/
    )
    expect(phaseDurations(result.stdout)).toEqual([])
  })
})

describe('a shard measured on Windows', () => {
  it('merges to the same numbers as the Linux shard it mirrors', async () => {
    const windowsRun = 5151
    await uploadShard(windowsRun, 'windows', asWindowsShard(stagedShard(runs.python), 'windows'))
    const linux = stagedShard(runs.rust)
    await uploadShard(windowsRun, 'linux', {
      'rust.lcov': readFileSync(join(linux, 'rust.lcov'), 'utf8'),
      'shard.json': JSON.stringify({ ...readJson(join(linux, 'shard.json')), shard: 'linux' })
    })
    const merge = await runJob(
      'merge',
      { mode: 'merge', 'expected-shards': '2', 'upload-artifact': 'false' },
      {},
      windowsRun
    )
    expectSuccess(merge, 'merge of the Windows and Linux shards')
    expect(merge.stdout).toMatch(
      /mixed-coverage-shard-windows: Windows X64.*measured in D:\\a\\repo\\repo/
    )
    expect(mergedLcov(merge)).toBe(mergedLcov(runs.merge))
  })
})

/** Where a collect run staged its shard artifact (its files as uploaded). */
function stagedShard(result: RunActionResult): string {
  const workDir = readdirSync(result.files.temp).find((name) => name.startsWith('mixed-coverage-'))
  return join(result.files.temp, workDir as string, 'shard-artifact')
}

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
}

/**
 * A shard's files as a windows-latest runner writes them: lcov paths under D:\a\repo\repo
 * with backslashes, coverage.py names with backslashes, the manifest rooted there.
 */
function asWindowsShard(dir: string, shard: string): Record<string, string> {
  const lcov = readFileSync(join(dir, 'rust.lcov'), 'utf8').replace(
    /^SF:(.*)$/gm,
    (_, path: string) => `SF:${path.replace(REPO_ROOT, 'D:\\a\\repo\\repo').replace(/\//g, '\\')}`
  )
  const json = readJson(join(dir, 'python-coverage.json'))
  json.files = Object.fromEntries(
    Object.entries(json.files as object).map(([name, data]) => [name.replace(/\//g, '\\'), data])
  )
  const manifest = readJson(join(dir, 'shard.json'))
  Object.assign(manifest, {
    shard,
    workspace: 'D:\\a\\repo\\repo',
    runner: { os: 'Windows', arch: 'X64' }
  })
  return {
    'rust.lcov': lcov,
    'python-coverage.json': JSON.stringify(json),
    'shard.json': JSON.stringify(manifest)
  }
}

/** Uploads a shard artifact as another job of run `runId`, with the real artifact client. */
async function uploadShard(
  runId: number,
  shard: string,
  files: Record<string, string>
): Promise<void> {
  const dir = join(OUT, `upload-${runId}-${shard}`)
  const restore = setEnv(service.env({ runId, job: `shard-${shard}` }))
  // The client logs every request (::debug::); the test's output is no place for that.
  const stdout = captureStdout()
  try {
    const { DefaultArtifactClient } = await import('@actions/artifact')
    mkdirSync(dir, { recursive: true })
    const paths = Object.entries(files).map(([name, text]) => {
      writeFileSync(join(dir, name), text)
      return join(dir, name)
    })
    await new DefaultArtifactClient().uploadArtifact(`mixed-coverage-shard-${shard}`, paths, dir)
  } finally {
    stdout.restore()
    restore()
  }
}
