/**
 * A re-run of a job is the same workflow run, and artifact names are unique per run: with the
 * real @actions/artifact client against the loopback results service, the re-run's upload
 * replaces the artifact of the earlier attempt instead of failing with 409; a collect leg
 * replaces its own earlier shard, never another leg's shard of the same attempt. Each job has
 * its own runtime token (and job backend id), as a re-run's job has on GitHub.
 */
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  jest
} from '@jest/globals'
import { mkdtempSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Runner } from '../../scripts/runner.mjs'
import { serializeManifest } from '../../src/modes/manifest.js'
import { workflowCommands } from '../fixtures/publish/workflow-commands.js'
import {
  captureStdout,
  runnerWithEmptyWorkspace,
  setEnv,
  writeFiles,
  type CapturedOutput
} from '../support/process-helpers.js'
import {
  startResultsService,
  type JobOptions,
  type ResultsService
} from '../support/results-service.js'
import { windowsManifest } from '../unit/modes/helpers/manifests.js'

type ArtifactModule = typeof import('@actions/artifact')

jest.setTimeout(60_000)

let service: ResultsService
let runner: Runner
let restoreEnv: () => void
let artifact: ArtifactModule
let stdout: CapturedOutput

beforeAll(async () => {
  service = await startResultsService({ runId: 6160 })
  runner = runnerWithEmptyWorkspace({ env: service.env(), runId: 6160 })
  restoreEnv = setEnv(runner.env)
  // @actions/github (under the artifact client) reads GITHUB_API_URL once, at import.
  artifact = await import('@actions/artifact')
})

afterAll(async () => {
  restoreEnv()
  await service.settled()
  await service.close()
  runner.cleanup()
})

beforeEach(() => {
  stdout = captureStdout()
})
afterEach(() => stdout.restore())

/** Runs `fn` as job `job` of this run at attempt `attempt` (its own runtime token). */
async function asJob<T>(job: JobOptions, attempt: string, fn: () => Promise<T>): Promise<T> {
  const back = setEnv({
    ACTIONS_RUNTIME_TOKEN: service.env(job)['ACTIONS_RUNTIME_TOKEN'] ?? '',
    GITHUB_RUN_ATTEMPT: attempt
  })
  try {
    return await fn()
  } finally {
    back()
  }
}

function scratch(prefix: string): string {
  return mkdtempSync(join(runner.files.temp, prefix))
}

describe('the report artifact of a re-run job', () => {
  const name = 'mixed-coverage-coverage-0'

  async function upload(summary: string) {
    const { uploadReportArtifact } = await import('../../src/publish/artifact.js')
    const root = scratch('run-')
    const reports = writeFiles(join(root, 'coverage'), { 'lcov.info': 'TN:\nend_of_record\n' })
    return uploadReportArtifact({
      name,
      stagingDir: join(root, 'artifact'),
      contents: { reports, toolHtml: {}, generated: { 'summary.md': summary } }
    })
  }

  async function downloadedSummary(): Promise<string> {
    const client = new artifact.DefaultArtifactClient()
    const { artifact: found } = await client.getArtifact(name)
    const target = scratch('download-')
    await client.downloadArtifact(found.id, { path: target, expectedHash: found.digest })
    return readFileSync(join(target, 'summary.md'), 'utf8')
  }

  it('replaces the artifact of the earlier attempt instead of failing with 409', async () => {
    const first = await asJob({ job: 'coverage' }, '1', () => upload('attempt 1\n'))
    const second = await asJob({ job: 'coverage (attempt 2)' }, '2', () => upload('attempt 2\n'))

    expect(first).toMatchObject({ status: 'uploaded', name })
    expect(second).toMatchObject({ status: 'uploaded', name })
    const stored = service.artifacts.list().filter((a) => a.name === name)
    expect(stored.map((a) => a.id)).toEqual([second.status === 'uploaded' ? second.id : -1])
    expect(await downloadedSummary()).toBe('attempt 2\n')
    expect(workflowCommands(stdout.text()).filter((c) => c.command === 'warning')).toEqual([])
  })

  it("uploads anyway when the run's artifacts cannot be listed (as under nektos/act)", async () => {
    service.failNext('ListArtifacts', { reset: true })
    const outcome = await asJob({ job: 'coverage (attempt 3)' }, '3', () => upload('attempt 3\n'))
    // The earlier artifact could not be found to be replaced: the service's conflict stands.
    expect(outcome).toMatchObject({ status: 'failed', message: expect.stringMatching(/409/) })
    expect(stdout.text()).toContain(
      `Could not look for an artifact ${name} of an earlier attempt (Failed to ListArtifacts: Unable to make request: ECONNRESET); uploading anyway.`
    )
    service.failNext('ListArtifacts', { reset: true })
    const fresh = await asJob({ job: 'other' }, '1', async () => {
      const { uploadReportArtifact } = await import('../../src/publish/artifact.js')
      const root = scratch('run-')
      const reports = writeFiles(root, { 'lcov.info': 'TN:\nend_of_record\n' })
      const contents = { reports, toolHtml: {}, generated: {} }
      return uploadReportArtifact({
        name: 'first-of-its-name',
        stagingDir: join(root, 'a'),
        contents
      })
    })
    expect(fresh).toMatchObject({ status: 'uploaded', name: 'first-of-its-name' })
  })
})

describe('the shard of a re-run collect leg', () => {
  const name = 'mixed-coverage-shard-linux'

  beforeAll(async () => {
    const [manifest] = writeFiles(scratch('shard-'), {
      'shard.json': serializeManifest(
        windowsManifest({ shard: 'linux', job: { name: 'cov', runId: '6160', runAttempt: '1' } })
      )
    })
    const file = manifest as string
    await asJob({ job: 'cov-linux' }, '1', () =>
      new artifact.DefaultArtifactClient().uploadArtifact(name, [file], join(file, '..'))
    )
  })

  async function lookFor(shard: string): Promise<void> {
    const { refuseShardOfThisAttempt } = await import('../../src/modes/shard-artifacts.js')
    return refuseShardOfThisAttempt(shard, scratch('earlier-'), process.env)
  }

  it('may replace its own shard of an earlier attempt', async () => {
    await expect(asJob({ job: 'cov-linux (attempt 2)' }, '2', () => lookFor(name))).resolves.toBe(
      undefined
    )
  })

  it("refuses to replace another leg's shard of the same attempt", async () => {
    await expect(asJob({ job: 'cov-other-leg' }, '1', () => lookFor(name))).rejects.toThrow(
      `Another job of this run attempt (cov, Windows) already uploaded ${name}. Give every matrix leg its own shard input; only a re-run of a leg replaces the shard of its earlier attempt`
    )
  })

  it('has nothing to check when no shard of that name exists', async () => {
    const lookup = () => lookFor('mixed-coverage-shard-none')
    await expect(asJob({ job: 'cov-new' }, '1', lookup)).resolves.toBeUndefined()
  })

  it('refuses nothing when the artifacts cannot be listed: the upload conflict stays', async () => {
    service.failNext('ListArtifacts', { reset: true })
    await expect(asJob({ job: 'cov-other-leg' }, '1', () => lookFor(name))).resolves.toBe(undefined)
  })
})
