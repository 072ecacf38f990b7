// Routing for the loopback results service: which operation a request is, failure injection
// and delays, the request log, and errors in the shape each protocol's client parses.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ArtifactMethod, ArtifactService } from './artifact-service.js'
import { BLOB_PREFIX, BlobStore, type BlobOperation } from './blob-store.js'
import type { CacheMethod, CacheService } from './cache-service.js'
import type { Failure, Faults, ServiceOperation } from './faults.js'
import {
  RestError,
  StorageError,
  TWIRP_STATUS,
  TwirpError,
  drain,
  readBody,
  sendJson,
  sendRestError,
  sendStorageError,
  sendTwirpError,
  twirpCodeFor,
  type TwirpCode
} from './http.js'
import { githubOperation, type GitHubOperation, type GitHubRest } from './github-rest.js'
import { API_PREFIX, restOperation, type RestApi, type RestOperation } from './rest-api.js'
import type { JobIdentity, Jobs } from './token.js'

export interface RequestRecord {
  operation: ServiceOperation | 'unknown'
  method: string
  path: string
  /** Answered status; 0 when the connection was dropped. */
  status: number
}

type Handler = (body: Record<string, unknown>, caller: JobIdentity) => Record<string, unknown>
type Route =
  | { kind: 'twirp'; operation: CacheMethod | ArtifactMethod | undefined; handler?: Handler }
  | { kind: 'blob'; operation: BlobOperation | undefined }
  | { kind: 'rest'; operation: RestOperation | undefined }
  | { kind: 'github'; operation: GitHubOperation | undefined }
  | { kind: 'none'; operation: undefined }
type Kind = Route['kind']

const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.'

export interface RouterParts {
  blobs: BlobStore
  caches: CacheService
  artifacts: ArtifactService
  rest: RestApi
  github: GitHubRest
  faults: Faults
  jobs: Jobs
}

export class Router {
  readonly log: RequestRecord[] = []
  readonly inFlight = new InFlight()
  private readonly twirp: Map<string, Handler>

  constructor(private readonly parts: RouterParts) {
    this.twirp = new Map<string, Handler>([
      ...Object.entries(parts.caches.methods).map(([m, h]) => [`CacheService/${m}`, h] as const),
      ...Object.entries(parts.artifacts.methods).map(
        ([m, h]) => [`ArtifactService/${m}`, h] as const
      )
    ])
  }

  async dispatch(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const { blobs, rest, github, faults, jobs } = this.parts
    const route = classify(req.method, url, this.twirp)
    this.track(req, res, url, route.operation)
    await faults.wait(route.operation)
    const failure = faults.take(route.operation)
    if (faults.unreachable || failure?.reset) {
      req.socket.destroy()
      return
    }
    try {
      if (failure) throw injected(route.kind, failure)
      if (route.kind === 'twirp' && route.handler) await answerTwirp(req, res, jobs, route.handler)
      else if (route.kind === 'blob' && route.operation)
        await blobs.handle(req, res, url, route.operation)
      else if (route.kind === 'rest' && route.operation) rest.handle(req, res, url, route.operation)
      else if (route.kind === 'github' && route.operation)
        await github.handle(req, res, url.pathname.slice(API_PREFIX.length), url, route.operation)
      else throw notFound(route.kind, `no route for ${req.method} ${url.pathname}`)
    } catch (error) {
      await drain(req)
      sendError(req, res, route.kind, error)
    }
  }

  private track(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    operation: ServiceOperation | undefined
  ): void {
    const record: RequestRecord = {
      operation: operation ?? 'unknown',
      method: req.method ?? '',
      path: url.pathname,
      status: 0
    }
    this.log.push(record)
    this.inFlight.start()
    res.on('finish', () => (record.status = res.statusCode))
    res.on('close', () => this.inFlight.end())
  }
}

class InFlight {
  private count = 0
  private waiters: Array<() => void> = []

  start(): void {
    this.count += 1
  }

  end(): void {
    this.count -= 1
    if (this.count > 0) return
    this.waiters.splice(0).forEach((resolve) => resolve())
  }

  settled(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((r) => this.waiters.push(r))
  }
}

function classify(method: string | undefined, url: URL, twirp: Map<string, Handler>): Route {
  const path = url.pathname
  if (path.startsWith(TWIRP_PREFIX)) {
    const name = path.slice(TWIRP_PREFIX.length)
    const handler = twirp.get(name)
    const operation = handler && (name.split('/')[1] as CacheMethod | ArtifactMethod)
    return handler ? { kind: 'twirp', operation, handler } : { kind: 'twirp', operation: undefined }
  }
  if (path.startsWith(BLOB_PREFIX))
    return { kind: 'blob', operation: BlobStore.operation(method, url) }
  if (path.startsWith(`${API_PREFIX}/`)) {
    const artifacts = restOperation(method, url)
    if (artifacts) return { kind: 'rest', operation: artifacts }
    return { kind: 'github', operation: githubOperation(method, path.slice(API_PREFIX.length)) }
  }
  return { kind: 'none', operation: undefined }
}

async function answerTwirp(
  req: IncomingMessage,
  res: ServerResponse,
  jobs: Jobs,
  handler: Handler
): Promise<void> {
  if (req.method !== 'POST') throw new TwirpError('bad_route', 'Twirp methods take POST only')
  const caller = jobs.caller(req.headers.authorization)
  if (!String(req.headers['content-type']).startsWith('application/json')) {
    throw new TwirpError('bad_route', 'this service speaks Twirp JSON only')
  }
  let body: unknown
  try {
    body = JSON.parse((await readBody(req)).toString('utf8'))
  } catch {
    throw new TwirpError('malformed', 'the request body is not JSON')
  }
  if (typeof body !== 'object' || body === null) throw new TwirpError('malformed', 'not an object')
  sendJson(res, 200, handler(body as Record<string, unknown>, caller))
}

function injected(kind: Kind, failure: Failure): Error {
  const message = failure.message ?? 'injected failure'
  if (kind === 'twirp') {
    const known = failure.code !== undefined && failure.code in TWIRP_STATUS
    const code = known ? (failure.code as TwirpCode) : twirpCodeFor(failure.status ?? 500)
    return new TwirpError(code, message, failure.status)
  }
  if (kind === 'blob') {
    return new StorageError(failure.status ?? 500, failure.code ?? 'InternalError', message)
  }
  return new RestError(failure.status ?? 500, message)
}

function notFound(kind: Kind, message: string): Error {
  if (kind === 'twirp') return new TwirpError('bad_route', message)
  if (kind === 'blob') return new StorageError(400, 'UnsupportedHttpVerb', message)
  return new RestError(404, 'Not Found')
}

function sendError(req: IncomingMessage, res: ServerResponse, kind: Kind, error: unknown): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  const message = error instanceof Error ? error.message : String(error)
  if (error instanceof TwirpError) sendTwirpError(res, error)
  else if (error instanceof StorageError) sendStorageError(req, res, error)
  else if (error instanceof RestError) sendRestError(res, error)
  else if (kind === 'twirp') sendTwirpError(res, new TwirpError('internal', message))
  else if (kind === 'blob')
    sendStorageError(req, res, new StorageError(500, 'InternalError', message))
  else sendRestError(res, new RestError(500, message))
}
