/**
 * The baseline of a pull request's run: the coverage its base branch had at the merge base.
 *
 * Where it is kept: every run of this action uploads a small artifact,
 * `<artifact-name>-baseline.json` (baseline-file.ts). A pull request's run looks among the
 * successful push runs of the same workflow on the base branch (runs.ts) for the merge base's
 * (merge-base.ts), else the nearest older one, and reads that artifact through the REST API.
 * That needs `actions: read` only — which the read-only token of a fork's pull request has —
 * and no service and no write access anywhere. Artifacts expire (the repository's retention,
 * 90 days by default): a base branch without a run in that time has no baseline, and says so.
 */
import type { GitHubApi, Repository } from './github.js'
import { apiErrorMessage } from './github.js'
import { MAX_BASELINE_BYTES, parseBaseline } from './baseline-file.js'
import { findMergeBase, type MergeBase } from './merge-base.js'
import { baselineArtifactName, type PullRequestEvent } from './pull-request.js'
import { downloadRawArtifact, listRunArtifacts } from './raw-artifacts.js'
import { listBaseRuns, orderCandidates, workflowIdOf, type Candidate } from './runs.js'
import type { BaselineLookup } from './types.js'

/** Runs whose artifacts are looked at, at most (each is one or two API calls). */
const MAX_CANDIDATES = 10

export interface BaselineRequest {
  api: GitHubApi
  repository: Repository
  pullRequest: PullRequestEvent
  /** This run (GITHUB_RUN_ID): its workflow is the one whose runs are searched. */
  runId: number
  artifactName: string
  workspace: string
}

export async function lookUpBaseline(request: BaselineRequest): Promise<BaselineLookup> {
  const { api, repository, pullRequest } = request
  const branch = pullRequest.baseRef
  const mergeBase = await findMergeBase(
    { base: pullRequest.baseSha, head: pullRequest.headSha },
    request.workspace,
    api,
    repository
  )
  if ('unavailable' in mergeBase) return { status: 'unavailable', reason: mergeBase.unavailable }
  let candidates: Candidate[]
  try {
    candidates = await candidateRuns(request, mergeBase)
  } catch (error) {
    return {
      status: 'unavailable',
      reason: `the workflow runs of ${branch} could not be listed (${apiErrorMessage(error)}); the job needs permissions actions: read`
    }
  }
  const skipped: string[] = []
  for (const candidate of candidates.slice(0, MAX_CANDIDATES)) {
    const found = await baselineOfRun(request, candidate, skipped)
    if (found) return { ...found, branch, mergeBase: mergeBase.sha }
  }
  return {
    status: 'none',
    branch,
    mergeBase: mergeBase.sha,
    reason: noneReason(request, mergeBase, candidates, skipped)
  }
}

async function candidateRuns(request: BaselineRequest, mergeBase: MergeBase): Promise<Candidate[]> {
  const { api, repository, pullRequest } = request
  const workflowId = await workflowIdOf(api, repository, request.runId)
  const exact = await listBaseRuns(api, repository, workflowId, pullRequest.baseRef, mergeBase.sha)
  const recent = await listBaseRuns(api, repository, workflowId, pullRequest.baseRef)
  return orderCandidates([...exact, ...recent], mergeBase)
}

/** The run's baseline, or undefined (with the reason added to `skipped`) when it has none. */
async function baselineOfRun(
  request: BaselineRequest,
  candidate: Candidate,
  skipped: string[]
): Promise<Omit<Extract<BaselineLookup, { status: 'found' }>, 'branch' | 'mergeBase'> | undefined> {
  const { api, repository } = request
  const name = baselineArtifactName(request.artifactName)
  try {
    const [artifact] = await listRunArtifacts(api, repository, candidate.run.id, name)
    if (!artifact) return undefined
    const text = await downloadRawArtifact(api, repository, artifact, MAX_BASELINE_BYTES)
    const baseline = parseBaseline(text, `${name} of run ${candidate.run.id}`)
    if (baseline.commit !== candidate.run.headSha) {
      skipped.push(`run ${candidate.run.id}'s baseline names another commit`)
      return undefined
    }
    const { basis, commitsBefore } = candidate
    return {
      status: 'found',
      baseline,
      runId: candidate.run.id,
      basis,
      ...(commitsBefore ? { commitsBefore } : {})
    }
  } catch (error) {
    skipped.push(`run ${candidate.run.id}: ${apiErrorMessage(error)}`)
    return undefined
  }
}

function noneReason(
  request: BaselineRequest,
  mergeBase: MergeBase,
  candidates: readonly Candidate[],
  skipped: readonly string[]
): string {
  const at = mergeBase.sha.slice(0, 10)
  const name = baselineArtifactName(request.artifactName)
  const looked =
    candidates.length === 0
      ? `no successful push run of this workflow on ${request.pullRequest.baseRef} is for the merge base ${at} or a commit before it`
      : `none of the ${Math.min(candidates.length, MAX_CANDIDATES)} successful push run(s) for the merge base ${at} or before it kept ${name} (expired, or kept by another job)`
  return skipped.length > 0 ? `${looked}; ${skipped.slice(0, 3).join('; ')}` : looked
}
