/**
 * mode: comment — the companion of a pull request's run that could not comment (a fork's pull
 * request gets a read-only token). It runs in a workflow triggered by workflow_run, with the
 * base repository's token, and never runs the pull request's code: it lists the triggering
 * run's `*-comment.json` artifacts, downloads each (size-capped), checks it against the event
 * (pending-comment.ts) and posts or updates the comment. No checkout is needed.
 */
import type { Config } from '../config.js'
import { showControls } from '../publish/escape.js'
import { upsertComment } from './comments.js'
import {
  apiErrorMessage,
  githubApi,
  readEventPayload,
  repositoryOf,
  statusOf,
  type GitHubApi,
  type Repository
} from './github.js'
import {
  MAX_PENDING_BYTES,
  neutralizeMentions,
  parsePendingComment,
  PendingCommentError,
  refusalFor,
  triggeringRunOf,
  type PullRequestHead,
  type TriggeringRun
} from './pending-comment.js'
import { MAX_COMMENT_CHARS } from './comment.js'
import { COMMENT_ARTIFACT_SUFFIX } from './pull-request.js'
import { downloadRawArtifact, listRunArtifacts, type RunArtifact } from './raw-artifacts.js'
import type { RelayFacts, RelayResult } from './types.js'

/** Pending comments handled per run, at most (one per job and matrix leg). */
const MAX_PENDING = 20

export async function relayComments(
  config: Config,
  env: NodeJS.ProcessEnv = process.env
): Promise<RelayFacts> {
  const run = triggeringRunOf(env.GITHUB_EVENT_NAME ?? '', readEventPayload(env))
  if (typeof run === 'string') return { status: 'refused', reason: run }
  const repository = repositoryOf(env)
  if (!repository) return { status: 'refused', reason: 'GITHUB_REPOSITORY is not owner/name' }
  if (run.repository.toLowerCase() !== `${repository.owner}/${repository.repo}`.toLowerCase()) {
    return {
      status: 'refused',
      reason: `the triggering run belongs to ${showControls(run.repository)}, not this repository`
    }
  }
  if (run.event !== 'pull_request') {
    return {
      status: 'nothing',
      reason: `run ${run.id} was triggered by ${showControls(run.event) || 'an unnamed event'}, not a pull request: it has no comment to post`
    }
  }
  if (!config.githubToken) return { status: 'refused', reason: 'github-token is empty' }
  const api = githubApi(config.githubToken, env)
  let pending: RunArtifact[]
  try {
    pending = (await listRunArtifacts(api, repository, run.id)).filter((artifact) =>
      artifact.name.endsWith(COMMENT_ARTIFACT_SUFFIX)
    )
  } catch (error) {
    return {
      status: 'refused',
      reason: `the artifacts of run ${run.id} could not be listed (${apiErrorMessage(error)}); the job needs permissions actions: read`
    }
  }
  if (pending.length === 0) {
    return {
      status: 'nothing',
      reason: `run ${run.id} left no comment to post (it posted its comments itself, or did not comment)`
    }
  }
  const results: RelayResult[] = []
  for (const artifact of pending.slice(0, MAX_PENDING)) {
    results.push(await relayOne(api, repository, run, artifact, env))
  }
  return { status: 'done', runId: run.id, results }
}

async function relayOne(
  api: GitHubApi,
  repository: Repository,
  run: TriggeringRun,
  artifact: RunArtifact,
  env: NodeJS.ProcessEnv
): Promise<RelayResult> {
  const name = showControls(artifact.name).slice(0, 200)
  const result = (status: RelayResult['status'], detail: string, url?: string): RelayResult => ({
    artifact: name,
    status,
    detail,
    ...(url ? { url } : {})
  })
  try {
    const text = await downloadRawArtifact(api, repository, artifact, MAX_PENDING_BYTES)
    const comment = parsePendingComment(text, name)
    const listed = run.pullRequests.some((pr) => pr.number === comment.pullRequest)
    const head = listed ? undefined : await pullRequestHead(api, repository, comment.pullRequest)
    const refusal = refusalFor(comment, run, `${repository.owner}/${repository.repo}`, head)
    if (refusal) return result(refusal.kind, refusal.reason)
    const body = withFooter(neutralizeMentions(comment.body), run, env)
    if (body.length > MAX_COMMENT_CHARS)
      return result(
        'refused',
        `its body is over ${MAX_COMMENT_CHARS} characters once mentions are made inert`
      )
    const posted = await upsertComment({
      api,
      repository,
      pullRequest: comment.pullRequest,
      marker: comment.marker,
      body
    })
    if (posted.status === 'created' || posted.status === 'updated') {
      return result(
        'posted',
        `${posted.status} the comment on pull request #${comment.pullRequest}`,
        posted.url
      )
    }
    const permission =
      posted.status === 'read-only' ? ' (the job needs permissions pull-requests: write)' : ''
    return result(
      'failed',
      `the comment on #${comment.pullRequest} was not posted: ${'reason' in posted ? posted.reason : posted.status}${permission}`
    )
  } catch (error) {
    if (error instanceof PendingCommentError) return result('refused', error.message)
    return result('failed', apiErrorMessage(error))
  }
}

async function pullRequestHead(
  api: GitHubApi,
  repository: Repository,
  number: number
): Promise<PullRequestHead | undefined> {
  try {
    const { data } = await api.rest.pulls.get({ ...repository, pull_number: number })
    return { sha: data.head.sha.toLowerCase(), repository: data.head.repo?.full_name ?? '' }
  } catch (error) {
    if (statusOf(error) === 404) return undefined
    throw error
  }
}

/** Which run the body came from, from the event (not from the artifact), where it fits. */
function withFooter(body: string, run: TriggeringRun, env: NodeJS.ProcessEnv): string {
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')
  const url = `${server}/${run.repository}/actions/runs/${run.id}`
  const footer = `<p><sub>Posted by the comment workflow for <a href="${url}">run ${run.id}</a> of commit <code>${run.headSha.slice(0, 10)}</code>.</sub></p>\n`
  const joined = `${body.replace(/\n*$/, '\n')}\n${footer}`
  return joined.length <= MAX_COMMENT_CHARS ? joined : body
}
