import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  ChecksumMismatchError,
  DEFAULT_DOWNLOAD_LIMITS,
  DownloadError,
  downloadVerified
} from '../../../src/install/download.js'
import {
  refusingUrl,
  serveFiles,
  silentServer,
  type TestServer
} from '../../fixtures/install/servers.js'

const BODY = Buffer.from('release archive bytes '.repeat(1000))
const DIGEST = createHash('sha256').update(BODY).digest('hex')
const FAST = { ...DEFAULT_DOWNLOAD_LIMITS, firstByteMs: 1500, idleMs: 1500, totalMs: 10_000 }

describe('downloadVerified', () => {
  let files: TestServer
  let silent: TestServer
  const dir = mkdtempSync(join(tmpdir(), 'mc-download-'))
  beforeAll(async () => {
    files = await serveFiles({ '/v1/archive.tar.gz': BODY })
    silent = await silentServer()
  })
  afterAll(async () => {
    await files.close()
    await silent.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('writes the file when its SHA-256 matches', async () => {
    const dest = join(dir, 'ok')
    await downloadVerified(`${files.url}/v1/archive.tar.gz`, dest, DIGEST.toUpperCase(), FAST)
    expect(readFileSync(dest).equals(BODY)).toBe(true)
  })

  it('refuses and removes a file whose SHA-256 differs', async () => {
    const dest = join(dir, 'tampered')
    const wrong = '0'.repeat(64)
    const error = await downloadVerified(`${files.url}/v1/archive.tar.gz`, dest, wrong, FAST).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(ChecksumMismatchError)
    expect((error as ChecksumMismatchError).actual).toBe(DIGEST)
    expect(existsSync(dest)).toBe(false)
  })

  it('fails on an HTTP error status without retrying', async () => {
    const before = files.requests.length
    await expect(
      downloadVerified(`${files.url}/v1/missing.tar.gz`, join(dir, 'missing'), DIGEST, FAST)
    ).rejects.toThrow(/HTTP 404 Not Found/)
    expect(files.requests.length - before).toBe(1)
  })

  it('fails at once when the connection is refused', async () => {
    const started = Date.now()
    await expect(
      downloadVerified(`${await refusingUrl()}/a.tar.gz`, join(dir, 'refused'), DIGEST, FAST)
    ).rejects.toThrow(/ECONNREFUSED/)
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('gives up on a host that accepts but never answers after firstByteMs', async () => {
    const started = Date.now()
    const error = await downloadVerified(
      `${silent.url}/a.tar.gz`,
      join(dir, 'silent'),
      DIGEST,
      FAST
    )
      .then(() => undefined)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DownloadError)
    expect((error as Error).message).toMatch(/no response within 1\.5 s/)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400)
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('gives up on a transfer that stalls after idleMs', async () => {
    const stalling = createServer((_req, res) => {
      res.writeHead(200, { 'content-length': BODY.length })
      res.write(BODY.subarray(0, 100))
    })
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(stalling.address() as AddressInfo).port}/a.tar.gz`
    const dest = join(dir, 'stalled')
    try {
      await expect(downloadVerified(url, dest, DIGEST, FAST)).rejects.toThrow(
        /transfer stalled within 1\.5 s/
      )
      expect(existsSync(dest)).toBe(false)
    } finally {
      stalling.closeAllConnections()
      stalling.close()
    }
  })

  it('refuses a body larger than maxBytes', async () => {
    await expect(
      downloadVerified(`${files.url}/v1/archive.tar.gz`, join(dir, 'big'), DIGEST, {
        ...FAST,
        maxBytes: 1000
      })
    ).rejects.toThrow(/larger than 1000 bytes/)
  })
})
