/**
 * mode: merge's source — instead of measuring, take the shards the collect jobs of this
 * workflow run uploaded: find them by name prefix, refuse a missing or unexpected shard before
 * downloading, refuse shards of another commit after reading their manifests, and hand on one
 * measurement for all shards (its reports each rooted where its shard ran). From there the
 * flow merges, gates and publishes exactly as in run mode.
 */
import * as core from '@actions/core'
import { join } from 'node:path'
import type { Config } from '../config.js'
import type { Measurement } from '../measurement.js'
import type { Timeline } from '../timeline.js'
import { warning } from '../warnings.js'
import { actionIdentity } from './action-identity.js'
import {
  downloadShards,
  listShardArtifacts,
  requireArtifactService,
  type ShardArtifact
} from './shard-artifacts.js'
import { mergedMeasurement, type DownloadedShard } from './shard-reports.js'
import {
  checkCommits,
  checkShardIdentity,
  checkShardSet,
  parseExpectedShards
} from './shard-set.js'

export async function gatherShards(
  config: Config,
  timeline: Timeline,
  workDir: string,
  env: NodeJS.ProcessEnv = process.env
): Promise<Measurement> {
  const expected = parseExpectedShards(config.expectedShards)
  requireArtifactService(env, 'merge')
  const prefix = config.shardArtifactPrefix
  const artifacts = await timeline.phase('Find the shard artifacts of this run', async () => {
    const found = await listShardArtifacts(prefix)
    const names = checkShardSet(
      found.map((artifact) => artifact.shard),
      expected,
      prefix
    )
    core.info(`${names.length} shard(s): ${names.join(', ')}`)
    return names.map((name) => found.find((artifact) => artifact.shard === name) as ShardArtifact)
  })
  const shards = await timeline.phase('Download the shards', async () => {
    const downloaded = await downloadShards(artifacts, join(workDir, 'shards'))
    for (const shard of downloaded) {
      checkShardIdentity(shard.manifest, shard.artifact.slice(prefix.length), shard.artifact)
    }
    checkCommits(
      downloaded.map((shard) => shard.manifest),
      env.GITHUB_SHA ?? ''
    )
    for (const shard of downloaded) core.info(describeShard(shard))
    return downloaded
  })
  warnOnMixedVersions(shards)
  const measurement = mergedMeasurement(shards)
  // In run mode the pipeline warns about the diagnosis; here the shards' diagnoses stand in.
  if (measurement.diagnosis) warning(measurement.diagnosis)
  return measurement
}

function describeShard({ manifest, artifact }: DownloadedShard): string {
  const exit = (code: number | null) => (code === null ? 'not run' : `exit ${code}`)
  const reports = [manifest.reports.rust, manifest.reports.python].filter(Boolean).join(', ')
  return (
    `${artifact}: ${manifest.runner.os} ${manifest.runner.arch}` +
    `${manifest.pythonVersion ? `, Python ${manifest.pythonVersion}` : ''}, commit ${manifest.commit || '?'}, ` +
    `action ${manifest.action.version}; Rust tests ${exit(manifest.tests.rust)}, Python tests ${exit(manifest.tests.python)}; ` +
    `reports: ${reports || 'none'}; measured in ${manifest.workspace}`
  )
}

/** Shards of another action version still merge (the schema matched), but say so. */
function warnOnMixedVersions(shards: readonly DownloadedShard[]): void {
  const own = actionIdentity().version
  const versions = new Set(shards.map((shard) => shard.manifest.action.version))
  versions.add(own)
  if (versions.size > 1) {
    warning(
      `The shards were collected by other versions of this action (${[...versions].join(', ')}; this merge: ${own}); use one version in all jobs.`
    )
  }
}
