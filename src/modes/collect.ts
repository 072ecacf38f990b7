/**
 * mode: collect's sink — one shard of a sharded run. The measurement's raw reports and a
 * manifest are uploaded as the artifact `<shard-artifact-prefix><shard>` for the merge job,
 * after this shard's own reports are written (the outputs describe the shard). No threshold is
 * gated here: the gate needs every shard and belongs to the merge job. Test failures follow
 * on-test-failure (outcome.ts), so a failing leg shows red in the matrix; its artifact is
 * uploaded first either way.
 */
import * as core from '@actions/core'
import { basename, join, relative, sep } from 'node:path'
import { announce } from '../announce.js'
import type { Config } from '../config.js'
import { Outputs } from '../constants.js'
import { InputError } from '../errors.js'
import { exitCodes, reportOf, testFailures, type Measurement } from '../measurement.js'
import type { Delivery, SinkRequest } from '../flow.js'
import { decideOutcome } from '../outcome.js'
import { uploadReportArtifact, type UploadOutcome } from '../publish/artifact.js'
import { escapeHtml } from '../publish/escape.js'
import { writeRunHtmlReport } from '../publish/html-report.js'
import { writeStepSummary } from '../publish/step-summary.js'
import { percentFigures, type ReportResult } from '../reports.js'
import { formatDuration, type Timeline } from '../timeline.js'
import { actionIdentity } from './action-identity.js'
import {
  MANIFEST_FILE,
  MANIFEST_SCHEMA,
  serializeManifest,
  type ShardManifest
} from './manifest.js'
import { refuseShardOfThisAttempt, requireArtifactService } from './shard-artifacts.js'

/** Before measuring: a shard that cannot be uploaded is minutes of work for nothing. */
export function checkCollect(config: Config, env: NodeJS.ProcessEnv = process.env): void {
  checkShardInput(config, env)
  requireArtifactService(env, 'collect')
}

/** Uploads the shard, then announces the outcome and writes the shard's summary. */
export async function uploadShard(request: SinkRequest): Promise<Delivery> {
  const { config, measurement, reports, timeline, outputs, workDir } = request
  const env = request.env ?? process.env
  // The shard's own HTML report stays in its output directory, out of the shard artifact: the
  // merge job downloads every shard whole and would carry each one's pages for nothing, and the
  // merge's report artifact has the merged report, over every shard.
  if (reports) await writeRunHtmlReport(request, reports)
  const manifest = shardManifest(config, measurement, env)
  const name = shardArtifactName(config)
  const upload = await timeline.phase('Upload the shard artifact', () =>
    uploadShardArtifact(name, { config, measurement, manifest, workDir }, env)
  )
  if (upload.status === 'uploaded') {
    outputs.set(Outputs.ArtifactId, upload.id)
    outputs.set(Outputs.ArtifactUrl, upload.url)
    core.info(`Uploaded shard ${upload.name} (id ${upload.id}, ${upload.files} files)`)
  }
  const outcome = decideOutcome(config, {
    sink: 'shard',
    testFailures: testFailures(measurement.tests),
    errors: [...measurement.failures, ...(reports?.failures ?? [])],
    upload,
    artifactName: name
  })
  announce(outcome)
  await writeShardSummary(manifest, upload, reports, timeline, env)
  return { upload, outcome }
}

function shardArtifactName(config: Config): string {
  return `${config.shardArtifactPrefix}${config.shard}`
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

export function shardManifest(
  config: Config,
  measurement: Measurement,
  env: NodeJS.ProcessEnv
): ShardManifest {
  const name = (kind: 'rust' | 'python') => {
    const report = reportOf(measurement, kind)
    return report ? basename(report.path) : null
  }
  const tests = exitCodes(measurement.tests)
  // coverage.py's names are relative to where the Python tests ran (the Python project).
  const testsDir = reportOf(measurement, 'python')?.sourceRoots[0] ?? config.workingDirectory
  return {
    schema: MANIFEST_SCHEMA,
    shard: config.shard,
    commit: env.GITHUB_SHA ?? '',
    action: actionIdentity(env),
    runner: { os: env.RUNNER_OS || process.platform, arch: env.RUNNER_ARCH || process.arch },
    pythonVersion: measurement.pythonVersion ?? '',
    workspace: config.workspace,
    workingDirectory: relative(config.workspace, testsDir).split(sep).join('/'),
    tests: { rust: tests.rust ?? null, python: tests.python ?? null },
    failures: measurement.failures.map((failure) => failure.message),
    diagnosis: measurement.diagnosis ?? '',
    reports: { rust: name('rust'), python: name('python') },
    job: {
      name: env.GITHUB_JOB ?? '',
      runId: env.GITHUB_RUN_ID ?? '',
      runAttempt: env.GITHUB_RUN_ATTEMPT ?? ''
    },
    createdAt: new Date().toISOString()
  }
}

/** The raw reports as the tools wrote them, and the manifest, at the artifact's top level. */
async function uploadShardArtifact(
  name: string,
  shard: { config: Config; measurement: Measurement; manifest: ShardManifest; workDir: string },
  env: NodeJS.ProcessEnv
): Promise<UploadOutcome> {
  const { config, measurement, manifest, workDir } = shard
  try {
    await refuseShardOfThisAttempt(name, join(workDir, 'earlier-shard'), env)
  } catch (error) {
    return { status: 'failed', name, message: (error as Error).message }
  }
  return uploadReportArtifact({
    name,
    retentionDays: config.retentionDays,
    stagingDir: join(workDir, 'shard-artifact'),
    contents: {
      reports: measurement.reports.map((report) => report.path),
      toolHtml: {},
      generated: { [MANIFEST_FILE]: serializeManifest(manifest) }
    },
    env
  })
}

async function writeShardSummary(
  manifest: ShardManifest,
  upload: UploadOutcome,
  reports: ReportResult | undefined,
  timeline: Timeline,
  env: NodeJS.ProcessEnv
): Promise<void> {
  const exit = (code: number | null) =>
    code === null ? 'not run' : code === 0 ? 'passed' : `failed (exit ${code})`
  const figures = reports ? percentFigures(reports.figures) : undefined
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
  // Bounded by construction (a few lines), far below the step's 1 MiB.
  await writeStepSummary(() => ({ markdown: lines.join('\n') }), env)
}
