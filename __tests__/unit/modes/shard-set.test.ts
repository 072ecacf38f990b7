import { describe, expect, it } from '@jest/globals'
import {
  checkCommits,
  checkShardIdentity,
  checkShardSet,
  parseExpectedShards,
  ShardError
} from '../../../src/modes/index.js'
import { windowsManifest } from './helpers/manifests.js'

const PREFIX = 'mixed-coverage-shard-'

function messageOf(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(ShardError)
    return (error as Error).message
  }
  throw new Error('expected a ShardError')
}

describe('expected-shards', () => {
  it('is a count when it is one whole number, else a list of names', () => {
    expect(parseExpectedShards([])).toEqual({ kind: 'any' })
    expect(parseExpectedShards(['3'])).toEqual({ kind: 'count', count: 3 })
    expect(parseExpectedShards(['linux', 'windows'])).toEqual({
      kind: 'names',
      names: ['linux', 'windows']
    })
    expect(parseExpectedShards(['3', '4'])).toEqual({ kind: 'names', names: ['3', '4'] })
  })

  it('refuses a count of 0 and a name given twice', () => {
    expect(messageOf(() => parseExpectedShards(['0']))).toBe(
      'expected-shards is 0: give at least 1'
    )
    expect(messageOf(() => parseExpectedShards(['a', 'b', 'a']))).toBe(
      'expected-shards names a more than once'
    )
  })
})

describe('the shards found against the shards expected', () => {
  const names = parseExpectedShards(['linux-3.12', 'windows-3.12', 'macos-3.13'])

  it('passes when every expected shard is there, sorted', () => {
    const found = ['windows-3.12', 'macos-3.13', 'linux-3.12']
    expect(checkShardSet(found, names, PREFIX)).toEqual([
      'linux-3.12',
      'macos-3.13',
      'windows-3.12'
    ])
    expect(checkShardSet(found, parseExpectedShards(['3']), PREFIX)).toHaveLength(3)
    expect(checkShardSet(['a'], { kind: 'any' }, PREFIX)).toEqual(['a'])
  })

  it('names the missing shard, what was expected and what was found', () => {
    const message = messageOf(() => checkShardSet(['linux-3.12', 'macos-3.13'], names, PREFIX))
    expect(message).toMatch(
      /^Missing shard\(s\): windows-3.12. Expected linux-3.12, windows-3.12, macos-3.13; found linux-3.12, macos-3.13. /
    )
    expect(message).toMatch(/must list every shard job in needs:/)
  })

  it('refuses a count that does not match, either way', () => {
    expect(messageOf(() => checkShardSet(['a'], parseExpectedShards(['2']), PREFIX))).toMatch(
      /^expected-shards is 2 but 1 shard\(s\) were found \(missing\): a\. /
    )
    expect(
      messageOf(() => checkShardSet(['a', 'b', 'c'], parseExpectedShards(['2']), PREFIX))
    ).toMatch(/^expected-shards is 2 but 3 shard\(s\) were found \(more than expected\)/)
  })

  it('refuses a shard the list does not name, and an empty run', () => {
    const found = ['linux-3.12', 'windows-3.12', 'macos-3.13', 'linux-3.14']
    expect(messageOf(() => checkShardSet(found, names, PREFIX))).toBe(
      'Shard(s) not in expected-shards: linux-3.14. Add them to expected-shards, or give the count.'
    )
    expect(messageOf(() => checkShardSet([], { kind: 'any' }, PREFIX))).toMatch(
      /^No shard artifacts named mixed-coverage-shard-\* in this workflow run\. /
    )
  })
})

describe('shard manifests against the merge job', () => {
  const head = 'a'.repeat(40)

  it('refuses shards of another commit, naming each with its commit', () => {
    const shards = [
      windowsManifest({ shard: 'w', commit: head }),
      windowsManifest({ shard: 'l', commit: 'b'.repeat(40) }),
      windowsManifest({ shard: 'm', commit: '' })
    ]
    expect(messageOf(() => checkCommits(shards, head))).toMatch(
      new RegExp(
        `^Shard\\(s\\) from another commit: l \\(${'b'.repeat(40)}\\), m \\(no commit recorded\\); this job merges ${head}\\.`
      )
    )
    expect(() => checkCommits(shards.slice(0, 1), head)).not.toThrow()
    // Not on a runner: nothing to compare against.
    expect(() => checkCommits(shards, '')).not.toThrow()
  })

  it('refuses a manifest whose shard is not the one its artifact name says', () => {
    const manifest = windowsManifest({ shard: 'linux' })
    expect(messageOf(() => checkShardIdentity(manifest, 'windows', `${PREFIX}windows`))).toBe(
      "mixed-coverage-shard-windows: its manifest says shard 'linux', its name says 'windows'"
    )
  })
})
