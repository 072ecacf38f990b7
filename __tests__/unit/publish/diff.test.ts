import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseUnifiedDiff } from '../../../src/publish/diff.js'

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
    cwd,
    encoding: 'utf8'
  })
}

describe('parseUnifiedDiff on content that looks like headers', () => {
  it("reads an added '++ x' and a removed '-- y' line as content, not as a file header", () => {
    const dir = mkdtempSync(join(tmpdir(), 'mc-headers-'))
    git(dir, 'init', '-q', '-b', 'main')
    writeFileSync(join(dir, 'a.sql'), 'select 1;\n-- y\nselect 2;\n')
    writeFileSync(join(dir, 'b.py'), 'one\ntwo\nthree\n')
    git(dir, 'add', '.')
    git(dir, 'commit', '-qm', 'base')
    writeFileSync(join(dir, 'a.sql'), 'select 1;\n++ x\nselect 2;\n++ z\n')
    writeFileSync(join(dir, 'b.py'), 'one\nTWO\nthree\n')
    const diff = git(dir, '-c', 'core.quotepath=off', 'diff', '--no-color', '--unified=0')
    expect(diff).toContain('\n+++ x\n')

    const changed = parseUnifiedDiff(diff)
    expect(Object.fromEntries([...changed].map(([path, lines]) => [path, [...lines]]))).toEqual({
      'a.sql': [2, 4],
      'b.py': [2]
    })
  })
})

describe('changedLines and the event payload', () => {
  it('never passes a base or head that is not a commit id to git', async () => {
    const { changedLines } = await import('../../../src/publish/changed-lines.js')
    const output = join(mkdtempSync(join(tmpdir(), 'mc-option-')), 'written-by-git')
    const result = await changedLines(
      { kind: 'push', base: 'HEAD', head: `--output=${output}` },
      process.cwd()
    )
    expect(result).toEqual({
      status: 'unavailable',
      reason: 'the event names a base or head that is not a commit id'
    })
    expect(existsSync(output)).toBe(false)
  })
})
