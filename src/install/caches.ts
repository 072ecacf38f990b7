/**
 * The two caches a built or downloaded cargo-llvm-cov is kept in:
 * - the runner's tool cache (RUNNER_TOOL_CACHE, @actions/tool-cache): survives between jobs on
 *   self-hosted runners and in containers with a mounted cache, costs nothing to check;
 * - the Actions cache service (@actions/cache): survives between jobs on hosted runners, whose
 *   tool cache starts empty each time.
 * Both libraries read the runner's variables from process.env, so this module does too.
 * Neither cache is required: outside a runner each is skipped with a debug line.
 */
import * as cache from '@actions/cache'
import * as tc from '@actions/tool-cache'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { firstLine } from '../errors.js'
import { Skip } from './ways.js'

export const TOOL_NAME = 'cargo-llvm-cov'

export interface CacheLimits {
  /** Bound on a restore: lookup, download and extraction (the client retries for ~30 s). */
  restoreMs: number
  /** Bound on a save: reserve, upload and finalize. */
  saveMs: number
}

export const DEFAULT_CACHE_LIMITS: CacheLimits = { restoreMs: 30_000, saveMs: 60_000 }

/** Why the tool cache cannot be used here, or undefined when it can. */
export function toolCacheUnavailable(): string | undefined {
  return process.env.RUNNER_TOOL_CACHE ? undefined : 'RUNNER_TOOL_CACHE is not set (not a runner)'
}

/** Directory holding the cached binary, when this version is complete in the tool cache. */
export function findInToolCache(version: string, arch: string): string | undefined {
  if (toolCacheUnavailable()) return undefined
  const dir = tc.find(TOOL_NAME, version, arch)
  return dir || undefined
}

/** Versions complete in the tool cache (for 'latest' when the index cannot be read). */
export function findAllCached(arch: string): string[] {
  return toolCacheUnavailable() ? [] : tc.findAllVersions(TOOL_NAME, arch)
}

/** Copies `dir` (the directory holding the binary) into the tool cache; returns its new home. */
export async function saveToToolCache(dir: string, version: string, arch: string): Promise<string> {
  return tc.cacheDir(dir, TOOL_NAME, version, arch)
}

/**
 * What the Actions cache stores: the tool-cache directory and its `.complete` marker, so a
 * restore leaves exactly what `tc.find` looks for. The path is the same on every run of a
 * runner image (/opt/hostedtoolcache/...), which the cache's version hash depends on.
 */
export function actionsCachePaths(version: string, arch: string): string[] {
  const dir = join(process.env.RUNNER_TOOL_CACHE ?? '', TOOL_NAME, version, arch)
  return [dir, `${dir}.complete`]
}

export function actionsCacheKey(version: string, os: string, arch: string, musl: boolean): string {
  return `mixed-coverage-${TOOL_NAME}-${version}-${os}-${arch}${musl ? '-musl' : ''}`
}

/**
 * Why the Actions cache service cannot be used here, or undefined when it can. v2 (what
 * hosted runners use) needs ACTIONS_RESULTS_URL and ACTIONS_CACHE_SERVICE_V2, v1 needs
 * ACTIONS_CACHE_URL; both need ACTIONS_RUNTIME_TOKEN.
 */
export function actionsCacheUnavailable(): string | undefined {
  if (toolCacheUnavailable()) return 'no tool cache to restore into'
  if (!process.env.ACTIONS_RUNTIME_TOKEN) return 'ACTIONS_RUNTIME_TOKEN is not set (not a runner)'
  if (!cache.isFeatureAvailable()) return 'no cache service URL (ACTIONS_RESULTS_URL)'
  return undefined
}

/** Restores into the tool cache; the key that hit, or a Skip saying why nothing came back. */
export async function restoreFromActionsCache(
  paths: string[],
  key: string,
  limits: CacheLimits
): Promise<string | Skip> {
  const restored = await within(
    cache.restoreCache(paths, key, [], { timeoutInMs: 10_000, segmentTimeoutInMs: 60_000 }),
    limits.restoreMs,
    'cache restore'
  )
  return restored ?? new Skip(`no cache entry for ${key}`)
}

/** Saves; a failure (entry already reserved by another job, service down) is not an error. */
export async function saveToActionsCache(
  paths: string[],
  key: string,
  limits: CacheLimits
): Promise<string> {
  if (!paths.every((path) => existsSync(path))) return 'skipped: nothing in the tool cache to save'
  try {
    const id = await within(cache.saveCache(paths, key), limits.saveMs, 'cache save')
    return id > 0 ? `saved as ${key}` : `not saved (the service refused ${key})`
  } catch (error) {
    return `not saved: ${firstLine(error)}`
  }
}

/** The caches' clients retry with backoff; this bounds the wait, not the work left behind. */
function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms)
    timer.unref()
  })
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer))
}
