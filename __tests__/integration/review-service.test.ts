/**
 * The review loop's REST calls without a measurement: the real @actions/github (Octokit) and
 * @actions/artifact clients against the loopback service, in this process for the comment and
 * the baseline lookup, and the bundled action (mode: comment) for the comment workflow's
 * refusals. No toolchain: every case takes a second or less.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction } from '../../scripts/runner.mjs'
import { figuresOf } from '../../src/publish/figures.js'
import { baselineOf, serializeBaseline } from '../../src/review/baseline-file.js'
import { lookUpBaseline } from '../../src/review/baseline.js'
import { MAX_COMMENT_CHARS, renderComment, type CommentInput } from '../../src/review/comment.js'
import { upsertComment } from '../../src/review/comments.js'
import { githubApi } from '../../src/review/github.js'
import { commentMarker } from '../../src/review/marker.js'
import { serializePendingComment } from '../../src/review/pending-comment.js'
import type { ChangedCoverage } from '../../src/publish/changed-coverage.js'
import { workflowCommands } from '../fixtures/publish/workflow-commands.js'
import { reportOf } from '../fixtures/publish/model.js'
import { captureStdout, setEnv } from '../support/process-helpers.js'
import { startResultsService, type ResultsService } from '../support/results-service.js'

const REPOSITORY = 'octo-org/octo-repo'
const HEAD = 'c'.repeat(40)
const MARKER = commentMarker('coverage', 'mixed-coverage-coverage-0')
let service: ResultsService
let token: string
let restore: () => void

beforeAll(async () => {
  service = await startResultsService({ repository: REPOSITORY, runId: 6001 })
  token = service.github.issueToken('write')
  service.github.pulls.set(7, {
    number: 7,
    headSha: HEAD,
    headRepository: REPOSITORY,
    baseRef: 'main'
  })
  service.github.pulls.set(8, {
    number: 8,
    headSha: HEAD,
    headRepository: 'fork-owner/octo-repo',
    baseRef: 'main'
  })
  restore = setEnv(service.env())
})

afterAll(async () => {
  restore()
  await service.settled()
  await service.close()
})

/** Uploads `text` as the one-file artifact `name` of run `runId`, as that run's job would. */
async function uploadRaw(runId: number, name: string, text: string): Promise<void> {
  const back = setEnv(service.env({ runId }))
  const stdout = captureStdout()
  try {
    const { DefaultArtifactClient } = await import('@actions/artifact')
    const dir = mkdtempSync(join(tmpdir(), 'mc-raw-'))
    writeFileSync(join(dir, name), text)
    await new DefaultArtifactClient().uploadArtifact(name, [join(dir, name)], dir, {
      skipArchive: true
    })
  } finally {
    stdout.restore()
    back()
  }
}

/** A comment input whose whole file table is over 70,000 characters. */
function bigCommentInput(files: number): CommentInput {
  const paths = Array.from(
    { length: files },
    (_, index) => `crates/long/path/to/module/${String(index).padStart(4, '0')}/lib.rs`
  )
  const report = reportOf(
    Object.fromEntries(paths.map((path) => [path, { lines: { 1: 1, 2: 0 } }]))
  )
  const half = { hit: files, found: 2 * files }
  const none = { hit: 0, found: 0 }
  const changedCoverage: ChangedCoverage = {
    lines: half,
    byLanguage: { rust: half, python: none, other: none },
    files: paths.map((path) => ({
      path,
      language: 'rust',
      lines: { hit: 1, found: 2 },
      uncovered: [{ startLine: 2, endLine: 2, lines: 1 }]
    })),
    ranked: []
  }
  return {
    marker: MARKER,
    figures: figuresOf(report),
    review: { baseline: { status: 'none', branch: 'main', reason: 'none kept' } },
    changed: {
      status: 'ok',
      range: { kind: 'pull_request', base: HEAD, head: HEAD },
      diffed: { basis: 'merge-base', from: HEAD, to: HEAD },
      lines: new Map()
    },
    changedCoverage,
    gates: [],
    commit: HEAD,
    runUrl: 'https://github.com/octo-org/octo-repo/actions/runs/6001'
  }
}

const REPO = { owner: 'octo-org', repo: 'octo-repo' }

describe('a comment of 70,000 characters', () => {
  it('is refused by GitHub uncut (422), and posted cut under 65,536, saying so', async () => {
    const api = githubApi(token)
    const input = bigCommentInput(600)
    const uncut = renderComment(input, Infinity).body
    expect(uncut.length).toBeGreaterThan(70_000)
    expect(
      await upsertComment({ api, repository: REPO, pullRequest: 7, marker: MARKER, body: uncut })
    ).toEqual({
      status: 'failed',
      reason: '422 Validation Failed: body is too long (maximum is 65536 characters)'
    })
    const cut = renderComment(input)
    const posted = await upsertComment({
      api,
      repository: REPO,
      pullRequest: 7,
      marker: MARKER,
      body: cut.body
    })
    expect(posted).toMatchObject({ status: 'created' })
    const [stored] = service.github.commentsOn(7)
    expect(stored?.body).toBe(cut.body)
    expect(stored!.body.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS)
    expect(stored!.body).toContain(
      `<p>⚠️ Cut: this comment lists ${cut.filesShown} of 600 files, because GitHub keeps a comment only up to 65,536 characters.`
    )
    expect(cut.filesShown).toBe(EXPECTED_SHOWN)
  })
})

/** Rows of the cut table: what fits in 65,536 characters with the head, the note and the foot. */
const EXPECTED_SHOWN = 539

