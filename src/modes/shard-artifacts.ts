/**
 * Shard artifacts on the artifact service of the workflow run, through the official client:
 * list them by name prefix, download each into its own directory and read its manifest.
 * (Uploading goes through the report artifact's upload, which stages and names files.)
 */
import * as core from '@actions/core'
import {
  ArtifactNotFoundError,
  DefaultArtifactClient,
  GHESNotSupportedError,
  type Artifact
} from '@actions/artifact'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { firstLine } from '../errors.js'
import { onEnterpriseServer } from '../publish/artifact.js'
import { MANIFEST_FILE, parseManifest, ShardError } from './manifest.js'
import type { DownloadedShard } from './shard-reports.js'

/** Downloads at a time: enough to overlap round trips, few enough for a runner's network. */
const DOWNLOAD_CONCURRENCY = 4

export interface ShardArtifact {
  /** The artifact's name: `<prefix><shard>`. */
  name: string
  shard: string
  id: number
  size: number
  /** `sha256:<hex>` when the service reports it; checked after the download. */
  digest?: string
}

/**
 * Refuses early, with the reason, where the artifact client cannot work: a collect job would
 * otherwise measure for minutes and then fail to upload.
 */
export function requireArtifactService(env: NodeJS.ProcessEnv, mode: string): void {
  if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL) {
    throw new ShardError(
      `mode: ${mode} moves shards through the artifacts of the workflow run, and this process has no ACTIONS_RUNTIME_TOKEN or ACTIONS_RESULTS_URL: run it as a step of a GitHub Actions job (the runner gives both to JavaScript actions)`
    )
  }
  if (onEnterpriseServer(env)) {
    throw new ShardError(
      `mode: ${mode} moves shards through the artifacts of the workflow run, and this GitHub Enterprise Server (${env.GITHUB_SERVER_URL}) does not offer the artifact service (v4) it needs: use mode: run, or run the workflow on github.com or GHE.com`
    )
  }
}

/**
 * Before a collect job uploads `<prefix><shard>`: an artifact of that name already in the run
 * is either this job's own from an earlier attempt (a re-run; the upload replaces it) or
 * another leg's of this attempt, which must not be replaced — the two legs need their own
 * shard names. The shard's manifest says which attempt wrote it. Refuses only what it knows.
 */
export async function refuseShardOfThisAttempt(
  name: string,
  dir: string,
  env: NodeJS.ProcessEnv
): Promise<void> {
  let existing: Artifact
  try {
    existing = (await new DefaultArtifactClient().getArtifact(name)).artifact
  } catch (error) {
    // Unknown is not refused: the upload's own conflict check (409) stays as the fallback.
    // (nektos/act's server fails to list a run that has no artifact yet.)
    if (!(error instanceof ArtifactNotFoundError)) {
      core.info(`Could not look for an earlier ${name} (${firstLine(describe(error))}).`)
    }
    return
  }
  // Only its manifest matters here; an artifact without a readable one is replaced.
  const earlier = await downloadManifest(existing, dir).catch(() => undefined)
  const attempt = env.GITHUB_RUN_ATTEMPT ?? ''
  if (earlier && earlier.manifest.job.runAttempt === attempt) {
    throw new ShardError(
      `Another job of this run attempt (${earlier.manifest.job.name || 'unnamed'}, ${earlier.manifest.runner.os}) already uploaded ${name}. Give every matrix leg its own shard input; only a re-run of a leg replaces the shard of its earlier attempt`
    )
  }
}

/** The latest artifact of each name in this run that starts with `prefix`. */
export async function listShardArtifacts(prefix: string): Promise<ShardArtifact[]> {
  let artifacts: Artifact[]
  try {
    artifacts = (await new DefaultArtifactClient().listArtifacts({ latest: true })).artifacts
  } catch (error) {
    throw new ShardError(`Could not list the artifacts of this workflow run: ${describe(error)}`)
  }
  return artifacts
    .filter((artifact) => artifact.name.startsWith(prefix) && artifact.name.length > prefix.length)
    .map((artifact) => ({
      name: artifact.name,
      shard: artifact.name.slice(prefix.length),
      id: artifact.id,
      size: artifact.size,
      digest: artifact.digest
    }))
}

/** Downloads every shard into `<dir>/<artifact name>/` and reads its manifest. */
export async function downloadShards(
  artifacts: readonly ShardArtifact[],
  dir: string
): Promise<DownloadedShard[]> {
  const shards: DownloadedShard[] = []
  for (let start = 0; start < artifacts.length; start += DOWNLOAD_CONCURRENCY) {
    const batch = artifacts.slice(start, start + DOWNLOAD_CONCURRENCY)
    shards.push(...(await Promise.all(batch.map((artifact) => downloadShard(artifact, dir)))))
  }
  return shards
}

async function downloadShard(artifact: ShardArtifact, dir: string): Promise<DownloadedShard> {
  const shard = await downloadManifest(artifact, dir)
  for (const file of [shard.manifest.reports.rust, shard.manifest.reports.python]) {
    if (file !== null && !existsSync(join(shard.dir, file))) {
      throw new ShardError(`${artifact.name}: its manifest names ${file}, which is not in it`)
    }
  }
  return shard
}

/** Downloads the artifact into `<dir>/<name>/` and reads its manifest. */
async function downloadManifest(
  artifact: Pick<ShardArtifact, 'name' | 'id' | 'digest'>,
  dir: string
): Promise<DownloadedShard> {
  const target = join(dir, artifact.name)
  mkdirSync(target, { recursive: true })
  let digestMismatch: boolean
  try {
    const options = artifact.digest ? { expectedHash: artifact.digest } : {}
    const result = await new DefaultArtifactClient().downloadArtifact(artifact.id, {
      path: target,
      ...options
    })
    digestMismatch = result.digestMismatch ?? false
  } catch (error) {
    throw new ShardError(`Could not download ${artifact.name}: ${describe(error)}`)
  }
  if (digestMismatch) {
    throw new ShardError(
      `${artifact.name}: the download does not match the artifact's digest ${artifact.digest}`
    )
  }
  const manifestPath = join(target, MANIFEST_FILE)
  if (!existsSync(manifestPath)) {
    throw new ShardError(
      `${artifact.name} has no ${MANIFEST_FILE}: it is not a shard artifact of this action (is another artifact named with the prefix?)`
    )
  }
  const manifest = parseManifest(readFileSync(manifestPath, 'utf8'), artifact.name)
  return { artifact: artifact.name, dir: target, manifest }
}

function describe(error: unknown): string {
  if (error instanceof GHESNotSupportedError) {
    return 'this GitHub Enterprise Server does not offer the artifact service (v4) that collect and merge need'
  }
  return error instanceof Error ? error.message : String(error)
}
