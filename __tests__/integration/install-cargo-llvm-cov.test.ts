// cargo-llvm-cov's installer, each way with its real component: the binary on PATH; a release
// archive made from the installed 0.9.1 binary, served by a loopback mirror, right and wrong
// checksums; the tool cache (@actions/tool-cache); the Actions cache (the real @actions/cache
// client against the loopback results service); and `cargo install`, run once (the cold path),
// after a download host that never answers. The tests share one tool cache per scenario and run
// in order: later ones reuse what earlier ones installed, as a later job would.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { ToolNotFoundError } from '../../src/errors.js'
import {
  installCargoLlvmCov,
  MIRROR_ENV,
  type CargoLlvmCovInstallOptions
} from '../../src/install/install-cargo-llvm-cov.js'
import type { InstallLog } from '../../src/install/ways.js'
import { setEnv } from '../support/process-helpers.js'
import { startResultsService, type ResultsService } from '../support/results-service.js'
import {
  refusingUrl,
  serveFiles,
  silentServer,
  type TestServer
} from '../fixtures/install/servers.js'

jest.setTimeout(60_000)

const VERSION = '0.9.1'
const ASSET = 'cargo-llvm-cov-x86_64-unknown-linux-gnu.tar.gz'
const INSTALLED = join(homedir(), '.cargo', 'bin', 'cargo-llvm-cov')
const root = mkdtempSync(join(tmpdir(), 'mc-install-'))
let archive: Buffer
let mirror: TestServer
let silent: TestServer
let results: ResultsService
let restoreEnv: () => void

/** Packs the installed binary the way a release archive holds it: alone, at the root. */
function releaseArchive(): Buffer {
  const dest = join(root, ASSET)
  execFileSync('tar', ['-czf', dest, '-C', join(INSTALLED, '..'), 'cargo-llvm-cov'])
  return readFileSync(dest)
}

function logCollector(): InstallLog & { lines: string[] } {
  const lines: string[] = []
  const keep = (level: string) => (message: string) => {
    lines.push(`${level} ${message}`)
    process.stdout.write(`    [${level}] ${message}\n`)
  }
  return { lines, info: keep('info'), debug: keep('debug'), warning: keep('warning') }
}

/** A fresh tool cache for one scenario; RUNNER_TEMP beside it. */
function useToolCache(name: string): string {
  const dir = join(root, name)
  mkdirSync(dir, { recursive: true })
  process.env.RUNNER_TOOL_CACHE = dir
  process.env.RUNNER_TEMP = join(root, 'temp')
  return dir
}

function install(options: Partial<CargoLlvmCovInstallOptions>, log = logCollector()) {
  return installCargoLlvmCov({ version: VERSION, log, ...options })
}

beforeAll(async () => {
  archive = releaseArchive()
  mirror = await serveFiles({ [`/v${VERSION}/${ASSET}`]: archive })
  silent = await silentServer()
  results = await startResultsService()
  // Not a runner until a test says so: no cache service, no tool cache.
  restoreEnv = setEnv({ GITHUB_WORKSPACE: join(root, 'workspace') })
  for (const name of ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL', 'ACTIONS_CACHE_URL']) {
    delete process.env[name]
  }
  mkdirSync(join(root, 'workspace'))
})

afterAll(async () => {
  restoreEnv()
  await Promise.all([mirror.close(), silent.close(), results.close()])
  rmSync(root, { recursive: true, force: true })
})

describe('way 1: PATH', () => {
  it('takes the installed binary when its version is the wanted one', async () => {
    const { tool } = await install({ sources: ['path'] })
    expect(tool).toEqual({ binary: INSTALLED, version: VERSION, origin: 'path' })
  })

  it('passes over a binary of another version and says which it saw', async () => {
    const error = await install({ version: '0.9.0', sources: ['path'] }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ToolNotFoundError)
    expect((error as Error).message).toContain(`${INSTALLED} is ${VERSION}`)
  })
})

