/**
 * Sharded coverage across the jobs of one workflow run: collect (a shard measures and uploads
 * its raw reports) and merge (one job downloads every shard and hands run() their reports).
 */
export { checkCollect, shardManifest, uploadShard } from './collect.js'
export {
  MANIFEST_FILE,
  MANIFEST_SCHEMA,
  parseManifest,
  serializeManifest,
  ShardError,
  type ShardManifest
} from './manifest.js'
export { gatherShards } from './merge.js'
export {
  mergedMeasurement,
  shardTestRuns,
  shardToolReports,
  shardWorkingDirectory,
  type DownloadedShard
} from './shard-reports.js'
export {
  checkCommits,
  checkShardIdentity,
  checkShardSet,
  parseExpectedShards,
  type ExpectedShards
} from './shard-set.js'
