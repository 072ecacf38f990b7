/**
 * A comment the run could not post (its token was read-only: a fork's pull request), left in
 * the artifact `<artifact-name>-comment.json` for the companion workflow (mode: comment), and
 * the checks that workflow makes before posting it. Pure.
 *
 * The companion runs with the base repository's token on an artifact the fork's run wrote — and
 * a fork's workflow file is the fork's to change. So nothing in the file is taken on trust: the
 * pull request number must be the triggering run's (its payload, or the pull request's head
 * being that run's commit), the commit must be the run's, the body must start with a marker of
 * this action and fit a comment, and @-mentions are made inert so a body cannot ping anyone.
 * The body is otherwise posted as it is: on the fork's own pull request, under the footer the
 * companion adds from the event (which run it came from).
 */
import { COMMIT_SHA } from './baseline-file.js'
import { MAX_COMMENT_CHARS } from './comment.js'
import { bodyHasMarker, isCommentMarker, MAX_MARKER_CHARS } from './marker.js'

export const PENDING_SCHEMA = 'mixed-coverage-comment/1'
/** Larger artifacts are not downloaded: a full comment body in JSON stays well under this. */
export const MAX_PENDING_BYTES = 1024 * 1024

export interface PendingComment {
  /** owner/name of the repository the pull request is in. */
  repository: string
  pullRequest: number
  /** The commit the run measured (the pull request's head). */
  headSha: string
  marker: string
  body: string
}

export class PendingCommentError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PendingCommentError'
  }
}

export function serializePendingComment(comment: PendingComment): string {
  return `${JSON.stringify({ schema: PENDING_SCHEMA, ...comment })}\n`
}

export function parsePendingComment(text: string, source: string): PendingComment {
  const refuse = (why: string): never => {
    throw new PendingCommentError(`${source} is refused: ${why}`)
  }
  if (text.length > MAX_PENDING_BYTES) refuse('it is larger than 1 MiB')
  let document: Record<string, unknown> = {}
  try {
    const parsed: unknown = JSON.parse(text)
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      refuse('not an object')
    document = parsed as Record<string, unknown>
  } catch (error) {
    if (error instanceof PendingCommentError) throw error
    refuse('it is not JSON')
  }
  const { schema, repository, pullRequest, headSha, marker, body } = document
  if (schema !== PENDING_SCHEMA) refuse(`its schema is not ${PENDING_SCHEMA}`)
  if (
    typeof repository !== 'string' ||
    !/^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/.test(repository)
  ) {
    refuse('it names no repository')
  }
  if (typeof pullRequest !== 'number' || !Number.isSafeInteger(pullRequest) || pullRequest < 1) {
    refuse('its pull request number is not a positive whole number')
  }
  if (typeof headSha !== 'string' || !COMMIT_SHA.test(headSha))
    refuse('its commit is not a commit id')
  if (typeof marker !== 'string' || marker.length > MAX_MARKER_CHARS || !isCommentMarker(marker)) {
    refuse('its marker is not one this action writes')
  }
  if (typeof body !== 'string') return refuse('it has no body')
  return checkBody(
    {
      repository: repository as string,
      pullRequest: pullRequest as number,
      headSha: headSha as string,
      marker: marker as string,
      body
    },
    refuse
  )
}

function checkBody(comment: PendingComment, refuse: (why: string) => never): PendingComment {
  if (comment.body.length > MAX_COMMENT_CHARS) {
    refuse(`its body has ${comment.body.length} characters, over GitHub's ${MAX_COMMENT_CHARS}`)
  }
  if (!bodyHasMarker(comment.body, comment.marker))
    refuse('its body does not start with its marker')
  // One marker only: a second would let the body pass for another job's comment later.
  if (comment.body.split('<!-- mixed-coverage-comment').length !== 2) {
    refuse('its body carries more than one marker')
  }
  return comment
}

/** `@name` and `@org/team` made inert (a numeric reference renders as @ and notifies no one). */
export function neutralizeMentions(body: string): string {
  return body.replace(/@/g, '&#64;')
}

