// The runtime token a runner hands to a job (ACTIONS_RUNTIME_TOKEN). Both clients send it as a
// bearer token; @actions/artifact also decodes it (getBackendIdsFromToken in
// @actions/artifact/lib/internal/shared/util.js) and reads the run and job backend ids from the
// `Actions.Results:<run>:<job>` entry of the space-separated `scp` claim. Nobody verifies the
// signature on the client side, so an unsigned JWT (alg "none", RFC 7519 §6) is well formed.
import { randomUUID } from 'node:crypto'
import { TwirpError } from './http.js'

/** Who a token speaks for: one job of one workflow run, on one git ref. */
export interface JobIdentity {
  /** GITHUB_RUN_ID, the number the REST API knows the run by. */
  runId: number
  /** The results service's id of the run (a UUID in the real service). */
  runBackendId: string
  /** The results service's id of the job within the run. */
  jobBackendId: string
  /** The ref caches are scoped to (GITHUB_REF), e.g. refs/heads/main. */
  ref: string
}

/** Selects a job: another job of the same run, another run, or another ref. */
export interface JobOptions {
  runId?: number
  job?: string
  ref?: string
}

const TOKEN_LIFETIME_SECONDS = 6 * 60 * 60

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

/**
 * Builds the token. `ac` mirrors the real token's cache-scope claim (readable and writable on
 * the job's ref, readable on the default branch); the clients do not read it, this service does
 * not either (it keeps the identity per issued token), but it documents the scope rule.
 */
export function makeRuntimeToken(identity: JobIdentity, defaultRef: string): string {
  const now = Math.floor(Date.now() / 1000)
  const scopes = [
    `Actions.GenericRead:${randomUUID()}`,
    `Actions.UploadArtifacts:${identity.runBackendId}:${identity.jobBackendId}`,
    `Actions.Results:${identity.runBackendId}:${identity.jobBackendId}`
  ]
  const cacheScopes = [{ Scope: identity.ref, Permission: 3 }]
  if (defaultRef !== identity.ref) cacheScopes.push({ Scope: defaultRef, Permission: 1 })
  const claims = {
    iss: 'loopback-results-service',
    aud: 'vso:loopback',
    nbf: now - 60,
    iat: now,
    exp: now + TOKEN_LIFETIME_SECONDS,
    scp: scopes.join(' '),
    ac: JSON.stringify(cacheScopes),
    run_id: String(identity.runId)
  }
  return `${base64url({ typ: 'JWT', alg: 'none' })}.${base64url(claims)}.`
}

/** Issues one stable identity and token per (run, job, ref). */
export class Jobs {
  private readonly byKey = new Map<string, JobIdentity>()
  private readonly runBackendIds = new Map<number, string>()
  private readonly tokens = new Map<string, JobIdentity>()

  constructor(
    private readonly runId: number,
    private readonly ref: string,
    private readonly defaultRef: string
  ) {}

  identity(job: JobOptions = {}): JobIdentity {
    const runId = job.runId ?? this.runId
    const ref = job.ref ?? this.ref
    const key = `${runId}\n${job.job ?? 'build'}\n${ref}`
    let identity = this.byKey.get(key)
    if (!identity) {
      const runBackendId = this.runBackendIds.get(runId) ?? randomUUID()
      this.runBackendIds.set(runId, runBackendId)
      identity = { runId, runBackendId, jobBackendId: randomUUID(), ref }
      this.byKey.set(key, identity)
    }
    return identity
  }

  token(identity: JobIdentity): string {
    const existing = [...this.tokens].find(([, who]) => who === identity)?.[0]
    if (existing) return existing
    const token = makeRuntimeToken(identity, this.defaultRef)
    this.tokens.set(token, identity)
    return token
  }

  caller(authorization: string | undefined): JobIdentity {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? ''
    const caller = this.tokens.get(token)
    if (!caller) throw new TwirpError('unauthenticated', 'invalid or missing runtime token')
    return caller
  }
}
