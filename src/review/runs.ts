/**
 * Which runs of this workflow may hold the baseline for a pull request: successful push runs on
 * the base branch of this repository (never a pull request's run, whose branch name a fork
 * chooses), ordered by how well they stand for the merge base. The listing is IO; the order is
 * pure.
 */
import { COMMIT_SHA } from './baseline-file.js'
import type { GitHubApi, Repository } from './github.js'
import type { MergeBase } from './merge-base.js'
import type { BaselineBasis } from './types.js'

export interface BaseRun {
  id: number
  headSha: string
  createdAt: string
}

export interface Candidate {
  run: BaseRun
  basis: BaselineBasis
  commitsBefore?: number
}

/** The workflow of this run (its id), from the run itself. */
export async function workflowIdOf(
  api: GitHubApi,
  repository: Repository,
  runId: number
): Promise<number> {
  const { data } = await api.rest.actions.getWorkflowRun({ ...repository, run_id: runId })
  return data.workflow_id
}

/**
 * The newest successful push runs of the workflow on `branch` (one page of 100), or those of
 * one commit. Each is checked again here: the filters are the API's, the trust is ours.
 */
export async function listBaseRuns(
  api: GitHubApi,
  repository: Repository,
  workflowId: number,
  branch: string,
  headSha?: string
): Promise<BaseRun[]> {
  const { data } = await api.rest.actions.listWorkflowRuns({
    ...repository,
    workflow_id: workflowId,
    branch,
    event: 'push',
    status: 'success',
    per_page: 100,
    ...(headSha ? { head_sha: headSha } : {})
  })
  const fullName = `${repository.owner}/${repository.repo}`.toLowerCase()
  return data.workflow_runs
    .filter(
      (run) =>
        run.event === 'push' &&
        run.conclusion === 'success' &&
        run.head_branch === branch &&
        run.head_repository?.full_name?.toLowerCase() === fullName &&
        COMMIT_SHA.test(run.head_sha) &&
        (!headSha || run.head_sha === headSha)
    )
    .map((run) => ({ id: run.id, headSha: run.head_sha, createdAt: run.created_at }))
}

/**
 * The runs to try, best first: the merge base's own runs (newest first), then those of the
 * commits before it on the base branch's first-parent history, nearest first — or, without
 * that history, the runs created before the merge base's commit date, newest first.
 */
export function orderCandidates(runs: readonly BaseRun[], mergeBase: MergeBase): Candidate[] {
  const unique = [...new Map(runs.map((run) => [run.id, run])).values()].sort(newestFirst)
  const candidates: Candidate[] = unique
    .filter((run) => run.headSha === mergeBase.sha)
    .map((run) => ({ run, basis: 'merge-base' }))
  if (mergeBase.firstParents) {
    mergeBase.firstParents.forEach((sha, index) => {
      if (index === 0) return
      for (const run of unique.filter((candidate) => candidate.headSha === sha)) {
        candidates.push({ run, basis: 'first-parent', commitsBefore: index })
      }
    })
    return candidates
  }
  const before = mergeBase.date ? Date.parse(mergeBase.date) : NaN
  if (Number.isNaN(before)) return candidates
  for (const run of unique) {
    if (run.headSha !== mergeBase.sha && Date.parse(run.createdAt) < before) {
      candidates.push({ run, basis: 'older-run' })
    }
  }
  return candidates
}

function newestFirst(a: BaseRun, b: BaseRun): number {
  return Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id
}
