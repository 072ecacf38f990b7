/**
 * The pull request a run is for, from the event payload the runner hands over — checked, since
 * a branch name is anyone's to choose. Also the names of the review loop's artifacts. Pure.
 */
import { COMMIT_SHA } from './baseline-file.js'

export interface PullRequestEvent {
  number: number
  /** The base branch's name, e.g. main. */
  baseRef: string
  baseSha: string
  headSha: string
}

const MAX_REF_CHARS = 255

/** Only pull_request runs: pull_request_target measures the base branch, not the change. */
export function pullRequestOf(eventName: string, payload: unknown): PullRequestEvent | undefined {
  if (eventName !== 'pull_request') return undefined
  const pr = (payload as { pull_request?: Record<string, unknown> } | null)?.pull_request
  if (!pr || typeof pr !== 'object') return undefined
  const base = pr.base as { ref?: unknown; sha?: unknown } | undefined
  const head = pr.head as { sha?: unknown } | undefined
  const number = pr.number
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 1) return undefined
  const baseRef = base?.ref
  if (typeof baseRef !== 'string' || !isBranchName(baseRef)) return undefined
  const baseSha = String(base?.sha ?? '').toLowerCase()
  const headSha = String(head?.sha ?? '').toLowerCase()
  if (!COMMIT_SHA.test(baseSha) || !COMMIT_SHA.test(headSha)) return undefined
  return { number, baseRef, baseSha, headSha }
}

// eslint-disable-next-line no-control-regex
const UNSAFE_IN_BRANCH = /[\u0000-\u0020\u007f~^:?*[\\]/

/** A plausible git branch name: no controls, no spaces, bounded. */
export function isBranchName(name: string): boolean {
  return name.length > 0 && name.length <= MAX_REF_CHARS && !UNSAFE_IN_BRANCH.test(name)
}

/** The baseline a run keeps: `<artifact-name>-baseline.json`. */
export function baselineArtifactName(artifactName: string): string {
  return `${artifactName}-baseline.json`
}

/** A comment the run could not post: `<artifact-name>-comment.json`. */
export function commentArtifactName(artifactName: string): string {
  return `${artifactName}-comment.json`
}

export const COMMENT_ARTIFACT_SUFFIX = '-comment.json'