describe('the baseline lookup without the history (a shallow checkout)', () => {
  it('asks the compare API for the merge base and takes the latest run older than it', async () => {
    const base = 'b'.repeat(40)
    const older = 'a'.repeat(40)
    const figures = figuresOf(reportOf({ 'src/lib.rs': { lines: { 1: 1, 2: 0 } } }))
    await uploadRaw(
      7001,
      'mixed-coverage-coverage-0-baseline.json',
      serializeBaseline(baselineOf(figures, older, 'refs/heads/main'))
    )
    const at = (minutes: number) => new Date(Date.parse('2026-01-01T12:00:00Z') + minutes * 60_000)
    const push = {
      workflowId: 99,
      event: 'push',
      headBranch: 'main',
      conclusion: 'success' as const,
      headRepository: REPOSITORY
    }
    service.github.runs.push(
      { ...push, id: 7001, headSha: older, createdAt: at(0) },
      // A run of a commit newer than the merge base, and a pull request's run named main by a fork.
      { ...push, id: 7002, headSha: 'd'.repeat(40), createdAt: at(30) },
      {
        ...push,
        id: 7003,
        headSha: older,
        event: 'pull_request',
        headRepository: 'fork-owner/octo-repo',
        createdAt: at(5)
      },
      {
        ...push,
        id: 6001,
        headSha: HEAD,
        event: 'pull_request',
        headBranch: 'feature',
        conclusion: null,
        createdAt: at(40)
      }
    )
    service.github.mergeBases.set(`${base}...${HEAD}`, { sha: base, date: at(10).toISOString() })
    const workspace = mkdtempSync(join(tmpdir(), 'mc-not-git-'))
    const found = await lookUpBaseline({
      api: githubApi(token),
      repository: REPO,
      pullRequest: { number: 7, baseRef: 'main', baseSha: base, headSha: HEAD },
      runId: 6001,
      artifactName: 'mixed-coverage-coverage-0',
      workspace
    })
    expect(found).toMatchObject({
      status: 'found',
      runId: 7001,
      basis: 'older-run',
      branch: 'main',
      mergeBase: base
    })
    expect(found.status === 'found' && found.baseline.total).toEqual({ found: 2, hit: 1 })
  })
})

describe('the comment workflow refuses what does not belong to the run', () => {
  const fork = 'fork-owner/octo-repo'
  function relay(runId: number, triggering: number) {
    return runAction({
      workspace: mkdtempSync(join(tmpdir(), 'mc-companion-')),
      runId,
      eventName: 'workflow_run',
      event: {
        workflow_run: {
          id: triggering,
          event: 'pull_request',
          head_sha: HEAD,
          pull_requests: [],
          repository: { full_name: REPOSITORY },
          head_repository: { full_name: fork }
        }
      },
      token,
      inputs: { mode: 'comment' },
      env: service.env({ runId })
    })
  }
  const pending = (change: object) =>
    serializePendingComment({
      repository: REPOSITORY,
      pullRequest: 8,
      headSha: HEAD,
      marker: MARKER,
      body: `${MARKER}\n\nfrom the fork @octo-org/maintainers\n`,
      ...change
    })

  it("a fork's comment aimed at another pull request fails the step and posts nothing", async () => {
    await uploadRaw(8001, 'mixed-coverage-coverage-0-comment.json', pending({ pullRequest: 7 }))
    const before = service.github.commentsOn(7).map((c) => c.body)
    const result = await relay(8101, 8001)
    expect(result.exitCode).toBe(1)
    const errors = workflowCommands(result.stdout)
      .filter((c) => c.command === 'error')
      .map((c) => c.data)
    expect(errors).toEqual([
      'Not posted — mixed-coverage-coverage-0-comment.json of run 8001: pull request #7 comes from octo-org/octo-repo, the run from fork-owner/octo-repo'
    ])
    expect(service.github.commentsOn(7).map((c) => c.body)).toEqual(before)
  })

  it('a body over 65,536 characters is refused', async () => {
    await uploadRaw(
      8002,
      'mixed-coverage-coverage-0-comment.json',
      pending({ body: `${MARKER}\n${'x'.repeat(70_000)}` })
    )
    const result = await relay(8102, 8002)
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain("its body has 70080 characters, over GitHub's 65536")
    expect(service.github.commentsOn(8)).toEqual([])
  })

  it('mentions in a body are posted inert', async () => {
    await uploadRaw(8003, 'mixed-coverage-coverage-0-comment.json', pending({}))
    const result = await relay(8103, 8003)
    expect(result.exitCode).toBe(0)
    const [comment] = service.github.commentsOn(8)
    expect(comment?.body).toContain('from the fork &#64;octo-org/maintainers')
    expect(comment?.body).not.toContain('@octo-org')
  })

  it('a pull request pushed again since is left to its newer run, with a notice', async () => {
    service.github.pulls.set(8, {
      number: 8,
      headSha: 'f'.repeat(40),
      headRepository: fork,
      baseRef: 'main'
    })
    await uploadRaw(8004, 'mixed-coverage-coverage-0-comment.json', pending({}))
    const result = await relay(8104, 8004)
    expect(result.exitCode).toBe(0)
    const notices = workflowCommands(result.stdout)
      .filter((c) => c.command === 'notice')
      .map((c) => c.data)
    expect(notices).toEqual([
      `Not posted — mixed-coverage-coverage-0-comment.json of run 8004: pull request #8 was pushed again since (its head is ffffffffff, the run measured cccccccccc): its newer run comments`
    ])
  })
})
