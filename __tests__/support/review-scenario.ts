/**
 * The review-loop scenario (integration/review-loop.test.ts): one repository
 * (fixtures/publish/review-repository.ts), one loopback service, the runs of one workflow in
 * order, and what each left behind for the assertions.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction, type RunActionResult } from '../../scripts/runner.mjs'
import {
  checkOut,
  makeReviewRepository,
  type ReviewRepository
} from '../fixtures/publish/review-repository.js'
import { REPO_ROOT, TMP } from '../helpers/toolchain.js'
import { startResultsService, type ResultsService } from './results-service.js'
import {
  commentBody,
  coverageRun,
  pullRequestEvent,
  pushEvent,
  registerRun,
  REPOSITORY
} from './review-runs.js'

export const FORK = 'fork-owner/octo-repo'
/** Where the comment and the step summary of the second push are kept after the test. */
const OUT = join(TMP, 'review-loop')

type RunName = 'first' | 'base' | 'tip' | 'second' | 'fork' | 'companion'

export interface ReviewScenario {
  repo: ReviewRepository
  service: ResultsService
  runs: Record<RunName, RunActionResult>
  /** Comment bodies as they stood after a run (on the service, or the run's comment.md). */
  bodies: Record<'first' | 'second' | 'secondFile' | 'forkFile', string>
  commentsOnForkBefore: number
  /** The comment workflow (run `runId`) for the triggering run `triggeringRun`; no checkout. */
  companion(runId: number, triggeringRun: number): Promise<RunActionResult>
}

interface Tokens {
  write: string
  read: string
}

export async function runReviewScenario(): Promise<ReviewScenario> {
  const repo = makeReviewRepository('examples/pyo3-demo', REPO_ROOT)
  const service = await startResultsService({ repository: REPOSITORY, runId: 3001 })
  const tokens = {
    write: service.github.issueToken('write'),
    read: service.github.issueToken('read')
  }
  for (const [number, from] of [
    [7, REPOSITORY],
    [8, FORK]
  ] as const) {
    service.github.pulls.set(number, {
      number,
      headSha: repo.head2,
      headRepository: from,
      baseRef: 'main'
    })
  }
  const scenario: ReviewScenario = {
    repo,
    service,
    runs: {} as ReviewScenario['runs'],
    bodies: {} as ReviewScenario['bodies'],
    commentsOnForkBefore: -1,
    companion: (runId, triggeringRun) => companion(scenario, tokens.write, runId, triggeringRun)
  }
  await pullRequestAndMain(scenario, tokens)
  await forkAndCompanion(scenario, tokens)
  return scenario
}

/** #7's first push (no baseline yet), main's two pushes, #7's second push. */
async function pullRequestAndMain(scenario: ReviewScenario, tokens: Tokens): Promise<void> {
  const { repo, service, runs, bodies } = scenario
  const pr = { comment: 'true', 'fail-under-delta': '1', 'on-threshold-failure': 'warn' }
  const workspace = repo.dir
  registerRun(service, {
    id: 3001,
    event: 'pull_request',
    branch: 'feature',
    sha: repo.head1,
    minutesAgo: 50
  })
  checkOut(repo, repo.head1)
  runs.first = await coverageRun(service, {
    workspace,
    runId: 3001,
    sha: repo.head1,
    eventName: 'pull_request',
    event: pullRequestEvent(7, repo.base, repo.head1, REPOSITORY),
    token: tokens.write,
    inputs: pr
  })
  bodies.first = commentBody(service, 7)
  for (const [runId, sha, minutesAgo, name] of [
    [2001, repo.base, 40, 'base'],
    [2002, repo.baseTip, 30, 'tip']
  ] as const) {
    checkOut(repo, sha)
    const event = pushEvent(sha)
    runs[name] = await coverageRun(service, {
      workspace,
      runId,
      sha,
      eventName: 'push',
      event,
      token: tokens.write
    })
    registerRun(service, { id: runId, event: 'push', branch: 'main', sha, minutesAgo })
  }
  registerRun(service, {
    id: 3002,
    event: 'pull_request',
    branch: 'feature',
    sha: repo.head2,
    minutesAgo: 20
  })
  checkOut(repo, repo.head2)
  runs.second = await coverageRun(service, {
    workspace,
    runId: 3002,
    sha: repo.head2,
    eventName: 'pull_request',
    event: pullRequestEvent(7, repo.base, repo.head2, REPOSITORY),
    token: tokens.write,
    inputs: pr
  })
  bodies.second = commentBody(service, 7)
  bodies.secondFile = readFileSync(join(repo.dir, 'coverage', 'comment.md'), 'utf8')
  mkdirSync(OUT, { recursive: true })
  writeFileSync(join(OUT, 'comment.md'), bodies.second)
  writeFileSync(join(OUT, 'step-summary.md'), runs.second.summary)
}

/** #8 from a fork on the test merge after main moved on (read-only token), then the companion. */
async function forkAndCompanion(scenario: ReviewScenario, tokens: Tokens): Promise<void> {
  const { repo, service, runs, bodies } = scenario
  registerRun(service, {
    id: 3003,
    event: 'pull_request',
    branch: 'feature',
    sha: repo.head2,
    minutesAgo: 10,
    from: FORK
  })
  checkOut(repo, repo.merge)
  runs.fork = await coverageRun(service, {
    workspace: repo.dir,
    runId: 3003,
    sha: repo.merge,
    eventName: 'pull_request',
    // The payload's base is the branch point: GitHub's base.sha can lag behind main's tip.
    event: pullRequestEvent(8, repo.base, repo.head2, FORK),
    token: tokens.read,
    inputs: { comment: 'true' }
  })
  bodies.forkFile = readFileSync(join(repo.dir, 'coverage', 'comment.md'), 'utf8')
  scenario.commentsOnForkBefore = service.github.commentsOn(8).length
  runs.companion = await scenario.companion(4001, 3003)
}

function companion(
  scenario: ReviewScenario,
  token: string,
  runId: number,
  triggeringRun: number
): Promise<RunActionResult> {
  return runAction({
    workspace: mkdtempSync(join(tmpdir(), 'mc-companion-')),
    runId,
    eventName: 'workflow_run',
    event: {
      action: 'completed',
      workflow_run: {
        id: triggeringRun,
        event: 'pull_request',
        head_sha: scenario.repo.head2,
        pull_requests: [],
        repository: { full_name: REPOSITORY },
        head_repository: { full_name: FORK }
      }
    },
    token,
    inputs: { mode: 'comment' },
    env: scenario.service.env({ runId })
  })
}
