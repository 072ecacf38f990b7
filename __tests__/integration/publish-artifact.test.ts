/**
 * Publishing with the real @actions/artifact client against the loopback results service:
 * the report artifact uploaded and downloaded back byte for byte, retention days, and an
 * upload the service refuses — a warning under on-upload-failure: warn, a step failure under
 * fail. Everything here is real (config from INPUT_* variables, the report engine, git); the
 * process environment is set first and the modules imported after, because @actions/github
 * (under @actions/artifact) reads GITHUB_API_URL once, at import.
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
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Outputs } from '../../src/constants.js'
import { workflowCommands } from '../fixtures/publish/workflow-commands.js'
import { inputVariable, type Runner } from '../../scripts/runner.mjs'
import {
  captureStdout,
  runnerWithEmptyWorkspace,
  setEnv,
  snapshotDir,
  writeFiles,
  type CapturedOutput
} from '../support/process-helpers.js'
import { startResultsService, type ResultsService } from '../support/results-service.js'

type ArtifactModule = typeof import('@actions/artifact')
type PublishModule = typeof import('../../src/publish/index.js')
type StageModule = typeof import('../../src/publish/artifact.js')

jest.setTimeout(60_000)

let service: ResultsService
let runner: Runner
let restoreEnv: () => void
let artifact: ArtifactModule
let publishing: PublishModule
let staging: StageModule
let stdout: CapturedOutput

beforeAll(async () => {
  service = await startResultsService({ repository: 'octo-org/octo-repo', runId: 5150 })
  runner = runnerWithEmptyWorkspace({ env: service.env(), runId: 5150 })
  restoreEnv = setEnv(runner.env)
  artifact = await import('@actions/artifact')
  publishing = await import('../../src/publish/index.js')
  staging = await import('../../src/publish/artifact.js')
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

/** Reports, HTML directories with binary content, as a run leaves them. */
function runOutput(): {
  contents: import('../../src/publish/artifact.js').ArtifactContents
  root: string
} {
  const root = mkdtempSync(join(runner.files.temp, 'run-'))
  const reports = writeFiles(join(root, 'coverage'), {
    'lcov.info': 'TN:\nSF:src/lib.rs\nDA:1,1\nDA:2,0\nLF:2\nLH:1\nend_of_record\n',
    'cobertura.xml': '<?xml version="1.0"?>\n<coverage line-rate="0.5"/>\n',
    'coverage-summary.json': '{"total":{}}\n'
  })
  writeFiles(join(root, 'html', 'rust'), {
    'index.html': '<html>rust</html>',
    'coverage/work/src/lib.rs.html': randomBytes(300_000)
  })
  writeFiles(join(root, 'html', 'python'), {
    'index.html': '<html>py</html>',
    'z_abc_lib_py.html': randomBytes(5000)
  })
  return {
    root,
    contents: {
      reports,
      toolHtml: { rust: join(root, 'html', 'rust'), python: join(root, 'html', 'python') },
      generated: { 'summary.md': '## Coverage\n\nevery file\n' }
    }
  }
}