describe("cargo-llvm-cov-version: 'latest'", () => {
  it('resolves latest through the crates.io index, then matches it on PATH', async () => {
    const fixture = join(
      import.meta.dirname,
      '../fixtures/install/crates-index-cargo-llvm-cov.jsonl'
    )
    const index = await serveFiles({ '/ca/rg/cargo-llvm-cov': readFileSync(fixture) })
    try {
      const log = logCollector()
      const { tool } = await install(
        { version: 'latest', cratesIndexUrl: index.url, sources: ['path'] },
        log
      )
      expect(tool.version).toBe('0.9.1')
      expect(log.lines).toContain('info cargo-llvm-cov: latest is 0.9.1 (crates.io index)')
    } finally {
      await index.close()
    }
  })

  it('takes any version found when the index cannot be reached, and warns', async () => {
    const log = logCollector()
    const { tool } = await install(
      { version: 'latest', cratesIndexUrl: await refusingUrl(), sources: ['path'] },
      log
    )
    expect(tool.origin).toBe('path')
    expect(log.lines).toContainEqual(
      expect.stringMatching(
        /^warning cargo-llvm-cov: cannot tell the latest version \(.*ECONNREFUSED\)/
      )
    )
  })
})

describe('way 4: the release archive from a mirror', () => {
  it('installs an archive whose SHA-256 is pinned, into the tool cache', async () => {
    const toolCache = useToolCache('tool-cache-download')
    const digest = createHash('sha256').update(archive).digest('hex')
    const log = logCollector()
    const { tool, attempts } = await install(
      {
        env: { ...process.env, [MIRROR_ENV]: mirror.url },
        checksums: { [VERSION]: { [ASSET]: digest } },
        sources: ['tool-cache', 'download']
      },
      log
    )
    expect(mirror.requests).toEqual([`/v${VERSION}/${ASSET}`])
    expect(attempts.map((a) => `${a.way} ${a.outcome}`)).toEqual([
      'tool-cache skipped',
      'download found'
    ])
    const cached = join(toolCache, 'cargo-llvm-cov', VERSION, 'x64')
    expect(tool).toEqual({
      binary: join(cached, 'cargo-llvm-cov'),
      version: VERSION,
      origin: 'download'
    })
    expect(existsSync(`${cached}.complete`)).toBe(true)
    expect(execFileSync(tool.binary, ['llvm-cov', '--version']).toString()).toContain(VERSION)
    // Not on a runner: the Actions cache is skipped with a debug line, not a warning.
    expect(log.lines).toContainEqual(expect.stringMatching(/^debug .*Actions cache skipped: /))
    expect(log.lines.filter((line) => line.startsWith('warning'))).toEqual([])
  })

  it('refuses the archive against the real pinned table: it is not the published one', async () => {
    const toolCache = useToolCache('tool-cache-refused')
    const error = await install({ releasesUrl: mirror.url, sources: ['download'] }).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(ToolNotFoundError)
    expect((error as Error).message).toMatch(
      /download: failed after .* SHA-256 [0-9a-f]{64} does not match the pinned b3f68e625481fed9b16444174f3fa5ebcdbde4a1878803a35eabe2dcefcdc41a; refusing it/
    )
    expect(readdirSync(toolCache)).toEqual([])
  })

  it('skips a version that has no pinned checksum instead of trusting it', async () => {
    useToolCache('tool-cache-unpinned')
    const error = await install({
      version: '0.9.0',
      releasesUrl: mirror.url,
      sources: ['download']
    })
      .then(() => undefined)
      .catch((e: unknown) => e as Error)
    expect(error?.message).toContain(`no pinned SHA-256 for ${ASSET} 0.9.0; not downloading it`)
  })

  it('fails at once on a host that refuses connections', async () => {
    useToolCache('tool-cache-refused-host')
    const started = Date.now()
    const error = await install({
      releasesUrl: await refusingUrl(),
      checksums: { [VERSION]: { [ASSET]: '0'.repeat(64) } },
      sources: ['download']
    })
      .then(() => undefined)
      .catch((e: unknown) => e as Error)
    expect(error?.message).toMatch(/download: failed after (\d+ ms|\d+\.\d s) — .*ECONNREFUSED/)
    expect(Date.now() - started).toBeLessThan(2000)
  })
})

