/**
 * The REST client of the review loop: @actions/github's Octokit on the API of the runner's
 * server (GITHUB_API_URL: github.com, GHE.com or an Enterprise Server), with one time budget
 * for all its calls, and errors told in one line.
 */
import { getOctokit } from '@actions/github'
import { readFileSync } from 'node:fs'
import { showControls } from '../publish/escape.js'

export type GitHubApi = ReturnType<typeof getOctokit>

export interface Repository {
  owner: string
  repo: string
}

/** Every call of one client together: a service that hangs costs the step this, no more. */
const API_BUDGET_MS = 120_000

export function githubApi(token: string, env: NodeJS.ProcessEnv = process.env): GitHubApi {
  return getOctokit(token, {
    baseUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    request: { signal: AbortSignal.timeout(API_BUDGET_MS) }
  })
}

const NAME = /^[A-Za-z0-9_.-]{1,100}$/

/** GITHUB_REPOSITORY as owner and name, or undefined when it is not one. */
export function repositoryOf(env: NodeJS.ProcessEnv = process.env): Repository | undefined {
  const [owner, repo, ...rest] = (env.GITHUB_REPOSITORY ?? '').split('/')
  if (rest.length > 0 || !owner || !repo || !NAME.test(owner) || !NAME.test(repo)) return undefined
  return { owner, repo }
}

/** The HTTP status of a failed call (Octokit's RequestError), if it had one. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === 'number' ? status : undefined
}

/** `403 Resource not accessible by integration`: one line, controls shown, bounded. */
export function apiErrorMessage(error: unknown): string {
  const status = statusOf(error)
  const message = error instanceof Error ? error.message : String(error)
  // Octokit appends the documentation URL of the error (" - https://docs.github.com/rest").
  const first = (message.split('\n', 1)[0] ?? '').replace(/ - https:\/\/docs\.github\.com\S*$/, '')
  const line = showControls(first).slice(0, 300)
  return status !== undefined && status !== 500 ? `${status} ${line}` : line
}

/** A 403 or 404 on a write: the token may read but not write (a fork's pull request). */
export function isPermissionDenied(error: unknown): boolean {
  const status = statusOf(error)
  return status === 403 || status === 401
}

/** The webhook payload the runner wrote (GITHUB_EVENT_PATH); undefined when unreadable. */
export function readEventPayload(env: NodeJS.ProcessEnv = process.env): unknown {
  const path = env.GITHUB_EVENT_PATH
  if (!path) return undefined
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown
  } catch {
    return undefined
  }
}
