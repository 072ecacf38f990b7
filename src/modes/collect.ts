/**
 * mode: collect — one shard of a sharded run. Measure as run mode does, write this shard's
 * own reports (outputs describe the shard), then upload the raw reports and a manifest as the
 * artifact `<shard-artifact-prefix><shard>` for the merge job. No threshold is gated here: the
 * gate needs every shard and belongs to the merge job. Test failures follow on-test-failure,
 * so a failing leg shows red in the matrix; its artifact is uploaded first either way.
 */
import * as core from '@actions/core'
import { basename, join, relative, sep } from 'node:path'
import type { Config } from '../config.js'
import { Outputs } from '../constants.js'
import { InputError, TestFailureError } from '../errors.js'
import { measure, type Measurement } from '../pipeline.js'
import { uploadReportArtifact, type UploadOutcome } from '../publish/artifact.js'
import { escapeHtml } from '../publish/escape.js'
import type { ActionOutputs } from '../publish/outputs.js'
import { buildReports, type ReportResult } from '../reports.js'
import { formatDuration, type Timeline } from '../timeline.js'
import { warning } from '../warnings.js'
import { actionIdentity } from './action-identity.js'
import {
  MANIFEST_FILE,
  MANIFEST_SCHEMA,
  serializeManifest,
  type ShardManifest
} from './manifest.js'
import { refuseShardOfThisAttempt, requireArtifactService } from './shard-artifacts.js'

export interface CollectRequest {
  config: Config
  timeline: Timeline
  workDir: string
  outputs: ActionOutputs
  env?: NodeJS.ProcessEnv
}

/** Runs the shard; returns the messages that fail the step (empty: it succeeds). */
export async function collectShard(request: CollectRequest): Promise<string[]> {
  const { config, timeline, workDir, outputs } = request
  const env = request.env ?? process.env
  checkShardInput(config, env)
  // Before measuring: a shard that cannot be uploaded is minutes of work for nothing.
  requireArtifactService(env, 'collect')
  const measurement = await measure(config, timeline, workDir)
  const testFailures = testFailuresOf(measurement)
  outputs.set(Outputs.TestsPassed, testFailures.length === 0)
  const failures = measurement.failures.map((failure) => failure.message)
  const reports = await timeline
    .phase("This shard's reports", () => buildReports(config, measurement))
    .catch((error: Error) => void failures.push(error.message))
  if (reports) {
    outputs.setCoverage(reports)
    failures.push(...reports.failures.map((failure) => failure.message))
  }

  const manifest = shardManifest(config, measurement, env)
  const upload = await timeline.phase('Upload the shard artifact', () =>
    uploadShard(config, measurement, manifest, workDir, env)
  )
  if (upload.status === 'uploaded') {
    outputs.set(Outputs.ArtifactId, upload.id)
    outputs.set(Outputs.ArtifactUrl, upload.url)
    core.info(`Uploaded shard ${upload.name} (id ${upload.id}, ${upload.files} files)`)
  } else {
    failures.push(uploadFailure(upload, config))
  }
  const tests = testFailures.map((failure) => failure.message).join('; ')
  if (tests && config.onTestFailure === 'fail') {
    failures.push(`${tests}. Coverage was still measured and uploaded for the merge job.`)
  } else if (tests) {
    warning(`${tests}. on-test-failure is 'warn': the step goes on.`, {
      title: 'Tests failed'
    })
  }
  await writeShardSummary(manifest, upload, reports || undefined, timeline)
  return failures
}

/**
 * Under an emulator without strategy.job-index (nektos/act) the default shard input
 * `${{ github.job }}-${{ strategy.job-index }}` evaluates to `<job>-` in every leg, and the
 * legs would overwrite one another's artifact.
 */
function checkShardInput(config: Config, env: NodeJS.ProcessEnv): void {
  if (env.GITHUB_JOB && config.shard === `${env.GITHUB_JOB}-`) {
    throw new InputError(
      'shard',
      `'${config.shard}' is the default without strategy.job-index, which this runner does not provide (nektos/act does not): every matrix leg would get this name. Give each leg its own, e.g. shard: \${{ matrix.os }}-\${{ matrix.python-version }}`
    )
  }
}

function testFailuresOf(measurement: Measurement): TestFailureError[] {
  const failures: TestFailureError[] = []
  const { rustTestsExit: rust, pythonTestsExit: python } = measurement
  if (rust !== undefined && rust !== 0) failures.push(new TestFailureError('rust', rust))
  if (python !== undefined && python !== 0) failures.push(new TestFailureError('python', python))
  return failures
}

