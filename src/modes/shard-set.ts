/**
 * Which shards a merge takes: the artifacts found against input `expected-shards`, and the
 * manifests against the commit being merged. Pure; every refusal says what was expected, what
 * was found and the usual reasons for the difference.
 */
import { ShardError, type ShardManifest } from './manifest.js'

/** `expected-shards`: the shard identities that must all be there, or how many. */
export type ExpectedShards =
  { kind: 'any' } | { kind: 'count'; count: number } | { kind: 'names'; names: string[] }

/** A single whole number is a count; anything else is a list of shard identities. */
export function parseExpectedShards(list: readonly string[]): ExpectedShards {
  const [first] = list
  if (first === undefined) return { kind: 'any' }
  if (list.length === 1 && /^\d+$/.test(first)) {
    const count = Number(first)
    if (count < 1) throw new ShardError(`expected-shards is ${first}: give at least 1`)
    return { kind: 'count', count }
  }
  const repeated = list.filter((name, index) => list.indexOf(name) !== index)
  if (repeated.length > 0) {
    throw new ShardError(`expected-shards names ${repeated.join(', ')} more than once`)
  }
  return { kind: 'names', names: [...list] }
}

const WHY_MISSING =
  'A shard is missing when its job failed or was skipped before the upload, ran with another ' +
  'shard-artifact-prefix, or has not finished: the merge job must list every shard job in needs:.'

/**
 * Checks the shard identities found (artifact names without the prefix) against what was
 * expected; returns them sorted. Throws a ShardError on any difference.
 */
export function checkShardSet(
  found: readonly string[],
  expected: ExpectedShards,
  prefix: string
): string[] {
  const shards = [...found].sort()
  const shown = shards.length > 0 ? shards.join(', ') : 'none'
  if (shards.length === 0) {
    throw new ShardError(
      `No shard artifacts named ${prefix}* in this workflow run. Run the shard jobs with mode: collect and the same shard-artifact-prefix. ${WHY_MISSING}`
    )
  }
  if (expected.kind === 'count' && shards.length !== expected.count) {
    const problem = shards.length < expected.count ? 'missing' : 'more than expected'
    throw new ShardError(
      `expected-shards is ${expected.count} but ${shards.length} shard(s) were found (${problem}): ${shown}. ${shards.length < expected.count ? WHY_MISSING : 'Raise expected-shards or list the shard names.'}`
    )
  }
  if (expected.kind === 'names') {
    const missing = expected.names.filter((name) => !shards.includes(name))
    const unexpected = shards.filter((name) => !expected.names.includes(name))
    if (missing.length > 0) {
      throw new ShardError(
        `Missing shard(s): ${missing.join(', ')}. Expected ${expected.names.join(', ')}; found ${shown}. ${WHY_MISSING}`
      )
    }
    if (unexpected.length > 0) {
      throw new ShardError(
        `Shard(s) not in expected-shards: ${unexpected.join(', ')}. Add them to expected-shards, or give the count.`
      )
    }
  }
  return shards
}

/**
 * Every shard must have measured the commit being merged: coverage of other sources would be
 * counted against this checkout's lines. Without a commit to compare (not on a runner) there
 * is nothing to refuse.
 */
export function checkCommits(manifests: readonly ShardManifest[], commit: string): void {
  if (!commit) return
  const others = manifests.filter((manifest) => manifest.commit !== commit)
  if (others.length === 0) return
  const listed = others
    .map((manifest) => `${manifest.shard} (${manifest.commit || 'no commit recorded'})`)
    .join(', ')
  throw new ShardError(
    `Shard(s) from another commit: ${listed}; this job merges ${commit}. The jobs of one workflow run, re-runs included, share GITHUB_SHA, so these did not come from this run's collect jobs: an artifact under the shard prefix was uploaded by other means (copied from another run, say).`
  )
}

/** The manifest must say it is the shard its artifact name says it is. */
export function checkShardIdentity(manifest: ShardManifest, shard: string, artifact: string): void {
  if (manifest.shard !== shard) {
    throw new ShardError(
      `${artifact}: its manifest says shard '${manifest.shard}', its name says '${shard}'`
    )
  }
}
