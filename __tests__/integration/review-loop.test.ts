/**
 * The review loop end to end: the bundled action run as a runner runs it, with the real
 * toolchain on a copy of examples/pyo3-demo (fixtures/publish/review-repository.ts), and the
 * real @actions/github and @actions/artifact clients against the loopback service — workflow
 * runs, artifacts, compare, pull requests and comments. One workflow (id 4242), in order:
 *
 *   run 3001  pull request #7, first push H1: no baseline yet; the comment is created
 *   run 2001  push to main at B (the merge base): keeps the baseline
 *   run 2002  push to main at T (main moved on): keeps another
 *   run 3002  pull request #7, second push H2: the change against B; the same comment edited
 *   run 3003  pull request #8 from a fork, on GitHub's test merge of H2 into T, read-only token:
 *             the change against B (the merge base), not T; the comment cannot be posted (403)
 *             and waits in an artifact; the step succeeds
 *   run 4001  the companion workflow (workflow_run, mode: comment) posts it on #8
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { artifactNamed, commands, REPOSITORY, section } from '../support/review-runs.js'
import { runReviewScenario, type ReviewScenario } from '../support/review-scenario.js'

jest.setTimeout(900_000)

const ARTIFACT = 'mixed-coverage-coverage-0'

let scenario: ReviewScenario
let repo: ReviewScenario['repo']
let service: ReviewScenario['service']
let runs: ReviewScenario['runs']
let bodies: ReviewScenario['bodies']

beforeAll(async () => {
  scenario = await runReviewScenario()
  ;({ repo, service, runs, bodies } = scenario)
}, 900_000)

afterAll(async () => {
  await service.settled()
  await service.close()
  rmSync(repo.dir, { recursive: true, force: true })
})

const MARKER = `<!-- mixed-coverage-comment job=coverage artifact=${ARTIFACT} -->`
const sha10 = (sha: string) => sha.slice(0, 10)

describe('the first run of a pull request, before main has a baseline', () => {
  it('says plainly there is none, fails no gate for it, and gives empty change outputs', () => {
    const { outputs, summary } = runs.first
    expect(outputs).toMatchObject({
      'line-coverage': '72.31',
      'line-coverage-delta': '',
      'rust-line-coverage-delta': '',
      'python-line-coverage-delta': '',
      'baseline-commit': '',
      passed: 'true'
    })
    const reason = `no successful push run of this workflow on main is for the merge base ${sha10(repo.base)} or a commit before it`
    expect(section(summary, '### Change against the base branch')).toContain(
      `<p>No baseline for <code>main</code>: ${reason}. The coverage change is not measured, and no gate fails for it.</p>`
    )
    expect(commands(runs.first, 'notice')).toContain(
      `Line coverage change gate (fail-under-delta): no data — no baseline (${reason}). It does not fail the step.`
    )
    expect(commands(runs.first, 'warning', 'Coverage fell')).toEqual([])
  })

  it('creates the comment, with its marker first and the no-baseline sentence', () => {
    expect(runs.first.outputs['comment-url']).toBe(
      'https://github.com/octo-org/octo-repo/pull/7#issuecomment-9001'
    )
    expect(
      bodies.first.startsWith(
        `${MARKER}\n\n## Coverage\n\n<p><strong>Lines 72.31% (47/65)</strong>.</p>`
      )
    ).toBe(true)
    expect(bodies.first).toContain('<p>No baseline for <code>main</code>:')
  })
})

describe('push runs on main keep their baseline', () => {
  it('uploads <artifact-name>-baseline.json with the line counts of the commit', () => {
    const baseline = JSON.parse(
      artifactNamed(service, 2001, `${ARTIFACT}-baseline.json`)
    ) as Record<string, unknown>
    expect(baseline).toEqual({
      schema: 'mixed-coverage-baseline/1',
      commit: repo.base,
      ref: 'refs/heads/main',
      lines: { total: [59, 47], rust: [37, 29], python: [22, 18], other: [0, 0] },
      files: {
        'core/src/lib.rs': [26, 22],
        'ext/src/lib.rs': [11, 7],
        'python/pyo3_demo/__init__.py': [7, 6],
        'python/pyo3_demo/unused.py': [3, 0],
        'python/pyo3_demo/worker.py': [12, 12]
      }
    })
    expect(section(runs.base.summary, '### Baseline')).toContain(
      `This run keeps its coverage as the baseline for pull requests against this branch: artifact <a href="https://github.com/octo-org/octo-repo/actions/runs/2001/artifacts/3">${ARTIFACT}-baseline.json</a>.`
    )
    const tip = JSON.parse(artifactNamed(service, 2002, `${ARTIFACT}-baseline.json`)) as {
      commit: string
      lines: object
    }
    expect(tip.commit).toBe(repo.baseTip)
    expect(tip.lines).toEqual({ total: [65, 48], rust: [41, 29], python: [24, 19], other: [0, 0] })
  })

  it('writes the badges with the reports', () => {
    const badge = readFileSync(join(repo.dir, 'coverage', 'badge.svg'), 'utf8')
    // The last run in the workspace is the fork's merge: 67.61%.
    expect(badge).toContain('<title>coverage: 67.61%</title>')
    expect(badge).toContain('fill="#dfb317"')
  })
})

describe("the pull request's second push, whose merge base has a baseline", () => {
  it('gives the change per language and in total, in points with two decimals', () => {
    // Base B 47/59 (79.66%) → 47/65 (72.31%); Rust 29/37 → 29/41; Python 18/22 → 18/24.
    expect(runs.second.outputs).toMatchObject({
      'line-coverage': '72.31',
      'line-coverage-delta': '-7.35',
      'rust-line-coverage-delta': '-7.65',
      'python-line-coverage-delta': '-6.82',
      'baseline-commit': repo.base,
      passed: 'false'
    })
  })

  it('fails the delta gate under warn with the exact figures', () => {
    expect(commands(runs.second, 'warning', 'Coverage fell')).toEqual([
      `Line coverage changed by -7.35 points, from 79.66% (47/59) at ${sha10(repo.base)} to 72.31% (47/65): it may fall by 1 points at most (fail-under-delta); 5 more covered lines needed. on-threshold-failure is 'warn': the step succeeds.`
    ])
    expect(runs.second.summary).toContain(
      '<tr><td>Line coverage change (fail-under-delta)</td><td>-1 points</td><td>-7.35 points (79.66% → 72.31%)</td><td>❌ fail: 5 more covered lines needed</td></tr>'
    )
  })

  it('shows the change and the touched files in the summary', () => {
    const text = section(runs.second.summary, '### Change against the base branch')
    expect(text).toContain(
      `<p>Line coverage <strong>🔻 -7.35</strong> points against <code>main</code> at <code>${sha10(repo.base)}</code> (the merge base), kept by run 2001.</p>`
    )
    expect(text).toContain(CHANGE_TABLE_SECOND)
    expect(text).toContain(
      [
        '<tr><td>core/src/lib.rs</td><td>73.33% (22/30)</td><td>🔻 -11.28</td><td>14.29% (1/7)</td><td>30–37</td></tr>',
        '<tr><td>ext/src/lib.rs</td><td>63.64% (7/11)</td><td>+0.00</td><td>0.00% (0/1)</td><td>21</td></tr>',
        '<tr><td>python/pyo3&#95;demo/&#95;&#95;init&#95;&#95;.py</td><td>85.71% (6/7)</td><td>+0.00</td><td>66.67% (2/3)</td><td>12</td></tr>',
        '<tr><td>python/pyo3&#95;demo/unused.py</td><td>0.00% (0/5)</td><td>+0.00</td><td>0.00% (0/2)</td><td>9–10</td></tr>'
      ].join('\n')
    )
  })

  it('edits the one comment of the pull request instead of adding another', () => {
    expect(runs.second.outputs['comment-url']).toBe(runs.first.outputs['comment-url'])
    const [comment, ...others] = service.github.commentsOn(7)
    expect(others).toEqual([])
    expect(comment?.id).toBe(9001)
    expect(comment!.updatedAt.getTime()).toBeGreaterThan(comment!.createdAt.getTime())
    expect(bodies.second).toBe(bodies.secondFile)
    expect(bodies.second).not.toBe(bodies.first)
    expect(bodies.second).toContain(
      `<p><strong>Lines 72.31% (47/65)</strong> · <strong>🔻 -7.35</strong> points against <code>main</code> at <code>${sha10(repo.base)}</code> (the merge base).</p>`
    )
    expect(bodies.second).toContain(CHANGE_TABLE_SECOND)
    expect(bodies.second).toContain(
      '<p>Gates: ❌ Line coverage change ≥ -1 points: -7.35 points (79.66% → 72.31%)</p>'
    )
    const methods = service
      .requests()
      .filter(
        (r) => r.path.endsWith('/issues/7/comments') || r.path.endsWith('/issues/comments/9001')
      )
    expect(methods.map((r) => `${r.method} ${r.status}`)).toEqual([
      'GET 200',
      'POST 201',
      'GET 200',
      'PATCH 200'
    ])
  })
})

const CHANGE_TABLE_SECOND = [
  '<table>',
  '<tr><th></th><th>Lines</th><th>Baseline</th><th>Change (points)</th></tr>',
  '<tr><td>Rust</td><td>70.73% (29/41)</td><td>78.38% (29/37)</td><td>🔻 -7.65</td></tr>',
  '<tr><td>Python</td><td>75.00% (18/24)</td><td>81.82% (18/22)</td><td>🔻 -6.82</td></tr>',
  '<tr><td><strong>Total</strong></td><td><strong>72.31% (47/65)</strong></td><td>79.66% (47/59)</td><td><strong>🔻 -7.35</strong></td></tr>',
  '</table>'
].join('\n')

describe("a fork's pull request on GitHub's test merge after main moved on (read-only token)", () => {
  it("measures the change against the merge base's baseline, not main's tip", () => {
    // The merge M: 48/71. Against B (47/59): -12.06; against T (48/65) it would be -6.24.
    expect(runs.fork.exitCode).toBe(0)
    expect(runs.fork.outputs).toMatchObject({
      'line-coverage': '67.61',
      'line-coverage-delta': '-12.06',
      'rust-line-coverage-delta': '-13.93',
      'python-line-coverage-delta': '-8.74',
      'baseline-commit': repo.base,
      'comment-url': ''
    })
    expect(runs.fork.stdout).toContain(
      `Baseline: main at ${repo.base} (merge-base, run 2001); merge base ${repo.base}`
    )
  })

  it('does not fail the step on 403: it says so and leaves the body in the artifact', () => {
    const creates = service.requests().filter((r) => r.operation === 'REST.CreateComment')
    expect(creates.map((r) => `${r.path} ${r.status}`)).toEqual([
      '/api/v3/repos/octo-org/octo-repo/issues/7/comments 201',
      '/api/v3/repos/octo-org/octo-repo/issues/8/comments 403',
      // The comment workflow's, below.
      '/api/v3/repos/octo-org/octo-repo/issues/8/comments 201'
    ])
    expect(scenario.commentsOnForkBefore).toBe(0)
    expect(commands(runs.fork, 'notice')).toContain(
      `The pull request comment was not posted: the token may not write to the pull request (403 Resource not accessible by integration), as on pull requests from forks. Its body is in the artifact ${ARTIFACT}-comment.json; a workflow on workflow_run with mode: comment posts it.`
    )
    const pending = JSON.parse(artifactNamed(service, 3003, `${ARTIFACT}-comment.json`)) as Record<
      string,
      unknown
    >
    expect(pending).toEqual({
      schema: 'mixed-coverage-comment/1',
      repository: REPOSITORY,
      pullRequest: 8,
      headSha: repo.head2,
      marker: MARKER,
      body: bodies.forkFile
    })
    expect(bodies.forkFile).toContain('<strong>🔻 -12.06</strong> points against <code>main</code>')
  })
})

describe('the comment workflow (workflow_run, mode: comment)', () => {
  it("posts the fork's comment with the base repository's token, saying which run it came from", () => {
    expect(runs.companion.exitCode).toBe(0)
    expect(runs.companion.outputs['comment-url']).toBe(
      'https://github.com/octo-org/octo-repo/pull/8#issuecomment-9002'
    )
    const [comment, ...others] = service.github.commentsOn(8)
    expect(others).toEqual([])
    expect(comment?.body).toBe(
      `${bodies.forkFile}\n<p><sub>Posted by the comment workflow for <a href="https://github.com/octo-org/octo-repo/actions/runs/3003">run 3003</a> of commit <code>${sha10(repo.head2)}</code>.</sub></p>\n`
    )
    expect(
      service
        .requests()
        .filter((r) => r.operation === 'REST.GetPull')
        .map((r) => r.path)
    ).toEqual(['/api/v3/repos/octo-org/octo-repo/pulls/8'])
  })

  it('edits that comment when it runs again', async () => {
    const again = await scenario.companion(4002, 3003)
    expect(again.exitCode).toBe(0)
    expect(again.outputs['comment-url']).toBe(runs.companion.outputs['comment-url'])
    expect(service.github.commentsOn(8)).toHaveLength(1)
  })

  it('says there is nothing to post for a run that left no comment', async () => {
    const nothing = await scenario.companion(4003, 3002)
    expect(nothing.exitCode).toBe(0)
    expect(commands(nothing, 'notice')).toEqual([
      'Nothing to post: run 3002 left no comment to post (it posted its comments itself, or did not comment).'
    ])
  })
})
