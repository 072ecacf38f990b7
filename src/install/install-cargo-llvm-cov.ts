/**
 * Gets cargo-llvm-cov without an install step before ours. Ways, in order:
 *   1. on PATH at the wanted version;  2. the runner's tool cache;  3. the Actions cache;
 *   4. the release archive, checked against a pinned SHA-256;  5. `cargo install --locked`.
 * What 4 or 5 produced is saved to the tool cache and the Actions cache. A way whose host is
 * unreachable fails within seconds and the next one runs; the log tells how long each took.
 */
import { rmSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { formatDuration } from '../timeline.js'
import { ToolNotFoundError } from '../errors.js'
import * as caches from './caches.js'
import type { CargoLlvmCov } from './cargo-llvm-cov.js'
import {
  fromActionsCache,
  fromCargoInstall,
  fromDownload,
  fromPath,
  fromToolCache,
  type Found,
  type SourceContext
} from './cargo-llvm-cov-sources.js'
import { PINNED_SHA256, type ChecksumTable } from './checksums.js'
import { DEFAULT_DOWNLOAD_LIMITS, type DownloadLimits } from './download.js'
import { latestCargoLlvmCov } from './latest-version.js'
import { currentPlatform, type RunnerPlatform } from './platform.js'
import {
  coreLog,
  describeAttempts,
  firstWayThatWorks,
  type Attempt,
  type InstallLog,
  type Way
} from './ways.js'

export type InstallSource = 'path' | 'tool-cache' | 'actions-cache' | 'download' | 'cargo-install'

export const ALL_SOURCES: readonly InstallSource[] = [
  'path',
  'tool-cache',
  'actions-cache',
  'download',
  'cargo-install'
]

/** Base URL of release downloads; set it to a mirror that keeps the same `v<version>/<asset>` layout. */
export const MIRROR_ENV = 'MIXED_COVERAGE_CARGO_LLVM_COV_MIRROR'
export const GITHUB_RELEASES_URL = 'https://github.com/taiki-e/cargo-llvm-cov/releases/download'

export interface CargoLlvmCovInstallOptions {
  /** x.y.z, or 'latest' (resolved through the crates.io index). */
  version: string
  /** Environment of the commands (PATH, CARGO_HOME, the mirror variable). */
  env?: NodeJS.ProcessEnv
  platform?: RunnerPlatform
  /** Which ways to try, in the fixed order above; all by default. */
  sources?: readonly InstallSource[]
  checksums?: ChecksumTable
  /** Overrides MIXED_COVERAGE_CARGO_LLVM_COV_MIRROR and the GitHub default. */
  releasesUrl?: string
  cratesIndexUrl?: string
  downloadLimits?: DownloadLimits
  cacheLimits?: caches.CacheLimits
  cargoInstallTimeoutMs?: number
  log?: InstallLog
}

export interface CargoLlvmCovInstall {
  tool: CargoLlvmCov
  attempts: Attempt[]
}

const CARGO_INSTALL_TIMEOUT_MS = 20 * 60_000

export async function installCargoLlvmCov(
  options: CargoLlvmCovInstallOptions
): Promise<CargoLlvmCovInstall> {
  const log = options.log ?? coreLog
  const env = options.env ?? process.env
  const platform = options.platform ?? currentPlatform()
  const version = await wantedVersion(options, log)
  const context: SourceContext = { version, env, platform }
  const enabled = new Set(options.sources ?? ALL_SOURCES)
  const ways = allWays(context, options, env).filter((way) => enabled.has(way.name))
  const shown = `cargo-llvm-cov ${version ?? options.version}`
  const result = await firstWayThatWorks(shown, ways, log, (found) => found.binary)
  if (!result.value || !result.winner) {
    throw new ToolNotFoundError(
      shown,
      describeAttempts(result.attempts),
      "Install it before this step ('cargo install cargo-llvm-cov --locked'), or let this step reach crates.io or GitHub releases."
    )
  }
  let binary = result.value.binary
  if (result.winner === 'download' || result.winner === 'cargo-install') {
    binary = await keep(
      result.value,
      platform,
      options.cacheLimits ?? caches.DEFAULT_CACHE_LIMITS,
      log
    )
  }
  const tool = { binary, version: result.value.version, origin: result.winner }
  log.info(`cargo-llvm-cov ${tool.version} from ${tool.origin}: ${tool.binary}`)
  return { tool, attempts: result.attempts }
}

async function wantedVersion(
  options: CargoLlvmCovInstallOptions,
  log: InstallLog
): Promise<string | undefined> {
  if (options.version !== 'latest') return options.version
  const latest = await latestCargoLlvmCov(options.cratesIndexUrl)
  if (latest.version) {
    log.info(`cargo-llvm-cov: latest is ${latest.version} (crates.io index)`)
    return latest.version
  }
  log.warning(
    `cargo-llvm-cov: cannot tell the latest version (${latest.problem}); any version found will do`
  )
  return undefined
}

function allWays(
  context: SourceContext,
  options: CargoLlvmCovInstallOptions,
  env: NodeJS.ProcessEnv
): Array<Way<Found> & { name: InstallSource }> {
  const download = {
    releasesUrl: options.releasesUrl ?? (env[MIRROR_ENV] || GITHUB_RELEASES_URL),
    checksums: options.checksums ?? PINNED_SHA256,
    limits: options.downloadLimits ?? DEFAULT_DOWNLOAD_LIMITS
  }
  const cacheLimits = options.cacheLimits ?? caches.DEFAULT_CACHE_LIMITS
  const buildTimeout = options.cargoInstallTimeoutMs ?? CARGO_INSTALL_TIMEOUT_MS
  return [
    { name: 'path', attempt: () => fromPath(context) },
    { name: 'tool-cache', attempt: () => fromToolCache(context) },
    { name: 'actions-cache', attempt: () => fromActionsCache(context, cacheLimits) },
    { name: 'download', attempt: () => fromDownload(context, download) },
    { name: 'cargo-install', attempt: () => fromCargoInstall(context, buildTimeout) }
  ]
}

/**
 * Saves a downloaded or built binary to the tool cache, then to the Actions cache, and returns
 * the binary's path in the tool cache (or where it is, when there is no tool cache).
 */
async function keep(
  found: Found,
  platform: RunnerPlatform,
  limits: caches.CacheLimits,
  log: InstallLog
): Promise<string> {
  const unavailable = caches.toolCacheUnavailable()
  if (unavailable) {
    log.debug(`cargo-llvm-cov: not cached: ${unavailable}`)
    return found.binary
  }
  let started = Date.now()
  const dir = await caches.saveToToolCache(dirname(found.binary), found.version, platform.arch)
  log.info(
    `cargo-llvm-cov: saved to the tool cache ${dir} (${formatDuration(Date.now() - started)})`
  )
  const binary = join(dir, basename(found.binary))
  removeScratch(found.binary)
  const noService = caches.actionsCacheUnavailable()
  if (noService) {
    log.debug(`cargo-llvm-cov: Actions cache skipped: ${noService}`)
    return binary
  }
  started = Date.now()
  const key = caches.actionsCacheKey(found.version, platform.os, platform.arch, platform.musl)
  const outcome = await caches.saveToActionsCache(
    caches.actionsCachePaths(found.version, platform.arch),
    key,
    limits
  )
  log.info(`cargo-llvm-cov: Actions cache ${outcome} (${formatDuration(Date.now() - started)})`)
  return binary
}

/** The scratch directory a download or build used, once its binary is in the tool cache. */
function removeScratch(binary: string): void {
  const scratch = dirname(dirname(binary))
  if (basename(scratch).startsWith('mixed-coverage-'))
    rmSync(scratch, { recursive: true, force: true })
}
