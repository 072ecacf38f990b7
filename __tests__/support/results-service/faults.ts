// Failure injection for the loopback results service: answer the next call(s) of an operation
// with an error, or drop the connection; slow operations down; refuse every connection.
import type { ArtifactMethod } from './artifact-service.js'
import type { BlobOperation } from './blob-store.js'
import type { CacheMethod } from './cache-service.js'
import type { GitHubOperation } from './github-rest.js'
import type { RestOperation } from './rest-api.js'

export type ServiceOperation =
  CacheMethod | ArtifactMethod | BlobOperation | RestOperation | GitHubOperation

export interface Failure {
  /** HTTP status to answer with (default 500, or the status of `code` for Twirp methods). */
  status?: number
  /** Twirp code (e.g. 'already_exists') or Azure error code (e.g. 'ServerBusy'). */
  code?: string
  message?: string
  /** How many consecutive calls fail (default 1). */
  times?: number
  /** Destroy the connection instead of answering: the client sees ECONNRESET. */
  reset?: boolean
}

export class Faults {
  private readonly pending = new Map<ServiceOperation, Failure & { left: number }>()
  private delay: { ms: number; only: Set<ServiceOperation> | undefined } = {
    ms: 0,
    only: undefined
  }
  private readonly sleepers = new Set<() => void>()
  unreachable = false

  constructor(delayMs = 0) {
    this.delay.ms = delayMs
  }

  failNext(operation: ServiceOperation, failure: Failure = {}): void {
    this.pending.set(operation, { ...failure, left: failure.times ?? 1 })
  }

  /** The failure to apply to this call of `operation`, consuming one of its `times`. */
  take(operation: ServiceOperation | undefined): Failure | undefined {
    const failure = operation && this.pending.get(operation)
    if (!operation || !failure) return undefined
    failure.left -= 1
    if (failure.left <= 0) this.pending.delete(operation)
    return failure
  }

  /** Delay every answer by `ms`, or only those of `operations`; 0 also ends current delays. */
  setDelay(ms: number, operations?: ServiceOperation[]): void {
    this.delay = { ms, only: operations ? new Set(operations) : undefined }
    if (ms <= 0) this.release()
  }

  async wait(operation: ServiceOperation | undefined): Promise<void> {
    const { ms, only } = this.delay
    if (ms <= 0 || (only && (!operation || !only.has(operation)))) return
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer)
        this.sleepers.delete(done)
        resolve()
      }
      const timer = setTimeout(done, ms)
      this.sleepers.add(done)
    })
  }

  /** Ends every delay in progress now. */
  release(): void {
    for (const done of [...this.sleepers]) done()
  }
}