describe('way 2: the tool cache', () => {
  it('finds what the download left there', async () => {
    useToolCache('tool-cache-download')
    const { tool, attempts } = await install({ sources: ['tool-cache', 'download'] })
    expect(tool.origin).toBe('tool-cache')
    expect(attempts).toHaveLength(1)
  })
})

describe('a runner whose download host hangs: cargo install, then the caches', () => {
  let toolCache: string
  let restoreRunner: () => void
  beforeAll(() => {
    toolCache = useToolCache('tool-cache-runner')
    restoreRunner = setEnv(results.env())
  })
  afterAll(() => restoreRunner())

  it(
    'moves on from the silent host within its first-byte limit and builds with cargo',
    async () => {
      const { tool, attempts } = await install({
        releasesUrl: silent.url,
        checksums: { [VERSION]: { [ASSET]: '0'.repeat(64) } },
        sources: ['tool-cache', 'actions-cache', 'download', 'cargo-install']
      })
      expect(attempts.map((a) => `${a.way} ${a.outcome}`)).toEqual([
        'tool-cache skipped',
        'actions-cache skipped',
        'download failed',
        'cargo-install found'
      ])
      const download = attempts[2]
      expect(download?.detail).toMatch(/no response within 10 s/)
      expect(download?.durationMs).toBeLessThan(15_000)
      expect(tool.binary).toBe(join(toolCache, 'cargo-llvm-cov', VERSION, 'x64', 'cargo-llvm-cov'))
      const saved = results.requests().filter((r) => r.operation === 'FinalizeCacheEntryUpload')
      expect(saved.map((r) => r.status)).toEqual([200])
    },
    15 * 60_000
  )

  it('restores from the Actions cache into an empty tool cache', async () => {
    rmSync(join(toolCache, 'cargo-llvm-cov'), { recursive: true })
    const { tool, attempts } = await install({ sources: ['tool-cache', 'actions-cache'] })
    expect(attempts.map((a) => `${a.way} ${a.outcome}`)).toEqual([
      'tool-cache skipped',
      'actions-cache found'
    ])
    expect(tool.origin).toBe('actions-cache')
    expect(execFileSync(tool.binary, ['llvm-cov', '--version']).toString()).toContain(VERSION)
  })

  it('then finds it in the tool cache without asking the service', async () => {
    const before = results.requests().length
    const { tool } = await install({ sources: ['tool-cache', 'actions-cache'] })
    expect(tool.origin).toBe('tool-cache')
    expect(results.requests().length).toBe(before)
  })
})

/** Live processes whose command line mentions `text` (zombies have none, so they do not count). */
function processesMentioning(text: string): string[] {
  const found: string[] = []
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ')
      if (cmdline.includes(text)) found.push(`${pid}: ${cmdline.slice(0, 120)}`)
    } catch {
      // exited while we looked
    }
  }
  return found
}

/** The processes still mentioning `text` after waiting up to `ms` for them to end. */
async function processesGoneWithin(text: string, ms: number): Promise<string[]> {
  const deadline = Date.now() + ms
  let left = processesMentioning(text)
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    left = processesMentioning(text)
  }
  return left
}

describe('cargo install cut off at its timeout', () => {
  beforeAll(() => {
    useToolCache('tool-cache-timeout')
  })

  it('says it timed out and leaves no rustc of the build running', async () => {
    // A target dir of its own, so the build's rustc processes can be recognised by their args.
    const target = join(root, 'timeout-target')
    const error = await install({
      env: { ...process.env, CARGO_TARGET_DIR: target },
      sources: ['cargo-install'],
      cargoInstallTimeoutMs: 20_000
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ToolNotFoundError)
    expect((error as Error).message).toMatch(
      /cargo-install: failed after .* — cargo install cargo-llvm-cov --locked --version 0\.9\.1 --root \S+ timed out after 20 s and was killed/
    )
    // rustc did run (the build got that far), and nothing of it is left.
    expect(readdirSync(join(target, 'release', 'deps')).length).toBeGreaterThan(0)
    // SIGKILL went to the whole group; a busy machine may take a moment to finish them off.
    expect(await processesGoneWithin(target, 5_000)).toEqual([])
  }, 120_000)
})
