// A loopback GitHub Actions results service for tests: the real @actions/cache (6.x, cache
// service v2) and @actions/artifact (6.x) clients talk to it over 127.0.0.1. It serves
//   POST /twirp/github.actions.results.api.v1.{CacheService,ArtifactService}/<Method>  (Twirp JSON)
//   PUT|GET|HEAD /blob/<container>/<name>?<signature>   (Azure Block Blob subset, signed URLs)
//   /api/v3/repos/{owner}/{repo}/actions/...             (REST, for the artifact client's findBy)
//   /api/v3/repos/{owner}/{repo}/{actions/runs,compare,pulls,issues}/...  (REST, the review loop)
// Both clients resolve the Twirp URL against the origin only (`new URL('/twirp/…', base)`), so
// the service must sit at the root of ACTIONS_RESULTS_URL.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ArtifactService } from './results-service/artifact-service.js'
import { BlobStore } from './results-service/blob-store.js'
import { CacheService } from './results-service/cache-service.js'
import { Faults, type Failure, type ServiceOperation } from './results-service/faults.js'
import { GitHubRest } from './results-service/github-rest.js'
import { API_PREFIX, RestApi } from './results-service/rest-api.js'
import { Router, type RequestRecord } from './results-service/router.js'
import { Jobs, type JobIdentity, type JobOptions } from './results-service/token.js'

export type { ArtifactRecord } from './results-service/artifact-service.js'
export type { CacheEntry } from './results-service/cache-service.js'
export type { Failure, ServiceOperation } from './results-service/faults.js'
export type {
  CommentRecord,
  GitHubRest,
  PullRecord,
  WorkflowRunRecord
} from './results-service/github-rest.js'
export type { JobIdentity, JobOptions } from './results-service/token.js'
export type { RequestRecord } from './results-service/router.js'

export interface ResultsServiceOptions {
  /** GITHUB_REPOSITORY the REST endpoints answer for (default 'octo-org/octo-repo'). */
  repository?: string
  /** GITHUB_RUN_ID of the default job (default 1001). */
  runId?: number
  /** Ref of the default job, which caches are scoped to (default: defaultRef). */
  ref?: string
  /** The repository's default branch; its caches are readable from every ref. */
  defaultRef?: string
  /** Delay every answer by this many milliseconds. */
  delayMs?: number
}

export interface ResultsService {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string
  /** Environment a job's process needs for both clients to use this service (see serviceEnv). */
  env(job?: JobOptions): Record<string, string>
  /** The job's identity (run and job backend ids, ref), as its token encodes it. */
  identity(job?: JobOptions): JobIdentity
  artifacts: ArtifactService
  caches: CacheService
  /** Workflow runs, pull requests, comments and tokens of the REST endpoints. */
  github: GitHubRest
  requests(): readonly RequestRecord[]
  failNext(operation: ServiceOperation, failure?: Failure): void
  setDelay(ms: number, operations?: ServiceOperation[]): void
  /** While true, every connection is reset as soon as it is made. */
  setUnreachable(unreachable: boolean): void
  /**
   * Resolves once no request is in progress. Clients may leave requests behind after they gave
   * up (the artifact client's stall timeout does not abort the block upload in flight), and a
   * request cut by close() makes the storage SDK retry for seconds in the background.
   */
  settled(): Promise<void>
  close(): Promise<void>
}

export async function startResultsService(
  options: ResultsServiceOptions = {}
): Promise<ResultsService> {
  const repository = options.repository ?? 'octo-org/octo-repo'
  const defaultRef = options.defaultRef ?? 'refs/heads/main'
  let origin = ''
  const blobs = new BlobStore(() => origin)
  const caches = new CacheService(blobs, defaultRef)
  const artifacts = new ArtifactService(blobs)
  const faults = new Faults(options.delayMs)
  const jobs = new Jobs(options.runId ?? 1001, options.ref ?? defaultRef, defaultRef)
  const rest = new RestApi(artifacts, repository)
  const github = new GitHubRest(repository)
  const router = new Router({ blobs, caches, artifacts, rest, github, faults, jobs })

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin)
    router.dispatch(req, res, url).catch(() => req.socket.destroy())
  })
  server.on('connection', (socket) => faults.unreachable && socket.destroy())
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url: origin,
    env: (job) => serviceEnv(origin, repository, jobs, job),
    identity: (job) => jobs.identity(job),
    artifacts,
    caches,
    github,
    requests: () => router.log,
    failNext: (operation, failure) => faults.failNext(operation, failure),
    setDelay: (ms, operations) => faults.setDelay(ms, operations),
    setUnreachable: (unreachable) => void (faults.unreachable = unreachable),
    settled: () => router.inFlight.settled(),
    close: async () => {
      faults.release()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

/**
 * ACTIONS_RUNTIME_TOKEN: bearer for both clients; the artifact client decodes its `scp`.
 * ACTIONS_RESULTS_URL: the v2 service root for both (artifact: shared/config.js
 *   getResultsServiceUrl; cache: internal/config.js getCacheServiceURL).
 * ACTIONS_CACHE_SERVICE_V2: any non-empty value selects cache service v2
 *   (internal/config.js getCacheServiceVersion); without it the cache client speaks v1.
 * GITHUB_SERVER_URL: must be github.com, *.ghe.com or *.localhost, or both clients take the
 *   host for GHES (isGhes) and refuse v2 (artifact: GHESNotSupportedError).
 * GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID: for the REST (findBy) paths.
 */
function serviceEnv(
  origin: string,
  repository: string,
  jobs: Jobs,
  job: JobOptions | undefined
): Record<string, string> {
  const identity = jobs.identity(job)
  return {
    ACTIONS_RUNTIME_TOKEN: jobs.token(identity),
    ACTIONS_RESULTS_URL: `${origin}/`,
    ACTIONS_CACHE_SERVICE_V2: 'True',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: `${origin}${API_PREFIX}`,
    GITHUB_REPOSITORY: repository,
    GITHUB_REPOSITORY_OWNER: repository.split('/')[0] ?? '',
    GITHUB_RUN_ID: String(identity.runId),
    GITHUB_REF: identity.ref
  }
}