export function shardManifest(
  config: Config,
  measurement: Measurement,
  env: NodeJS.ProcessEnv
): ShardManifest {
  const name = (path: string | undefined) => (path ? basename(path) : null)
  return {
    schema: MANIFEST_SCHEMA,
    shard: config.shard,
    commit: env.GITHUB_SHA ?? '',
    action: actionIdentity(env),
    runner: { os: env.RUNNER_OS || process.platform, arch: env.RUNNER_ARCH || process.arch },
    pythonVersion: measurement.pythonVersion ?? '',
    workspace: config.workspace,
    workingDirectory: relative(config.workspace, config.workingDirectory).split(sep).join('/'),
    tests: { rust: measurement.rustTestsExit ?? null, python: measurement.pythonTestsExit ?? null },
    failures: measurement.failures.map((failure) => failure.message),
    diagnosis: measurement.diagnosis ?? '',
    reports: { rust: name(measurement.rustLcovPath), python: name(measurement.pythonJsonPath) },
    job: {
      name: env.GITHUB_JOB ?? '',
      runId: env.GITHUB_RUN_ID ?? '',
      runAttempt: env.GITHUB_RUN_ATTEMPT ?? ''
    },
    createdAt: new Date().toISOString()
  }
}

/** The raw reports as the tools wrote them, and the manifest, at the artifact's top level. */
async function uploadShard(
  config: Config,
  measurement: Measurement,
  manifest: ShardManifest,
  workDir: string,
  env: NodeJS.ProcessEnv
): Promise<UploadOutcome> {
  const name = `${config.shardArtifactPrefix}${config.shard}`
  try {
    await refuseShardOfThisAttempt(name, join(workDir, 'earlier-shard'), env)
  } catch (error) {
    return { status: 'failed', name, message: (error as Error).message }
  }
  const reports = [measurement.rustLcovPath, measurement.pythonJsonPath].filter(
    (path): path is string => !!path
  )
  return uploadReportArtifact({
    name,
    retentionDays: config.retentionDays,
    stagingDir: join(workDir, 'shard-artifact'),
    contents: { reports, htmlDirs: {}, generated: { [MANIFEST_FILE]: serializeManifest(manifest) } }
  })
}

/** The shard is this step's only product: an upload that did not happen fails it. */
function uploadFailure(upload: UploadOutcome, config: Config): string {
  const name = `${config.shardArtifactPrefix}${config.shard}`
  if (upload.status === 'skipped')
    return `The shard artifact ${name} was not uploaded: ${upload.reason}`
  const message = upload.status === 'failed' ? upload.message : ''
  // A re-run replaces its earlier attempt's shard; a conflict left is another leg uploading
  // the same name at the same moment.
  const duplicate = /already exists/i.test(message)
    ? ' Another job of this run uploaded a shard of this name at the same time: give every matrix leg its own shard input.'
    : ''
  return `The shard artifact ${name} was not uploaded: ${message}.${duplicate}`
}

async function writeShardSummary(
  manifest: ShardManifest,
  upload: UploadOutcome,
  reports: ReportResult | undefined,
  timeline: Timeline
): Promise<void> {
  const exit = (code: number | null) =>
    code === null ? 'not run' : code === 0 ? 'passed' : `failed (exit ${code})`
  const figures = reports?.figures
  const lines = [
    // The shard name is the user's input: escaped like every untrusted name in the summary.
    `### mixed-coverage shard <code>${escapeHtml(manifest.shard)}</code>`,
    '',
    `- Artifact: ${upload.status === 'uploaded' ? `<code>${escapeHtml(upload.name)}</code> (${upload.files} files)` : 'not uploaded'}`,
    `- Tests: Rust ${exit(manifest.tests.rust)}, Python ${exit(manifest.tests.python)}`,
    figures
      ? `- This shard alone: lines ${figures.lines || '–'}% (Rust ${figures.rustLines || '–'}%, Python ${figures.pythonLines || '–'}%)`
      : '- This shard alone: no report',
    `- Phases: ${timeline.phases.map((phase) => `${phase.name} ${formatDuration(phase.durationMs)}`).join(' · ')}`,
    '',
    'Thresholds are gated by the merge job, over all shards.',
    ''
  ]
  try {
    await core.summary.addRaw(lines.join('\n')).write()
  } catch (error) {
    warning(`The step summary was not written: ${(error as Error).message}`)
  }
}
