import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { changedLinesOfRun } from '../../../src/publish/event.js'

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