/** The triggering run, as the workflow_run event describes it. */
export interface TriggeringRun {
  id: number
  headSha: string
  event: string
  /** Pull requests of the base repository whose head is the run's (empty for forks' pull requests). */
  pullRequests: Array<{ number: number; headSha: string }>
  /** owner/name of the repository the run belongs to. */
  repository: string
  /** owner/name of the repository its commit came from (the fork). */
  headRepository: string
}

/** A pull request as the API gives it now. */
export interface PullRequestHead {
  sha: string
  /** owner/name of the repository its head branch is in. */
  repository: string
}

export function triggeringRunOf(eventName: string, payload: unknown): TriggeringRun | string {
  if (eventName !== 'workflow_run') {
    return `mode: comment runs in a workflow triggered by workflow_run, and this one was triggered by ${eventName || 'nothing'}`
  }
  const run = (payload as { workflow_run?: Record<string, unknown> } | null)?.workflow_run
  const id = run?.id
  const headSha = String(run?.head_sha ?? '').toLowerCase()
  const repository = (run?.repository as { full_name?: unknown } | undefined)?.full_name
  const headRepository = (run?.head_repository as { full_name?: unknown } | undefined)?.full_name
  if (
    typeof id !== 'number' ||
    !Number.isSafeInteger(id) ||
    !COMMIT_SHA.test(headSha) ||
    typeof repository !== 'string'
  ) {
    return 'the workflow_run payload names no run, commit or repository'
  }
  const pullRequests = (Array.isArray(run?.pull_requests) ? run.pull_requests : [])
    .map((pr: { number?: unknown; head?: { sha?: unknown } }) => ({
      number: Number(pr?.number),
      headSha: String(pr?.head?.sha ?? '').toLowerCase()
    }))
    .filter((pr) => Number.isSafeInteger(pr.number) && pr.number > 0)
  const event = String(run?.event ?? '')
  return {
    id,
    headSha,
    event,
    pullRequests,
    repository,
    headRepository: String(headRepository ?? '')
  }
}

/**
 * Why the comment may not be posted for this run, or undefined when it may. `pullRequestHead`
 * is the head commit the pull request has now (from the API), for forks' pull requests, which
 * the payload does not list. 'stale': the pull request was pushed again since (its newer run
 * comments); 'refused': the file does not belong to this run.
 */
export function refusalFor(
  comment: PendingComment,
  run: TriggeringRun,
  repository: string,
  pullRequestHead: PullRequestHead | undefined
): { kind: 'refused' | 'stale'; reason: string } | undefined {
  const refused = (reason: string) => ({ kind: 'refused' as const, reason })
  if (comment.repository.toLowerCase() !== repository.toLowerCase()) {
    return refused(`it is for the repository ${comment.repository}, not ${repository}`)
  }
  if (comment.headSha !== run.headSha) {
    return refused(
      `it was made for commit ${comment.headSha.slice(0, 10)}, not the run's ${run.headSha.slice(0, 10)}`
    )
  }
  const listed = run.pullRequests.find((pr) => pr.number === comment.pullRequest)
  if (run.pullRequests.length > 0 && !listed) {
    const numbers = run.pullRequests.map((pr) => `#${pr.number}`).join(', ')
    return refused(`pull request #${comment.pullRequest} is not among the run's (${numbers})`)
  }
  if (!listed && pullRequestHead && !sameName(pullRequestHead.repository, run.headRepository)) {
    return refused(
      `pull request #${comment.pullRequest} comes from ${pullRequestHead.repository}, the run from ${run.headRepository || 'an unnamed repository'}`
    )
  }
  const head = listed?.headSha || pullRequestHead?.sha
  if (!head) return refused(`pull request #${comment.pullRequest} was not found`)
  if (head !== run.headSha) {
    return {
      kind: 'stale',
      reason: `pull request #${comment.pullRequest} was pushed again since (its head is ${head.slice(0, 10)}, the run measured ${run.headSha.slice(0, 10)}): its newer run comments`
    }
  }
  return undefined
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}
