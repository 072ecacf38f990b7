/**
 * The review loop, as the publish sink runs it: before the gates, the baseline of the base
 * branch and the change against it (reviewChange); with the reports, the badges (writeBadges);
 * after the report artifact, the baseline this run keeps and the pull request comment
 * (publishReview). mode: comment is relay.ts.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Config } from '../config.js'
import { Outputs } from '../constants.js'
import type { ChangedCoverage } from '../publish/changed-coverage.js'
import type { ChangedLinesResult } from '../publish/changed-lines.js'
import type { CoverageFigures } from '../publish/figures.js'
import type { DeltaMeasure, GateResult } from '../publish/gates.js'
import type { UploadOutcome } from '../publish/artifact.js'
import type { ActionOutputs } from '../publish/outputs.js'
import { badgeOf, renderBadge } from './badge.js'
import { baselineOf, serializeBaseline } from './baseline-file.js'
import { lookUpBaseline } from './baseline.js'
import { renderComment } from './comment.js'
import { upsertComment } from './comments.js'
import { compareWithBaseline, formatPoints } from './delta.js'
import { githubApi, repositoryOf } from './github.js'
import { commentMarker } from './marker.js'
import { serializePendingComment } from './pending-comment.js'
import { baselineArtifactName, commentArtifactName, pullRequestOf } from './pull-request.js'
import { uploadJsonArtifact } from './raw-artifacts.js'
import type { CommentOutcome, Review } from './types.js'

export type { CommentOutcome, Review } from './types.js'
export { relayComments } from './relay.js'

/** The baseline of this pull request's base branch, and the change against it. */
export async function reviewChange(
  config: Config,
  figures: CoverageFigures,
  changed: ChangedLinesResult,
  payload: unknown,
  env: NodeJS.ProcessEnv = process.env
): Promise<Review> {
  const pullRequest = pullRequestOf(env.GITHUB_EVENT_NAME ?? '', payload)
  const off = (reason: string): Review => ({ baseline: { status: 'off', reason } })
  if (!pullRequest)
    return off('not a pull_request run; push runs keep the baseline pull requests compare with')
  if (!config.githubToken) return off('github-token is empty')
  const repository = repositoryOf(env)
  const runId = Number(env.GITHUB_RUN_ID)
  if (!repository || !Number.isSafeInteger(runId))
    return off('GITHUB_REPOSITORY or GITHUB_RUN_ID is not set')
  const baseline = await lookUpBaseline({
    api: githubApi(config.githubToken, env),
    repository,
    pullRequest,
    runId,
    artifactName: config.artifactName,
    workspace: config.workspace
  })
  if (baseline.status !== 'found') return { baseline }
  const touched = changed.status === 'ok' ? changed.lines.keys() : undefined
  return { baseline, delta: compareWithBaseline(figures, baseline.baseline, touched) }
}

/** The delta gate's measure: the change, or why there is none. */
export function deltaMeasure(review: Review): DeltaMeasure | { noData: string } {
  const { baseline, delta } = review
  if (baseline.status !== 'found' || !delta) {
    return {
      noData:
        baseline.status === 'found' ? 'no change was measured' : `no baseline (${baseline.reason})`
    }
  }
  return {
    now: delta.total.now,
    base: delta.total.base,
    commit: baseline.baseline.commit,
    points: formatPoints(delta.total)
  }
}

export function setReviewOutputs(outputs: ActionOutputs, review: Review): void {
  const { delta, baseline } = review
  if (!delta || baseline.status !== 'found') return
  outputs.set(Outputs.LineCoverageDelta, formatPoints(delta.total))
  outputs.set(Outputs.RustLineCoverageDelta, formatPoints(delta.byLanguage.rust))
  outputs.set(Outputs.PythonLineCoverageDelta, formatPoints(delta.byLanguage.python))
  outputs.set(Outputs.BaselineCommit, baseline.baseline.commit)
}

/** badge.svg (total), badge-rust.svg, badge-python.svg in the output directory. */
export function writeBadges(outputDir: string, figures: CoverageFigures): string[] {
  const badges: Array<[string, string, CoverageFigures['total']['lines']]> = [
    ['badge.svg', 'coverage', figures.total.lines],
    ['badge-rust.svg', 'rust coverage', figures.byLanguage.rust.lines],
    ['badge-python.svg', 'python coverage', figures.byLanguage.python.lines]
  ]
  return badges.map(([file, label, count]) => {
    const path = join(outputDir, file)
    writeFileSync(path, renderBadge(badgeOf(label, count)))
    return path
  })
}

