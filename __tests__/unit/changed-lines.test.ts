import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { changedLines } from '../../src/publish/changed-lines.js'
import { diffRangeFromEvent } from '../../src/publish/diff-range.js'
import { cUnquote, parseUnifiedDiff } from '../../src/publish/diff.js'

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
    cwd,
    encoding: 'utf8'
  }).trim()
}

/** A repository with a base commit on main and a two-commit feature branch. */
function makeRepository(): { dir: string; base: string; head: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mc-diff-'))
  git(dir, 'init', '-q', '-b', 'main')
  mkdirSync(join(dir, 'src'))
  writeFileSync(join(dir, 'src', 'lib.rs'), 'a\nb\nc\nd\ne\n')
  writeFileSync(join(dir, 'gone.py'), 'x\n')
  git(dir, 'add', '.')
  git(dir, 'commit', '-qm', 'base')
  const base = git(dir, 'rev-parse', 'HEAD')
  git(dir, 'checkout', '-qb', 'feature')
  writeFileSync(join(dir, 'src', 'lib.rs'), 'a\nB\nc\nd\ne\nf\ng\n')
  git(dir, 'commit', '-qam', 'change lib')
  writeFileSync(join(dir, 'new file.py'), 'one\ntwo\n')
  git(dir, 'rm', '-q', 'gone.py')
  git(dir, 'add', '.')
  git(dir, 'commit', '-qm', 'add and remove')
  return { dir, base, head: git(dir, 'rev-parse', 'HEAD') }
}

describe('parseUnifiedDiff', () => {
  it('collects the new-side lines of every hunk', () => {
    const diff = [
      'diff --git a/x.rs b/x.rs',
      '--- a/x.rs',
      '+++ b/x.rs',
      '@@ -2 +2 @@',
      '-old',
      '+new',
      '@@ -10,0 +11,3 @@',
      '+a',
      '@@ -20,2 +22,0 @@',
      'diff --git a/y.py b/y.py',
      '--- a/y.py',
      '+++ /dev/null',
      '@@ -1 +0,0 @@'
    ].join('\n')
    const lines = parseUnifiedDiff(diff)
    expect([...lines.keys()]).toEqual(['x.rs'])
    expect([...(lines.get('x.rs') ?? [])]).toEqual([2, 11, 12, 13])
  })

  it('reads C-quoted paths with UTF-8 octal escapes', () => {
    expect(cUnquote('"b/caf\\303\\251 \\"x\\".py"')).toBe('b/café "x".py')
  })
})

describe('diffRangeFromEvent', () => {
  it('takes base and head of a pull request', () => {
    const payload = { pull_request: { base: { sha: 'b1' }, head: { sha: 'h1' }, commits: 3 } }
    expect(diffRangeFromEvent('pull_request', payload)).toEqual({
      kind: 'pull_request',
      base: 'b1',
      head: 'h1',
      commits: 3
    })
  })
  it('takes the pushed range, and is off for a new branch or other events', () => {
    expect(diffRangeFromEvent('push', { before: 'a1', after: 'b2' })?.kind).toBe('push')
    expect(diffRangeFromEvent('push', { before: '0'.repeat(40), after: 'b2' })).toBeUndefined()
    expect(diffRangeFromEvent('schedule', {})).toBeUndefined()
  })
})

