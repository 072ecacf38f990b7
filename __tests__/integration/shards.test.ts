/**
 * Sharded coverage with the bundled action and the real toolchain: two collect jobs (the
 * example's Rust tests in one, its Python tests in the other), then a merge job, each a
 * separate process with its own job identity in one workflow run of the loopback results
 * service, which the real @actions/artifact client talks to. The merged numbers must be those
 * of one run of the same tests. Nothing is mocked; the service is the one stand-in, for
 * GitHub's artifact backend.
 *
 * The action runs share the Cargo target directory, so they run one after another.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runAction, type RunActionResult } from '../../scripts/runner.mjs'
import { actionDist, phaseDurations } from '../e2e/support/action-dist.js'
import { lcovLines, toObject } from '../helpers/lcov-lines.js'
import { REPO_ROOT, TMP, venvEnv, workDirOf } from '../helpers/toolchain.js'
import { startResultsService, type ResultsService } from '../support/results-service.js'
import {
  artifactHtmlTotals,
  asWindowsShard,
  COVERAGE_OUTPUTS,
  expectSuccess,
  mergedLcov,
  readJson,
  renamedShard,
  stagedShard,
  uploadShardArtifact
} from '../support/shard-jobs.js'

jest.setTimeout(900_000)

const SHA = '1f0c9d3e5b7a2c4e6f8091a2b3c4d5e6f7a8b9c0'
const RUN_ID = 5150
const OUT = join(TMP, 'shards-test')

let service: ResultsService
const entry = join(actionDist(), 'index.js')

async function runJob(
  job: string,
  inputs: Record<string, string>,
  env: Record<string, string | undefined> = {},
  runId = RUN_ID,
  runner: { jobIndex?: string } = {}
): Promise<RunActionResult> {
  const result = await runAction({
    ...runner,
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
    // The merge job's report artifact: artifact-name's default, as the runner evaluates it.
    // On a push, the merge job also keeps the baseline pull requests compare with.
    expect(names).toEqual([
      'mixed-coverage-coverage-0',
      'mixed-coverage-coverage-0-baseline.json',
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
    expect(runs.rust.summary).toMatch(/^### mixed-coverage shard <code>rust<\/code>$/m)
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
    const report = service.artifacts.list().find((a) => a.name === 'mixed-coverage-coverage-0')
    expect(runs.merge.outputs['artifact-id']).toBe(String(report?.id))
    // The artifact has the merged HTML report (the shards' artifacts have none, see above).
    const html = artifactHtmlTotals(runs.merge)
    expect(html.shown).toEqual(html.summary)
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
    const result = await runJob('act-leg', { mode: 'collect' }, {}, RUN_ID, { jobIndex: '' })
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
    await uploadShard(windowsRun, 'linux', renamedShard(stagedShard(runs.rust), 'linux'))
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

describe('a shard whose report cannot be read', () => {
  it('merges and publishes the other shards, then fails naming the file', async () => {
    const run = 5152
    await uploadShard(run, 'linux', renamedShard(stagedShard(runs.rust), 'linux'))
    const reports = { rust: null, python: 'python-coverage.json' }
    await uploadShard(run, 'broken', {
      ...renamedShard(stagedShard(runs.python), 'broken', { reports }),
      'python-coverage.json': '{"meta": {"format": 3}, "files": {"a.py": {"executed_lines": [1,'
    })
    const merge = await runJob(
      'merge-broken',
      { mode: 'merge', 'expected-shards': '2', 'upload-artifact': 'false' },
      {},
      run
    )

    expect(merge.exitCode).toBe(1)
    const left = /^::error::.*Left out of the merged reports: (\S+):\d+: /m.exec(merge.stdout)
    expect(left?.[1]).toBe(
      join(workDirOf(merge), 'shards', 'mixed-coverage-shard-broken', 'python-coverage.json')
    )
    // What could be read was merged, written and published: the Linux shard's Rust report.
    expect(mergedLcov(merge)).toBe(mergedLcov(runs.rust))
    expect(merge.outputs['line-coverage']).toBe(runs.rust.outputs['line-coverage'])
    expect(merge.summary).toContain('Left out of the merged reports')
  })
})

describe('re-runs of a collect leg', () => {
  it("replace the leg's shard of the earlier attempt, never another leg's of this attempt", async () => {
    const shards = () => service.artifacts.list().filter((a) => a.name.endsWith('-shard-rust'))
    const [first] = shards()
    // Nothing measured: what is checked is the upload, not the numbers.
    const leg = {
      mode: 'collect',
      shard: 'rust',
      'rust-test-command': '',
      'python-test-command': ''
    }
    const twin = await runJob('shard-rust-twin', leg)
    expect(twin.stdout).toMatch(
      /::error::The shard artifact mixed-coverage-shard-rust was not uploaded: Another job of this run attempt \(coverage, Linux\) already uploaded mixed-coverage-shard-rust\. Give every matrix leg its own shard input/
    )
    expect([twin.exitCode, shards()]).toEqual([1, [first]])

    const rerun = await runJob('shard-rust-attempt-2', leg, { GITHUB_RUN_ATTEMPT: '2' })
    expectSuccess(rerun, 're-run of the Rust leg')
    const [now, ...more] = shards()
    expect([now?.id === first?.id, more]).toEqual([false, []])
    expect(rerun.outputs['artifact-id']).toBe(String(now?.id))
    expect(readJson(join(stagedShard(rerun), 'shard.json'))['job']).toMatchObject({
      runAttempt: '2'
    })
  })
})

/** Uploads a shard artifact as job `shard-<shard>` of run `runId`. */
function uploadShard(runId: number, shard: string, files: Record<string, string>): Promise<void> {
  const dir = join(OUT, `upload-${runId}-${shard}`)
  return uploadShardArtifact(service.env({ runId, job: `shard-${shard}` }), shard, files, dir)
}
