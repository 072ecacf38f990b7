/**
 * One bounded HTTP download with its SHA-256 checked before the file is used.
 *
 * Not @actions/tool-cache's downloadTool: it retries three times with 10–20 s pauses and sets
 * no socket timeout, so a closed network costs half a minute or hangs. Here a host that does
 * not answer costs `firstByteMs` at most, a stalled transfer `idleMs`, and nothing is retried:
 * the installer moves on to its next way instead.
 */
import { createHash } from 'node:crypto'
import { createWriteStream, rmSync } from 'node:fs'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'

export interface DownloadLimits {
  /** Until the response headers arrive (DNS, connect, TLS, redirects). */
  firstByteMs: number
  /** Longest pause between two chunks of the body. */
  idleMs: number
  /** The whole download. */
  totalMs: number
  /** Refuse bodies larger than this. */
  maxBytes: number
}

export const DEFAULT_DOWNLOAD_LIMITS: DownloadLimits = {
  firstByteMs: 10_000,
  idleMs: 15_000,
  totalMs: 120_000,
  maxBytes: 256 * 1024 * 1024
}

export class DownloadError extends Error {
  constructor(
    readonly url: string,
    message: string
  ) {
    super(`${url}: ${message}`)
    this.name = 'DownloadError'
  }
}

/** The bytes arrived but are not the ones pinned: never extracted, never cached. */
export class ChecksumMismatchError extends Error {
  constructor(
    readonly url: string,
    readonly expected: string,
    readonly actual: string
  ) {
    super(`${url}: SHA-256 ${actual} does not match the pinned ${expected}; refusing it`)
    this.name = 'ChecksumMismatchError'
  }
}

/** Downloads `url` to `dest` and checks its SHA-256; on any failure `dest` is removed. */
export async function downloadVerified(
  url: string,
  dest: string,
  sha256: string,
  limits: DownloadLimits = DEFAULT_DOWNLOAD_LIMITS
): Promise<void> {
  const idle = new AbortController()
  const signal = AbortSignal.any([AbortSignal.timeout(limits.totalMs), idle.signal])
  let timer = armTimer(idle, limits.firstByteMs, 'no response')
  const hash = createHash('sha256')
  let received = 0
  try {
    const response = await fetch(url, { signal, redirect: 'follow' })
    if (!response.ok || !response.body) {
      throw new DownloadError(url, `HTTP ${response.status} ${response.statusText}`.trim())
    }
    clearTimeout(timer)
    timer = armTimer(idle, limits.idleMs, 'transfer stalled')
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length
        if (received > limits.maxBytes) {
          done(new DownloadError(url, `larger than ${limits.maxBytes} bytes`))
          return
        }
        clearTimeout(timer)
        timer = armTimer(idle, limits.idleMs, 'transfer stalled')
        hash.update(chunk)
        done(null, chunk)
      }
    })
    await pipeline(Readable.fromWeb(response.body), meter, createWriteStream(dest), { signal })
  } catch (error) {
    rmSync(dest, { force: true })
    throw explain(url, error, signal)
  } finally {
    clearTimeout(timer)
  }
  const actual = hash.digest('hex')
  if (actual !== sha256.toLowerCase()) {
    rmSync(dest, { force: true })
    throw new ChecksumMismatchError(url, sha256.toLowerCase(), actual)
  }
}

function armTimer(controller: AbortController, ms: number, what: string): NodeJS.Timeout {
  const timer = setTimeout(
    () => controller.abort(new Error(`${what} within ${Math.round(ms / 100) / 10} s`)),
    ms
  )
  timer.unref()
  return timer
}

/** fetch hides the useful part (ENOTFOUND, ECONNREFUSED, our timeout) in `cause` or the signal. */
function explain(url: string, error: unknown, signal: AbortSignal): Error {
  if (error instanceof DownloadError || error instanceof ChecksumMismatchError) return error
  if (signal.aborted) {
    const reason: unknown = signal.reason
    const text =
      reason instanceof Error && reason.name === 'TimeoutError'
        ? 'download took too long'
        : reason instanceof Error
          ? reason.message
          : String(reason)
    return new DownloadError(url, text)
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  const detail = cause?.code ?? cause?.message ?? (error as Error).message
  return new DownloadError(url, `${(error as Error).message} (${detail})`)
}
