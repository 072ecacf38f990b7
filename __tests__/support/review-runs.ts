/**
 * For the review-loop test: the events a runner hands to a pull request's and a push's run, the
 * workflow runs the REST API lists, one coverage run of the bundled action, and readers of what
 * the runs left (summary sections, workflow commands, artifacts, comments).
 */
import { runAction, type RunActionResult } from '../../scripts/runner.mjs'
import { workflowCommands } from '../fixtures/publish/workflow-commands.js'
import { venvEnv } from '../helpers/toolchain.js'
import type { ResultsService } from './results-service.js'

export const REPOSITORY = 'octo-org/octo-repo'
export const WORKFLOW_ID = 4242

export function pullRequestEvent(
  number: number,
  base: string,
  head: string,
  headRepo: string
): object {
  return {
    action: 'synchronize',
    number,
    pull_request: {
      number,
      commits: 2,
      base: { ref: 'main', sha: base, repo: { full_name: REPOSITORY } },
      head: { ref: 'feature', sha: head, repo: { full_name: headRepo } }
    },
    repository: { full_name: REPOSITORY, default_branch: 'main' }
  }
}

export function pushEvent(sha: string): object {
  return {
    ref: 'refs/heads/main',
    before: '0'.repeat(40),
    after: sha,
    repository: { full_name: REPOSITORY }
  }
}

/** The run as the API lists it: a push run succeeded; a pull request's is still running. */
export function registerRun(
  service: ResultsService,
  run: { id: number; event: string; branch: string; sha: string; minutesAgo: number; from?: string }
): void {
  service.github.runs.push({
    id: run.id,
    workflowId: WORKFLOW_ID,
    headSha: run.sha,
    headBranch: run.branch,
    event: run.event,
    conclusion: run.event === 'push' ? 'success' : null,
    createdAt: new Date(Date.now() - run.minutesAgo * 60_000),
    headRepository: run.from ?? REPOSITORY
  })
}

export interface CoverageRun {
  workspace: string
  runId: number
  sha: string
  eventName: string
  event: object
  token: string
  inputs?: Record<string, string>
}

/** One run of the action with the toolchain, as job `coverage` of run `runId`; must succeed. */
export async function coverageRun(
  service: ResultsService,
  run: CoverageRun
): Promise<RunActionResult> {
  const result = await runAction({
    workspace: run.workspace,
    runId: run.runId,
    sha: run.sha,
    eventName: run.eventName,
    event: run.event,
    token: run.token,
    inputs: { 'upload-artifact': 'true', ...run.inputs },
    env: { ...venvEnv(), ...service.env({ runId: run.runId }) }
  })
  if (result.exitCode !== 0) {
    throw new Error(`run ${run.runId} failed (${result.exitCode}):\n${result.stdout.slice(-6000)}`)
  }
  return result
}

/** The one comment on `issue` (an error when there are none or several). */
export function commentBody(service: ResultsService, issue: number): string {
  const comments = service.github.commentsOn(issue)
  if (comments.length !== 1)
    throw new Error(`expected one comment on #${issue}, found ${comments.length}`)
  return comments[0]?.body ?? ''
}

/** From a `### title` to the next section. */
export function section(summary: string, title: string): string {
  const start = summary.indexOf(title)
  return start < 0 ? '' : summary.slice(start, summary.indexOf('\n### ', start + 1))
}

/** The data of the workflow commands of one kind (and title) the run printed. */
export function commands(result: RunActionResult, command: string, title?: string): string[] {
  return workflowCommands(result.stdout)
    .filter((c) => c.command === command && (title === undefined || c.properties.title === title))
    .map((c) => c.data)
}

/** The content of the run's artifact `name` (the one-file artifacts are the file itself). */
export function artifactNamed(service: ResultsService, runId: number, name: string): string {
  const artifact = service.artifacts.ofRun(runId).find((a) => a.name === name)
  if (!artifact) throw new Error(`run ${runId} has no artifact ${name}`)
  return (service.artifacts.read(artifact) ?? Buffer.alloc(0)).toString('utf8')
}