describe('changedLines on a real repository', () => {
  it('diffs from the merge base to the head of the pull request', async () => {
    const { dir, base, head } = makeRepository()
    // main moves on after the branch point: its change must not count as the PR's.
    git(dir, 'checkout', '-q', 'main')
    writeFileSync(join(dir, 'other.rs'), 'main only\n')
    git(dir, 'add', '.')
    git(dir, 'commit', '-qm', 'main moves')
    const mainTip = git(dir, 'rev-parse', 'HEAD')
    const range = diffRangeFromEvent('pull_request', {
      pull_request: { base: { sha: mainTip }, head: { sha: head } }
    })
    const result = await changedLines(range, dir)
    expect(result.status).toBe('ok')
    if (result.status !== 'ok') return
    expect(Object.fromEntries([...result.lines].map(([k, v]) => [k, [...v]]))).toEqual({
      'src/lib.rs': [2, 6, 7],
      'new file.py': [1, 2]
    })
    expect(base).not.toBe(mainTip)
  })

  it('keys paths relative to a workspace below the repository top', async () => {
    const { dir, base, head } = makeRepository()
    const result = await changedLines({ kind: 'push', base, head }, join(dir, 'src'))
    expect(result.status === 'ok' && [...result.lines.keys()].sort()).toEqual([
      '../new file.py',
      'lib.rs'
    ])
  })

  it('says which fetch-depth to set when the history is too shallow', async () => {
    const { dir, base, head } = makeRepository()
    const shallow = mkdtempSync(join(tmpdir(), 'mc-shallow-'))
    git(shallow, 'clone', '-q', '--depth', '1', '--branch', 'feature', `file://${dir}`, '.')
    const result = await changedLines({ kind: 'pull_request', base, head, commits: 2 }, shallow)
    expect(result).toEqual({
      status: 'unavailable',
      reason:
        'the checkout does not contain the merge base of the pull request; set fetch-depth: 3 or more on actions/checkout to measure changed lines'
    })
  })

  it('keys paths the same when the workspace is reached through a symlink', async () => {
    // git names the top level by its real path (macOS: /var/... is /private/var/...).
    const { dir, base, head } = makeRepository()
    const link = join(mkdtempSync(join(tmpdir(), 'mc-link-')), 'checkout')
    symlinkSync(dir, link)
    const atTop = await changedLines({ kind: 'push', base, head }, link)
    expect(atTop.status === 'ok' && [...atTop.lines.keys()].sort()).toEqual([
      'new file.py',
      'src/lib.rs'
    ])
    const below = await changedLines({ kind: 'push', base, head }, join(link, 'src'))
    expect(below.status === 'ok' && [...below.lines.keys()].sort()).toEqual([
      '../new file.py',
      'lib.rs'
    ])
  })

  it("ignores the repository's diff.noprefix, diff.mnemonicPrefix and diff.renames", async () => {
    const { dir, base } = makeRepository()
    // A top-level directory named b: without prefixes, "+++ b/x.rs" would read as x.rs.
    mkdirSync(join(dir, 'b'))
    writeFileSync(join(dir, 'b', 'x.rs'), 'one\ntwo\n')
    git(dir, 'add', '.')
    git(dir, 'commit', '-qm', 'b/x.rs')
    git(dir, 'mv', 'src/lib.rs', 'src/moved.rs')
    git(dir, 'commit', '-qm', 'move')
    const head = git(dir, 'rev-parse', 'HEAD')
    for (const [key, value] of [
      ['diff.noprefix', 'true'],
      ['diff.mnemonicPrefix', 'true'],
      ['diff.renames', 'false'],
      ['diff.relative', 'true']
    ]) {
      git(dir, 'config', key as string, value as string)
    }
    const result = await changedLines({ kind: 'push', base, head }, dir)
    expect(
      result.status === 'ok' && Object.fromEntries([...result.lines].map(([k, v]) => [k, [...v]]))
    ).toEqual({
      'b/x.rs': [1, 2],
      'new file.py': [1, 2],
      // The lines the branch changed, not the whole moved file.
      'src/moved.rs': [2, 6, 7]
    })
  })

  it('names both causes when the previous commit of a push is missing', async () => {
    const { dir, head } = makeRepository()
    const result = await changedLines({ kind: 'push', base: 'f'.repeat(40), head }, dir)
    expect(result).toEqual({
      status: 'unavailable',
      reason:
        "the checkout does not contain the push's previous commit: either the history is too shallow (set fetch-depth: 0 on actions/checkout) or the push rewrote history (a force-push), which leaves no range to measure changed lines against"
    })
  })

  it('is off without a range', async () => {
    expect((await changedLines(undefined, '/')).status).toBe('off')
  })
})
