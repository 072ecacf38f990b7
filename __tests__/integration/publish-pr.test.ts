/**
 * A pull request on examples/pyo3-demo, end to end: the bundled action run as a runner runs it
 * on a pull_request event, with the real toolchain and the real artifact client against the
 * loopback results service. The branch (fixtures/publish/pr-repository.ts) changes Rust and
 * Python lines, some reached by the tests and some not; the test asserts the exact
 * changed-line coverage, the annotations, the summary's changed-lines section and the
 * artifact. Two full runs: thresholds that cannot be met under warn, then under fail. A third
 * runs on GitHub's test merge of the same pull request after main moved on (what
 * actions/checkout checks out by default): the same changed lines, in the merge's numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { runAction, type RunActionResult } from '../../scripts/runner.mjs'
import {
  makeMergedPullRequestRepository,
  makePullRequestRepository,
  type PullRequestRepository
} from '../fixtures/publish/pr-repository.js'
import { workflowCommands, type WorkflowCommand } from '../fixtures/publish/workflow-commands.js'
import { REPO_ROOT, venvEnv } from '../helpers/toolchain.js'
import { captureStdout, setEnv, snapshotDir } from '../support/process-helpers.js'
import { startResultsService, type ResultsService } from '../support/results-service.js'

const THRESHOLDS = {
  'fail-under-lines': '100',
  'fail-under-changed-lines': '90',
  'fail-under-python-lines': '50'
}

let repo: PullRequestRepository
let service: ResultsService
let warnRun: RunActionResult

function pullRequestEvent(base: string, head: string): object {
  const text = readFileSync(join(REPO_ROOT, '__tests__/fixtures/publish/pull_request.json'), 'utf8')
  return JSON.parse(text.replace('BASE_SHA', base).replace('HEAD_SHA', head)) as object
}

async function runOnPullRequest(inputs: Record<string, string>): Promise<RunActionResult> {
  return runAction({
    workspace: repo.dir,
    inputs: { ...THRESHOLDS, ...inputs },
    env: { ...venvEnv(), ...service.env() },
    event: pullRequestEvent(repo.base, repo.head),
    eventName: 'pull_request'
  })
}

function changedSection(result: RunActionResult): string {
  const { summary } = result
  return summary.slice(summary.indexOf('### Changed lines'), summary.indexOf('### Least covered'))
}

function annotated(result: RunActionResult): string[][] {
  return warnings(result, 'Not covered by tests').map((c) => [
    c.properties.file ?? '',
    c.properties.line ?? '',
    c.properties.endLine ?? '',
    c.data
  ])
}

function warnings(result: RunActionResult, title: string): WorkflowCommand[] {
  return workflowCommands(result.stdout).filter(
    (c) => c.command === 'warning' && c.properties.title === title
  )
}

beforeAll(async () => {
  repo = makePullRequestRepository('examples/pyo3-demo', REPO_ROOT)
  service = await startResultsService({ repository: 'octo-org/octo-repo', runId: 808 })
  warnRun = await runOnPullRequest({
    'on-threshold-failure': 'warn',
    'artifact-name': 'coverage-pr'
  })
  if (warnRun.exitCode !== 0)
    throw new Error(`action failed (${warnRun.exitCode}):\n${warnRun.stdout.slice(-6000)}`)
}, 900_000)

afterAll(async () => {
  await service.settled()
  await service.close()
  rmSync(repo.dir, { recursive: true, force: true })
})

describe('a pull request with thresholds it cannot meet, on-threshold-failure: warn', () => {
  it('measures the exact coverage of the changed lines', () => {
    // Changed instrumented lines: Rust core 7 (ran), 30-32, 35-37; ext 21; Python 11, 13 (ran),
    // 12; unused.py 9, 10.
    expect(warnRun.outputs['changed-line-coverage']).toBe(((3 / 13) * 100).toFixed(2))
  })

  it('annotates the uncovered changed ranges, largest first, with exact files and lines', () => {
    const annotations = annotated(warnRun)
    // git's diff counts never_called's closing brace (32) as changed and the new function's
    // (38) as the old line: 30-37 is one range, joined across the lines no tool instruments.
    expect(annotations).toEqual([
      [
        'core/src/lib.rs',
        '30',
        '37',
        'Changed lines 30–37 (6 instrumented) are not run by any test.'
      ],
      ['python/pyo3_demo/unused.py', '9', '10', 'Changed lines 9–10 are not run by any test.'],
      ['ext/src/lib.rs', '21', '21', 'Changed line 21 is not run by any test.'],
      ['python/pyo3_demo/__init__.py', '12', '12', 'Changed line 12 is not run by any test.']
    ])
  })

  it('succeeds with passed=false and one warning per failed gate', () => {
    expect(warnRun.outputs).toMatchObject({ passed: 'false', 'tests-passed': 'true' })
    expect(warnings(warnRun, 'Coverage below threshold').map((c) => c.data)).toEqual([
      expect.stringMatching(
        /^Lines coverage \d+\.\d\d% \(\d+\/\d+\) is under the minimum 100% \(fail-under-lines\): \d+ more covered lines needed\. on-threshold-failure is 'warn'/
      ),
      "Changed lines coverage 23.08% (3/13) is under the minimum 90% (fail-under-changed-lines): 9 more covered changed lines needed. on-threshold-failure is 'warn': the step succeeds."
    ])
    expect(workflowCommands(warnRun.stdout).filter((c) => c.command === 'error')).toEqual([])
  })

  it("writes the summary's changed-lines section", () => {
    const section = changedSection(warnRun)
    // The head itself is checked out: its own numbers, from the merge base.
    expect(section).toContain(
      `<strong>23.08% (3/13)</strong> of the instrumented lines this pull request adds or changes ran in the tests — Rust 12.50% (1/8) · Python 40.00% (2/5). Compared ${repo.base.slice(0, 12)} → ${repo.head.slice(0, 12)} (merge base → head).`
    )
    expect(warnRun.stdout).toContain(
      `Changed lines (merge base → head): ${repo.base}..${repo.head}, 4 file(s)`
    )
    expect(section).toContain(
      [
        '<tr><td>core/src/lib.rs</td><td>14.29% (1/7)</td><td>30–37</td></tr>',
        '<tr><td>python/pyo3&#95;demo/unused.py</td><td>0.00% (0/2)</td><td>9–10</td></tr>',
        '<tr><td>ext/src/lib.rs</td><td>0.00% (0/1)</td><td>21</td></tr>',
        '<tr><td>python/pyo3&#95;demo/&#95;&#95;init&#95;&#95;.py</td><td>66.67% (2/3)</td><td>12</td></tr>'
      ].join('\n')
    )
    expect(section).toContain('<p>Annotated 4 uncovered ranges.</p>')
    expect(warnRun.summary).toContain(
      '<strong>❌ 2 of 3 coverage gates failed</strong> (on-threshold-failure: warn — the step still succeeds)'
    )
  })

  it('uploads one artifact with the reports and the HTML report, byte for byte', async () => {
    const id = warnRun.outputs['artifact-id']
    expect(warnRun.outputs['artifact-url']).toBe(
      `https://github.com/octo-org/octo-repo/actions/runs/808/artifacts/${id}`
    )
    // The client logs to stdout (debug lines, masks); keep that out of the test output.
    const restore = setEnv(service.env())
    const captured = captureStdout()
    try {
      const { DefaultArtifactClient } = await import('@actions/artifact')
      const target = mkdtempSync(join(warnRun.files.temp, 'download-'))
      await new DefaultArtifactClient().downloadArtifact(Number(id), { path: target })
      const files = snapshotDir(target)
      expect(Object.keys(files)).toEqual(
        expect.arrayContaining([
          'lcov.info',
          'cobertura.xml',
          'coverage-summary.json',
          'summary.md',
          'html/index.html',
          'html/style.css',
          'html/tools/rust/index.html',
          'html/tools/python/index.html'
        ])
      )
      // The merged report's page of core/src/lib.rs marks the pull request's uncovered lines.
      const pages = Object.keys(files).filter((path) =>
        /^html\/files\/\d+-lib\.rs\.html$/.test(path)
      )
      const marked = pages.filter((path) =>
        readFileSync(join(target, path), 'utf8').includes('<tr id=L30 class="miss chg">')
      )
      expect(marked).toHaveLength(1)
      expect(readFileSync(join(target, 'lcov.info'))).toEqual(
        readFileSync(warnRun.outputs['lcov-path'] as string)
      )
      expect(readFileSync(join(target, 'summary.md'), 'utf8')).toContain('23.08% (3/13)')
    } finally {
      captured.restore()
      restore()
    }
  })
})

describe('the same pull request under on-threshold-failure: fail', () => {
  it('fails the step after writing the reports, the summary and every output', async () => {
    const failRun = await runOnPullRequest({
      'on-threshold-failure': 'fail',
      'upload-artifact': 'false'
    })
    expect(failRun.exitCode).toBe(1)
    expect(failRun.outputs).toMatchObject({
      passed: 'false',
      'tests-passed': 'true',
      'changed-line-coverage': '23.08',
      'artifact-id': ''
    })
    for (const output of ['lcov-path', 'cobertura-path', 'summary-json-path']) {
      expect(existsSync(failRun.outputs[output] as string)).toBe(true)
    }
    const [error] = workflowCommands(failRun.stdout).filter((c) => c.command === 'error')
    expect(error?.data).toMatch(
      /^Lines coverage .* \(fail-under-lines\): \d+ more covered lines needed\nChanged lines coverage 23\.08% \(3\/13\) is under the minimum 90%/
    )
    expect(warnings(failRun, 'Coverage below threshold')).toEqual([])
    expect(failRun.summary).toContain('<strong>❌ 2 of 3 coverage gates failed</strong> ·')
  }, 900_000)
})

describe("GitHub's test merge of the pull request after main moved on", () => {
  it("measures and annotates the same changed lines in the merge commit's numbers", async () => {
    // main inserted 6 lines into core/src/lib.rs and 5 into __init__.py above the pull
    // request's changes. The payload's base is the branch point, older than the merge's first
    // parent: GitHub's pull_request.base.sha can lag the base branch.
    const merged = makeMergedPullRequestRepository('examples/pyo3-demo', REPO_ROOT)
    try {
      const run = await runAction({
        workspace: merged.dir,
        inputs: { ...THRESHOLDS, 'on-threshold-failure': 'warn', 'upload-artifact': 'false' },
        env: { ...venvEnv(), ...service.env() },
        event: pullRequestEvent(merged.base, merged.head),
        eventName: 'pull_request',
        sha: merged.merge
      })
      expect(run.exitCode).toBe(0)
      expect(run.outputs['changed-line-coverage']).toBe('23.08')
      // Diffed merge base → head (the head's numbers), this run gave 36.36% (4/11): lines the
      // pull request did not touch annotated as its own (core/src/lib.rs 7, the closing brace
      // of main's new function, and 35), its 38, 41–43 and __init__.py's 17 not.
      expect(annotated(run)).toEqual([
        [
          'core/src/lib.rs',
          '36',
          '43',
          'Changed lines 36–43 (6 instrumented) are not run by any test.'
        ],
        ['python/pyo3_demo/unused.py', '9', '10', 'Changed lines 9–10 are not run by any test.'],
        ['ext/src/lib.rs', '21', '21', 'Changed line 21 is not run by any test.'],
        ['python/pyo3_demo/__init__.py', '17', '17', 'Changed line 17 is not run by any test.']
      ])
      const section = changedSection(run)
      // The summary escapes every text it quotes, the colon too (&#58;): it renders as ':'.
      expect(section).toContain(
        `ran in the tests — Rust 12.50% (1/8) · Python 40.00% (2/5). Compared ${merged.baseTip.slice(0, 12)} → ${merged.merge.slice(0, 12)} (merge commit ${merged.merge.slice(0, 7)}&#58; first parent → merge).`
      )
      expect(section).toContain(
        [
          '<tr><td>core/src/lib.rs</td><td>14.29% (1/7)</td><td>36–43</td></tr>',
          '<tr><td>python/pyo3&#95;demo/unused.py</td><td>0.00% (0/2)</td><td>9–10</td></tr>',
          '<tr><td>ext/src/lib.rs</td><td>0.00% (0/1)</td><td>21</td></tr>',
          '<tr><td>python/pyo3&#95;demo/&#95;&#95;init&#95;&#95;.py</td><td>66.67% (2/3)</td><td>17</td></tr>'
        ].join('\n')
      )
      expect(run.stdout).toContain(
        `Changed lines (merge commit ${merged.merge.slice(0, 7)}: first parent → merge): ${merged.baseTip}..${merged.merge}, 4 file(s)`
      )
    } finally {
      rmSync(merged.dir, { recursive: true, force: true })
    }
  }, 900_000)
})
