/**
 * From downloaded shards to the measurement a merge job hands on: the tool reports with the
 * roots their paths were written against, every shard's test runs, and its failures and
 * diagnoses. Pure: no I/O.
 */
import { join } from 'node:path'
import { measurement, type Measurement, type TestRun, type ToolReport } from '../measurement.js'
import type { ShardManifest } from './manifest.js'

/** A shard artifact on disk: its directory and its checked manifest. */
export interface DownloadedShard {
  artifact: string
  dir: string
  manifest: ShardManifest
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
  const reports: ToolReport[] = []
  for (const kind of ['rust', 'python'] as const) {
    const file = manifest.reports[kind]
    if (file === null) continue
    reports.push({
      kind,
      path: join(shard.dir, file),
      root: manifest.workspace,
      sourceRoots: [shardWorkingDirectory(manifest)]
    })
  }
  return reports
}

/** The test commands each shard ran, named by their shard. */
export function shardTestRuns(shards: readonly DownloadedShard[]): TestRun[] {
  const runs: TestRun[] = []
  for (const { manifest } of shards) {
    for (const phase of ['rust', 'python'] as const) {
      const exitCode = manifest.tests[phase]
      if (exitCode !== null) runs.push({ phase, exitCode, shard: manifest.shard })
    }
  }
  return runs
}

/** The shards as one measurement: what the reports step, the sink and the outcome read. */
export function mergedMeasurement(shards: readonly DownloadedShard[]): Measurement {
  const manifests = shards.map((shard) => shard.manifest)
  const diagnoses = manifests
    .filter((manifest) => manifest.diagnosis)
    .map((manifest) => `Shard '${manifest.shard}': ${manifest.diagnosis}`)
  return measurement({
    reports: shards.flatMap(shardToolReports),
    tests: shardTestRuns(shards),
    htmlDirs: {},
    failures: manifests.flatMap((manifest) =>
      manifest.failures.map((message) => new Error(`Shard '${manifest.shard}': ${message}`))
    ),
    diagnosis: diagnoses.length > 0 ? diagnoses.join('\n') : undefined
  })
}
