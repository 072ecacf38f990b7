/**
 * From downloaded shards to what run() works with: the tool reports with the roots their
 * paths were written against, the test failures per shard, and one Measurement that stands for
 * all shards in the summary and the step's outcome. Pure: no I/O.
 */
import { join } from 'node:path'
import { TestFailureError } from '../errors.js'
import type { Measurement } from '../pipeline.js'
import type { ToolReport } from '../reports.js'
import type { ShardManifest } from './manifest.js'

/** A shard artifact on disk: its directory and its checked manifest. */
export interface DownloadedShard {
  artifact: string
  dir: string
  manifest: ShardManifest
}

/** A failed test command of one shard; the message names the shard. */
export class ShardTestFailureError extends TestFailureError {
  constructor(
    readonly shard: string,
    phase: 'rust' | 'python',
    exitCode: number
  ) {
    super(phase, exitCode)
    this.message = `${this.message} in shard '${shard}'`
  }
}

/**
 * The shard's working directory as its own OS would write it. It is only ever parsed by the
 * path normaliser, which takes either separator, so joining with '/' is safe on any shard.
 */
export function shardWorkingDirectory(manifest: ShardManifest): string {
  const relative = manifest.workingDirectory.replace(/^\.?\/?$/, '')
  if (!relative) return manifest.workspace
  return `${manifest.workspace.replace(/[\\/]+$/, '')}/${relative}`
}

/**
 * The shard's reports, each rooted where the shard ran: absolute lcov paths are made relative
 * to the shard's workspace, coverage.py's relative names to its working directory.
 */
export function shardToolReports(shard: DownloadedShard): ToolReport[] {
  const { manifest } = shard
  return [manifest.reports.rust, manifest.reports.python]
    .filter((file): file is string => file !== null)
    .map((file) => ({
      path: join(shard.dir, file),
      root: manifest.workspace,
      sourceRoots: [shardWorkingDirectory(manifest)]
    }))
}

export function shardTestFailures(shards: readonly DownloadedShard[]): ShardTestFailureError[] {
  const failures: ShardTestFailureError[] = []
  for (const { manifest } of shards) {
    const { rust, python } = manifest.tests
    if (rust !== null && rust !== 0)
      failures.push(new ShardTestFailureError(manifest.shard, 'rust', rust))
    if (python !== null && python !== 0) {
      failures.push(new ShardTestFailureError(manifest.shard, 'python', python))
    }
  }
  return failures
}

/**
 * One exit code for the summary: the first failing one, else 0 when some shard ran the
 * phase, else undefined (no shard ran it).
 */
function combinedExit(codes: ReadonlyArray<number | null>): number | undefined {
  const ran = codes.filter((code): code is number => code !== null)
  if (ran.length === 0) return undefined
  return ran.find((code) => code !== 0) ?? 0
}

/** The shards as one Measurement: what publish() and the step's outcome read. */
export function mergedMeasurement(
  shards: readonly DownloadedShard[],
  workDir: string
): Measurement {
  const manifests = shards.map((shard) => shard.manifest)
  const diagnoses = manifests
    .filter((manifest) => manifest.diagnosis)
    .map((manifest) => `Shard '${manifest.shard}': ${manifest.diagnosis}`)
  return {
    workDir,
    failures: manifests.flatMap((manifest) =>
      manifest.failures.map((message) => new Error(`Shard '${manifest.shard}': ${message}`))
    ),
    rustTestsExit: combinedExit(manifests.map((manifest) => manifest.tests.rust)),
    pythonTestsExit: combinedExit(manifests.map((manifest) => manifest.tests.python)),
    diagnosis: diagnoses.length > 0 ? diagnoses.join('\n') : undefined
  }
}