export interface ReviewPublication {
  config: Config
  review: Review
  figures: CoverageFigures
  changed: ChangedLinesResult
  changedCoverage?: ChangedCoverage
  gates: readonly GateResult[]
  payload: unknown
  workDir: string
  env?: NodeJS.ProcessEnv
}

export interface ReviewPublished {
  comment: CommentOutcome
  /** The baseline this run keeps (push runs), if it was uploaded or tried. */
  baselineUpload?: UploadOutcome
}

export async function publishReview(request: ReviewPublication): Promise<ReviewPublished> {
  const env = request.env ?? process.env
  const { config } = request
  const onRunner = Boolean(env.ACTIONS_RUNTIME_TOKEN && env.ACTIONS_RESULTS_URL)
  let baselineUpload: UploadOutcome | undefined
  if ((env.GITHUB_EVENT_NAME ?? '') === 'push' && config.uploadArtifact && onRunner) {
    const baseline = baselineOf(
      request.figures,
      (env.GITHUB_SHA ?? '').toLowerCase(),
      env.GITHUB_REF ?? ''
    )
    const name = baselineArtifactName(config.artifactName)
    baselineUpload = await uploadJsonArtifact(
      name,
      serializeBaseline(baseline),
      join(request.workDir, 'baseline'),
      config.retentionDays,
      env
    )
  }
  const comment = await postComment(request, env, onRunner)
  return { comment, ...(baselineUpload ? { baselineUpload } : {}) }
}

async function postComment(
  request: ReviewPublication,
  env: NodeJS.ProcessEnv,
  onRunner: boolean
): Promise<CommentOutcome> {
  const { config } = request
  if (!config.comment) return { status: 'off', reason: 'comment is false' }
  const pullRequest = pullRequestOf(env.GITHUB_EVENT_NAME ?? '', request.payload)
  if (!pullRequest) return { status: 'off', reason: 'not a pull_request run' }
  const repository = repositoryOf(env)
  if (!repository || !config.githubToken)
    return { status: 'off', reason: 'no github-token or GITHUB_REPOSITORY' }
  const marker = commentMarker(env.GITHUB_JOB ?? '', config.artifactName)
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')
  const { body } = renderComment({
    marker,
    figures: request.figures,
    review: request.review,
    changed: request.changed,
    changedCoverage: request.changedCoverage,
    gates: request.gates,
    commit: pullRequest.headSha,
    runUrl: `${server}/${repository.owner}/${repository.repo}/actions/runs/${env.GITHUB_RUN_ID ?? ''}`
  })
  writeFileSync(join(config.outputDir, 'comment.md'), body)
  const api = githubApi(config.githubToken, env)
  const outcome = await upsertComment({
    api,
    repository,
    pullRequest: pullRequest.number,
    marker,
    body
  })
  if (outcome.status !== 'read-only') return outcome
  return keepPendingComment(request, env, onRunner, {
    outcome,
    pending: {
      repository: `${repository.owner}/${repository.repo}`,
      pullRequest: pullRequest.number,
      headSha: pullRequest.headSha,
      marker,
      body
    }
  })
}

/**
 * A read-only token (a fork's pull request): the body waits in an artifact for the
 * workflow_run companion (mode: comment) to post it.
 */
async function keepPendingComment(
  request: ReviewPublication,
  env: NodeJS.ProcessEnv,
  onRunner: boolean,
  blocked: {
    outcome: Extract<CommentOutcome, { status: 'read-only' }>
    pending: Parameters<typeof serializePendingComment>[0]
  }
): Promise<CommentOutcome> {
  const { config } = request
  const { outcome } = blocked
  if (!config.uploadArtifact || !onRunner) {
    return {
      status: 'failed',
      reason: `${outcome.reason}, and no artifact keeps the body (upload-artifact is false or not on a runner)`
    }
  }
  const name = commentArtifactName(config.artifactName)
  const upload = await uploadJsonArtifact(
    name,
    serializePendingComment(blocked.pending),
    join(request.workDir, 'pending-comment'),
    config.retentionDays,
    env
  )
  if (upload.status !== 'uploaded') {
    return {
      status: 'failed',
      reason: `${outcome.reason}, and the artifact ${name} that would keep the body was not uploaded: ${upload.status === 'failed' ? upload.message : upload.reason}`
    }
  }
  return { ...outcome, artifact: name }
}
