/**
 * One comment per pull request and job: found again by its marker (the body's first line) and
 * edited in place, so a pull request gets one comment however often it is pushed. A comment by
 * a bot account (github-actions[bot] for GITHUB_TOKEN, an app) is preferred where several carry
 * the marker. A token that may not write (a fork's pull request: 403 "Resource not accessible by
 * integration") is told apart from other failures: that body waits for the companion workflow.
 */
import { bodyHasMarker } from './marker.js'
import { apiErrorMessage, isPermissionDenied, type GitHubApi, type Repository } from './github.js'
import type { CommentOutcome } from './types.js'

/** Pages of 100 comments read while looking for the marker. */
const MAX_COMMENT_PAGES = 20

export interface CommentRequest {
  api: GitHubApi
  repository: Repository
  pullRequest: number
  marker: string
  body: string
}

export async function upsertComment(request: CommentRequest): Promise<CommentOutcome> {
  const { api, repository, pullRequest, body } = request
  const target = { ...repository, issue_number: pullRequest }
  try {
    const existing = await findComment(request)
    if (existing !== undefined) {
      const { data } = await api.rest.issues.updateComment({
        ...repository,
        comment_id: existing,
        body
      })
      return { status: 'updated', id: data.id, url: data.html_url }
    }
    const { data } = await api.rest.issues.createComment({ ...target, body })
    return { status: 'created', id: data.id, url: data.html_url }
  } catch (error) {
    const reason = apiErrorMessage(error)
    return isPermissionDenied(error)
      ? { status: 'read-only', reason }
      : { status: 'failed', reason }
  }
}

/** The id of this job's comment on the pull request, if it has one. */
async function findComment(request: CommentRequest): Promise<number | undefined> {
  const { api, repository, pullRequest, marker } = request
  let fallback: number | undefined
  for (let page = 1; page <= MAX_COMMENT_PAGES; page++) {
    const { data } = await api.rest.issues.listComments({
      ...repository,
      issue_number: pullRequest,
      per_page: 100,
      page
    })
    for (const comment of data) {
      if (!bodyHasMarker(comment.body ?? '', marker)) continue
      if (comment.user?.type === 'Bot') return comment.id
      fallback ??= comment.id
    }
    if (data.length < 100) break
  }
  return fallback
}
