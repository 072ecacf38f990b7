import { describe, expect, it } from '@jest/globals'
import {
  describeAttempts,
  firstWayThatWorks,
  Skip,
  type InstallLog
} from '../../../src/install/ways.js'

function collector(): InstallLog & { lines: string[] } {
  const lines: string[] = []
  return {
    lines,
    info: (message) => lines.push(`info ${message}`),
    debug: (message) => lines.push(`debug ${message}`),
    warning: (message) => lines.push(`warning ${message}`)
  }
}

describe('firstWayThatWorks', () => {
  it('stops at the first way that yields, recording skips and failures before it', async () => {
    const log = collector()
    const tried: string[] = []
    const result = await firstWayThatWorks(
      'tool',
      [
        { name: 'a', attempt: async () => (tried.push('a'), new Skip('nothing there')) },
        {
          name: 'b',
          attempt: async () => {
            tried.push('b')
            throw new Error('host unreachable\nsecond line')
          }
        },
        { name: 'c', attempt: async () => (tried.push('c'), '/bin/tool') },
        { name: 'd', attempt: async () => (tried.push('d'), '/never') }
      ],
      log,
      (value) => value
    )
    expect(tried).toEqual(['a', 'b', 'c'])
    expect(result.winner).toBe('c')
    expect(result.value).toBe('/bin/tool')
    expect(result.attempts.map((a) => [a.way, a.outcome, a.detail])).toEqual([
      ['a', 'skipped', 'nothing there'],
      ['b', 'failed', 'host unreachable'],
      ['c', 'found', '/bin/tool']
    ])
    expect(log.lines[1]).toMatch(/^info tool: b: failed \(\d+ ms\) — host unreachable$/)
  })

  it('returns no winner when every way is exhausted, and lists them for the error', async () => {
    const result = await firstWayThatWorks(
      'tool',
      [{ name: 'only', attempt: async () => new Skip('not allowed') }],
      collector(),
      String
    )
    expect(result.value).toBeUndefined()
    expect(describeAttempts(result.attempts)).toEqual([
      expect.stringMatching(/^only: skipped after \d+ ms — not allowed$/)
    ])
  })
})
