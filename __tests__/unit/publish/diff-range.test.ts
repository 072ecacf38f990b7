/**
 * Which range changed lines are diffed over, on real repositories: GitHub's test merge commit
 * checked out (first parent → merge), the pull request's head checked out (merge base → head),
 * shallow clones of the merge, the base branch's own merge commit (pull_request_target) and
 * pushes.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { changedLines } from '../../../src/publish/changed-lines.js'
import {
  chooseDiffedRange,
  describeDiffedRange,
  type DiffRange
} from '../../../src/publish/diff-range.js'

const scratch = mkdtempSync(join(tmpdir(), 'mc-range-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args],
    { cwd, encoding: 'utf8', stdio: 'pipe' }
  ).trim()
}

const TEN_LINES = 'l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\n'

interface MergedRepository {
  dir: string
  base: string
  head: string
  baseTip: string
  merge: string
}

/**
 * main: f.txt of ten lines; feature changes line 8; main then inserts two lines at the top;
 * main merges feature with a merge commit (first parent main's tip, second the head), which
 * is checked out. In the merge the pull request's line is line 10.
 */
function makeMergedRepository(name: string): MergedRepository {
  const dir = join(scratch, name)
  git(scratch, 'init', '-q', '-b', 'main', dir)
  writeFileSync(join(dir, 'f.txt'), TEN_LINES)
  git(dir, 'add', '.')
  git(dir, 'commit', '-qm', 'base')
  const base = git(dir, 'rev-parse', 'HEAD')
  git(dir, 'checkout', '-qb', 'feature')
  writeFileSync(join(dir, 'f.txt'), TEN_LINES.replace('l8\n', 'L8\n'))
  git(dir, 'commit', '-qam', 'pull request')
  const head = git(dir, 'rev-parse', 'HEAD')
  git(dir, 'checkout', '-q', 'main')
  writeFileSync(join(dir, 'f.txt'), `new1\nnew2\n${TEN_LINES}`)
  git(dir, 'commit', '-qam', 'main moves on')
  const baseTip = git(dir, 'rev-parse', 'HEAD')
  git(dir, 'merge', '-q', '--no-ff', '-m', 'test merge', 'feature')
  const merge = git(dir, 'rev-parse', 'HEAD')
  return { dir, base, head, baseTip, merge }
}

function pullRequest(repo: MergedRepository): DiffRange {
  // The payload's base is the base branch when the pull request was last synchronized: older
  // than the merge commit's first parent here.
  return { kind: 'pull_request', base: repo.base, head: repo.head, commits: 1 }
}

function linesOf(result: Awaited<ReturnType<typeof changedLines>>): Record<string, number[]> {
  if (result.status !== 'ok') throw new Error(`changed lines ${result.status}: ${result.reason}`)
  return Object.fromEntries([...result.lines].map(([path, lines]) => [path, [...lines]]))
}

describe('chooseDiffedRange', () => {
  it("diffs a checked-out merge of the head from its first parent, the pull request's base", async () => {
    const repo = makeMergedRepository('merge')
    expect(await chooseDiffedRange(pullRequest(repo), repo.dir)).toEqual({
      status: 'ok',
      diffed: { basis: 'merge-commit', from: repo.baseTip, to: repo.merge }
    })
    const result = await changedLines(pullRequest(repo), repo.dir)
    expect(linesOf(result)).toEqual({ 'f.txt': [10] })
  })

  it('keeps merge base → head when the head itself is checked out', async () => {
    const repo = makeMergedRepository('head')
    git(repo.dir, 'checkout', '-q', '--detach', repo.head)
    expect(await chooseDiffedRange(pullRequest(repo), repo.dir)).toEqual({
      status: 'ok',
      diffed: { basis: 'merge-base', from: repo.base, to: repo.head }
    })
    expect(linesOf(await changedLines(pullRequest(repo), repo.dir))).toEqual({ 'f.txt': [8] })
  })

  it('names fetch-depth: 2 when a depth-1 clone holds the merge but not its first parent', async () => {
    const repo = makeMergedRepository('depth-1-origin')
    const clone = join(scratch, 'depth-1')
    git(scratch, 'clone', '-q', '--depth', '1', '--branch', 'main', `file://${repo.dir}`, clone)
    expect(git(clone, 'rev-parse', 'HEAD')).toBe(repo.merge)
    expect(await changedLines(pullRequest(repo), clone)).toEqual({
      status: 'unavailable',
      reason: `the checkout does not contain the first parent of the merge commit ${repo.merge.slice(0, 7)} it measured (a shallow clone); set fetch-depth: 2 on actions/checkout to measure changed lines: that is enough for a merge commit's first parent`
    })
  })

  it("measures a depth-2 clone of the merge, which lacks the payload's older base", async () => {
    const repo = makeMergedRepository('depth-2-origin')
    const clone = join(scratch, 'depth-2')
    git(scratch, 'clone', '-q', '--depth', '2', '--branch', 'main', `file://${repo.dir}`, clone)
    expect(() => git(clone, 'cat-file', '-e', `${repo.base}^{commit}`)).toThrow()
    const result = await changedLines(pullRequest(repo), clone)
    expect(result.status === 'ok' && result.diffed).toEqual({
      basis: 'merge-commit',
      from: repo.baseTip,
      to: repo.merge
    })
    expect(linesOf(result)).toEqual({ 'f.txt': [10] })
  })

  it("keeps merge base → head on a base branch tip that merged another branch (pull_request_target's checkout)", async () => {
    const repo = makeMergedRepository('target')
    git(repo.dir, 'checkout', '-q', '-b', 'other', repo.baseTip)
    writeFileSync(join(repo.dir, 'other.txt'), 'other\n')
    git(repo.dir, 'add', '.')
    git(repo.dir, 'commit', '-qm', 'another pull request')
    git(repo.dir, 'checkout', '-q', '--detach', repo.baseTip)
    git(repo.dir, 'merge', '-q', '--no-ff', '-m', 'merge another pull request', 'other')
    const result = await changedLines(pullRequest(repo), repo.dir)
    expect(result.status === 'ok' && result.diffed).toEqual({
      basis: 'merge-base',
      from: repo.base,
      to: repo.head
    })
    expect(linesOf(result)).toEqual({ 'f.txt': [8] })
  })

  it('diffs a push from before to after, whatever is checked out', async () => {
    const repo = makeMergedRepository('push')
    const push: DiffRange = { kind: 'push', base: repo.baseTip, head: repo.merge }
    expect(await chooseDiffedRange(push, repo.dir)).toEqual({
      status: 'ok',
      diffed: { basis: 'push', from: repo.baseTip, to: repo.merge }
    })
  })
})

describe('describeDiffedRange', () => {
  it('says which range was diffed', () => {
    const [from, to] = ['a'.repeat(40), 'bcdef0123'.padEnd(40, '9')]
    expect(describeDiffedRange({ basis: 'merge-commit', from, to })).toBe(
      'merge commit bcdef01: first parent → merge'
    )
    expect(describeDiffedRange({ basis: 'merge-base', from, to })).toBe('merge base → head')
    expect(describeDiffedRange({ basis: 'push', from, to })).toBe('push: before → after')
  })
})
