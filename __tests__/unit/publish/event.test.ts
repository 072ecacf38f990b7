import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ChangedLinesResult } from '../../../src/publish/changed-lines.js'
import { changedLinesOfRun } from '../../../src/publish/event.js'
import {
  makeMergedPullRequestRepository,
  type MergedPullRequestRepository
} from '../../fixtures/publish/pr-repository.js'
import { REPO_ROOT } from '../../helpers/toolchain.js'

/** Everything this file writes: a repository and an event payload beside it. */
const scratch = mkdtempSync(join(tmpdir(), 'mc-event-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
    cwd,
    encoding: 'utf8'
  }).trim()
}

describe('changedLinesOfRun', () => {
  it('reads the pull request from the event payload the runner wrote', async () => {
    const dir = join(scratch, 'repo')
    mkdirSync(dir)
    git(dir, 'init', '-q', '-b', 'main')
    writeFileSync(join(dir, 'a.py'), 'one\ntwo\n')
    git(dir, 'add', '.')
    git(dir, 'commit', '-qm', 'base')
    const base = git(dir, 'rev-parse', 'HEAD')
    writeFileSync(join(dir, 'a.py'), 'one\nTWO\nthree\n')
    git(dir, 'commit', '-qam', 'change')
    const head = git(dir, 'rev-parse', 'HEAD')
    const eventPath = join(scratch, 'event.json')
    writeFileSync(
      eventPath,
      JSON.stringify({ pull_request: { base: { sha: base }, head: { sha: head } } })
    )

    const result = await changedLinesOfRun(dir, {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventPath
    })
    expect(result.status).toBe('ok')
    if (result.status === 'ok') expect([...(result.lines.get('a.py') ?? [])]).toEqual([2, 3])
  })

  it('is off without a readable payload', async () => {
    const missing = await changedLinesOfRun(scratch, {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: join(scratch, 'no-such-event.json')
    })
    expect(missing).toEqual({ status: 'off', reason: 'the runner gave no readable event payload' })
  })
})

describe("changedLinesOfRun on GitHub's test merge commit", () => {
  // The pull request of the integration tests, merged after main inserted a function above its
  // changes (fixtures/publish/pr-repository.ts has the line numbers).
  let repo: MergedPullRequestRepository
  let env: NodeJS.ProcessEnv
  beforeAll(() => {
    repo = makeMergedPullRequestRepository('examples/pyo3-demo', REPO_ROOT)
    const eventPath = join(scratch, 'merged-event.json')
    writeFileSync(
      eventPath,
      JSON.stringify({ pull_request: { base: { sha: repo.base }, head: { sha: repo.head } } })
    )
    env = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventPath }
  })
  afterAll(() => rmSync(repo.dir, { recursive: true, force: true }))
  const byFile = (result: ChangedLinesResult) =>
    result.status === 'ok'
      ? Object.fromEntries([...result.lines].map(([path, lines]) => [path, [...lines]]))
      : result

  it('names the lines the pull request brings into the merge, in the merge', async () => {
    const result = await changedLinesOfRun(repo.dir, env)
    expect(byFile(result)).toEqual({
      'core/src/lib.rs': [13, 36, 37, 38, 39, 40, 41, 42, 43],
      'ext/src/lib.rs': [21],
      'python/pyo3_demo/__init__.py': [16, 17, 18],
      'python/pyo3_demo/unused.py': [7, 8, 9, 10]
    })
    expect(result.status === 'ok' && result.diffed).toEqual({
      basis: 'merge-commit',
      from: repo.baseTip,
      to: repo.merge
    })
  })

  it("gives the head's own numbers for a checkout of the head, which name other code in the merge", async () => {
    git(repo.dir, 'checkout', '-q', '--detach', repo.head)
    try {
      const result = await changedLinesOfRun(repo.dir, env)
      expect(byFile(result)).toMatchObject({
        'core/src/lib.rs': [7, 30, 31, 32, 33, 34, 35, 36, 37],
        'python/pyo3_demo/__init__.py': [11, 12, 13]
      })
    } finally {
      git(repo.dir, 'checkout', '-q', '--detach', repo.merge)
    }
    // Those numbers in the merged tree: the closing brace of main's function, not the line the
    // pull request changed (`// rolling hash`, line 13 there).
    const merged = git(repo.dir, 'show', `${repo.merge}:core/src/lib.rs`).split('\n')
    expect(merged[7 - 1]).toBe('}')
    expect(merged[13 - 1]).toContain('// rolling hash')
  })
})