describe('the report artifact with the real client', () => {
  it('uploads lcov, Cobertura, JSON, the full summary and HTML; downloads back the same bytes', async () => {
    const { root, contents } = runOutput()
    const stagingDir = join(root, 'artifact')
    const outcome = await staging.uploadReportArtifact({
      name: 'mixed-coverage-test',
      retentionDays: 3,
      stagingDir,
      contents
    })

    expect(outcome).toMatchObject({
      status: 'uploaded',
      name: 'mixed-coverage-test',
      files: 8,
      leftOut: []
    })
    if (outcome.status !== 'uploaded') throw new Error('not uploaded')
    expect(outcome.url).toBe(
      `https://github.com/octo-org/octo-repo/actions/runs/5150/artifacts/${outcome.id}`
    )
    const record = service.artifacts.list().find((a) => a.id === outcome.id)
    expect(record).toMatchObject({ name: 'mixed-coverage-test', finalized: true })
    const days = ((record?.expiresAt?.getTime() ?? 0) - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(2.9)
    // The client adds 3 calendar days in local time: across a clock change that is 3 days ± 1 h.
    expect(days).toBeLessThanOrEqual(3 + 1 / 24)

    const target = mkdtempSync(join(runner.files.temp, 'download-'))
    const client = new artifact.DefaultArtifactClient()
    const { artifact: found } = await client.getArtifact('mixed-coverage-test')
    await client.downloadArtifact(found.id, { path: target, expectedHash: found.digest })
    const downloaded = snapshotDir(target)
    expect(downloaded).toEqual(snapshotDir(stagingDir))
    expect(Object.keys(downloaded).sort()).toEqual([
      'cobertura.xml',
      'coverage-summary.json',
      'html/tools/python/index.html',
      'html/tools/python/z_abc_lib_py.html',
      'html/tools/rust/coverage/work/src/lib.rs.html',
      'html/tools/rust/index.html',
      'lcov.info',
      'summary.md'
    ])
    expect(readFileSync(join(target, 'lcov.info'))).toEqual(
      readFileSync(contents.reports[0] as string)
    )
  })
})

describe('publish() and the upload policy', () => {
  /** Config from INPUT_* variables and real reports built by the engine from a tiny lcov. */
  async function published(inputs: Record<string, string>) {
    const { getConfig } = await import('../../src/config.js')
    const { buildReports } = await import('../../src/reports.js')
    const { Timeline } = await import('../../src/timeline.js')
    const { ActionOutputs } = await import('../../src/publish/outputs.js')
    const { measurement: freeze, toolReport } = await import('../../src/measurement.js')
    const workspace = runner.workspace
    writeFiles(workspace, { 'src/lib.rs': 'fn a() {}\nfn b() {}\n' })
    const workDir = mkdtempSync(join(runner.files.temp, 'work-'))
    const [lcov] = writeFiles(workDir, {
      'rust.lcov': `TN:\nSF:${join(workspace, 'src/lib.rs')}\nDA:1,1\nDA:2,0\nLF:2\nLH:1\nend_of_record\n`
    })
    const env = {
      ...process.env,
      ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [inputVariable(k), v]))
    }
    const config = getConfig(env)
    const measurement = freeze({
      reports: [toolReport(workspace, 'rust', lcov as string, workspace)],
      tests: [{ phase: 'rust', exitCode: 0 }],
      htmlDirs: {},
      failures: []
    })
    const reports = await buildReports(config, measurement)
    const outputs = new ActionOutputs()
    const delivery = await publishing.publish({
      config,
      measurement,
      reports,
      timeline: new Timeline(),
      outputs,
      workDir
    })
    return { config, outcome: delivery, outputs, failures: delivery.outcome.failures }
  }

  it('a refused upload is a warning under on-upload-failure: warn; the step does not fail for it', async () => {
    service.failNext('CreateArtifact', {
      code: 'permission_denied',
      message: 'no artifacts for you'
    })
    const { outcome, outputs, failures } = await published({ 'artifact-name': 'refused-warn' })
    expect(outcome.upload).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('no artifacts for you')
    })
    expect(failures).toEqual([])
    expect(outputs.get(Outputs.ArtifactId)).toBe('')
    const warnings = workflowCommands(stdout.text()).filter((c) => c.command === 'warning')
    expect(warnings).toContainEqual(
      expect.objectContaining({
        properties: { title: 'Artifact upload failed' },
        data: expect.stringMatching(
          /^The report artifact was not uploaded: .*no artifacts for you.*on-upload-failure is 'warn'\.$/
        )
      })
    )
    expect(readFileSync(runner.files.summary, 'utf8')).toContain('(no artifact: ')
  })

  it('fails the step under on-upload-failure: fail, after the summary was written', async () => {
    service.failNext('CreateArtifact', { code: 'permission_denied', message: 'still no' })
    const summaryBefore = readFileSync(runner.files.summary, 'utf8').length
    const { outcome, failures } = await published({
      'artifact-name': 'refused-fail',
      'on-upload-failure': 'fail'
    })
    expect(outcome.upload.status).toBe('failed')
    expect(failures).toEqual([
      expect.stringMatching(/^The report artifact was not uploaded: .*still no/)
    ])
    expect(
      workflowCommands(stdout.text()).filter((c) => c.properties.title === 'Artifact upload failed')
    ).toEqual([])
    const summary = readFileSync(runner.files.summary, 'utf8').slice(summaryBefore)
    expect(summary).toMatch(/^## Coverage/)
    expect(summary).toContain('still no')
  })

  it('uploads and sets artifact-id and artifact-url', async () => {
    const { outcome, outputs } = await published({
      'artifact-name': 'accepted',
      'retention-days': '1'
    })
    expect(outcome.upload.status).toBe('uploaded')
    const id = outputs.get(Outputs.ArtifactId)
    expect(service.artifacts.list().find((a) => String(a.id) === id)?.name).toBe('accepted')
    expect(outputs.get(Outputs.ArtifactUrl)).toBe(
      `https://github.com/octo-org/octo-repo/actions/runs/5150/artifacts/${id}`
    )
  })

  it('skips with a notice, not an error, off a runner (no ACTIONS_RUNTIME_TOKEN)', async () => {
    const token = process.env.ACTIONS_RUNTIME_TOKEN
    delete process.env.ACTIONS_RUNTIME_TOKEN
    try {
      const { outcome, failures } = await published({
        'artifact-name': 'no-token',
        'on-upload-failure': 'fail'
      })
      expect(outcome.upload).toEqual({
        status: 'skipped',
        reason: expect.stringContaining('no ACTIONS_RUNTIME_TOKEN')
      })
      expect(failures).toEqual([])
      expect(workflowCommands(stdout.text())).toContainEqual(
        expect.objectContaining({
          command: 'notice',
          data: expect.stringMatching(/^No report artifact: not running on a GitHub runner/)
        })
      )
    } finally {
      process.env.ACTIONS_RUNTIME_TOKEN = token
    }
  })
})
