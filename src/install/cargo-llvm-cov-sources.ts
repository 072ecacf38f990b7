/**
 * The five ways of getting cargo-llvm-cov, each a function that yields a directory holding the
 * binary (checked to run and to be the wanted version) or a Skip saying why it does not apply.
 * install-cargo-llvm-cov.ts puts them in order and caches what the last two produce.
 */
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { exec } from '../exec.js'
import * as caches from './caches.js'
import { candidateBinaries, cargoBinDir, compareVersions, versionOf } from './cargo-llvm-cov.js'
import { pinnedDigest, type ChecksumTable } from './checksums.js'
import { downloadVerified, type DownloadLimits } from './download.js'
import { binaryName, releaseAssetName, targetTriple, type RunnerPlatform } from './platform.js'
import { Skip } from './ways.js'

/** A binary that ran and reported its version. */
export interface Found {
  binary: string
  version: string
}

export interface SourceContext {
  /** The wanted version; undefined when 'latest' could not be resolved (any version will do). */
  version: string | undefined
  env: NodeJS.ProcessEnv
  platform: RunnerPlatform
}

/** Way 1: a binary already on PATH (or in $CARGO_HOME/bin) at the wanted version. */
export async function fromPath(context: SourceContext): Promise<Found | Skip> {
  const seen: string[] = []
  for (const binary of candidateBinaries(context.env, binaryName(context.platform))) {
    const version = await versionOf(binary, context.env)
    if (version && (!context.version || version === context.version)) return { binary, version }
    seen.push(`${binary} is ${version ?? 'not runnable'}`)
  }
  return new Skip(seen.length ? seen.join('; ') : 'not on PATH')
}

/** Way 2: the runner's tool cache. */
export async function fromToolCache(context: SourceContext): Promise<Found | Skip> {
  const unavailable = caches.toolCacheUnavailable()
  if (unavailable) return new Skip(unavailable)
  const version = context.version ?? newestCached(context.platform.arch)
  const dir = version && caches.findInToolCache(version, context.platform.arch)
  if (!version || !dir)
    return new Skip(`no ${version ?? ''} entry in ${process.env.RUNNER_TOOL_CACHE}`)
  return checkedBinary(dir, version, context)
}

function newestCached(arch: string): string | undefined {
  return caches.findAllCached(arch).sort(compareVersions).pop()
}

/** Way 3: an Actions cache entry, restored into the tool cache. */
export async function fromActionsCache(
  context: SourceContext,
  limits: caches.CacheLimits
): Promise<Found | Skip> {
  const unavailable = caches.actionsCacheUnavailable()
  if (unavailable) return new Skip(unavailable)
  if (!context.version) return new Skip('the version to look up is unknown')
  const { os, arch, musl } = context.platform
  const key = caches.actionsCacheKey(context.version, os, arch, musl)
  const hit = await caches.restoreFromActionsCache(
    caches.actionsCachePaths(context.version, arch),
    key,
    limits
  )
  if (hit instanceof Skip) return hit
  const dir = caches.findInToolCache(context.version, arch)
  if (!dir) throw new Error(`${key} was restored but left no complete tool-cache entry`)
  return checkedBinary(dir, context.version, context)
}

export interface DownloadSettings {
  /** Base under which `v<version>/<asset>` is fetched. */
  releasesUrl: string
  checksums: ChecksumTable
  limits: DownloadLimits
}

/** Way 4: the release archive, accepted only when its SHA-256 is pinned and matches. */
export async function fromDownload(
  context: SourceContext,
  settings: DownloadSettings
): Promise<Found | Skip> {
  const { version, platform } = context
  if (!version) return new Skip('the version to download is unknown')
  const triple = targetTriple(platform)
  if (!triple) return new Skip(`no release is built for ${platform.os}/${platform.arch}`)
  if (platform.os === 'win32') return new Skip('Windows releases are zip archives; not handled')
  const asset = releaseAssetName(triple)
  const digest = pinnedDigest(settings.checksums, version, asset)
  if (!digest) return new Skip(`no pinned SHA-256 for ${asset} ${version}; not downloading it`)
  const work = scratchDir('download')
  const archive = join(work, asset)
  const url = `${settings.releasesUrl.replace(/\/+$/, '')}/v${version}/${asset}`
  await downloadVerified(url, archive, digest, settings.limits)
  const extracted = join(work, 'extracted')
  mkdirSync(extracted)
  await exec(['tar', '-xzf', archive, '-C', extracted], { silent: true, timeoutMs: 60_000 })
  const name = binaryName(platform)
  const stage = join(work, 'bin')
  mkdirSync(stage)
  copyFileSync(join(extracted, name), join(stage, name))
  return checkedBinary(stage, version, context)
}

/** Way 5: a build from crates.io; the build runs `cargo`, so it needs a Rust toolchain. */
export async function fromCargoInstall(
  context: SourceContext,
  timeoutMs: number
): Promise<Found | Skip> {
  // Into a scratch root when the result will be cached; otherwise where cargo puts tools,
  // so that the next run outside a runner finds it on PATH.
  const root = caches.toolCacheUnavailable() ? undefined : scratchDir('cargo-install')
  const argv = ['cargo', 'install', 'cargo-llvm-cov', '--locked']
  if (context.version) argv.push('--version', context.version)
  if (root) argv.push('--root', root)
  // Outside the project: its rust-toolchain.toml may pin a rustc too old to build the tool.
  await exec(argv, {
    env: context.env,
    cwd: root ?? tmpdir(),
    timeoutMs,
    hint: 'building cargo-llvm-cov needs crates.io (or a registry mirror) and rustc >= 1.87'
  })
  return checkedBinary(
    root ? join(root, 'bin') : cargoBinDir(context.env),
    context.version,
    context
  )
}

/** The binary in `dir` runs and is `version` (any version when undefined). */
async function checkedBinary(
  dir: string,
  version: string | undefined,
  context: SourceContext
): Promise<Found> {
  const binary = join(dir, binaryName(context.platform))
  const actual = await versionOf(binary, context.env)
  if (!actual) throw new Error(`${binary} does not run`)
  if (version && actual !== version) throw new Error(`${binary} is ${actual}, not ${version}`)
  return { binary, version: actual }
}

/** A fresh directory under RUNNER_TEMP (emptied after the job) or the system's temp dir. */
export function scratchDir(purpose: string): string {
  const base = process.env.RUNNER_TEMP || tmpdir()
  mkdirSync(base, { recursive: true })
  return mkdtempSync(join(base, `mixed-coverage-${purpose}-`))
}
