// The few GitHub REST endpoints @actions/artifact calls when given `findBy` (another run, or an
// explicit token): it builds an Octokit on GITHUB_API_URL (read once, when @actions/github's
// lib/utils.js is first imported) and lists run artifacts, follows the 302 of the zip endpoint
// with `redirect: 'manual'` to a blob URL, or deletes. Served under API_PREFIX.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ArtifactRecord, ArtifactService } from './artifact-service.js'
import { RestError, sendJson } from './http.js'

export const API_PREFIX = '/api/v3'

export type RestOperation =
  | 'REST.ListWorkflowRunArtifacts'
  | 'REST.GetArtifact'
  | 'REST.DownloadArtifact'
  | 'REST.DeleteArtifact'

interface Route {
  operation: RestOperation
  method: string
  pattern: RegExp
}

const REPO = '/repos/([^/]+)/([^/]+)/actions'
const ROUTES: Route[] = [
  {
    operation: 'REST.ListWorkflowRunArtifacts',
    method: 'GET',
    pattern: new RegExp(`^${REPO}/runs/(\\d+)/artifacts$`)
  },
  {
    operation: 'REST.GetArtifact',
    method: 'GET',
    pattern: new RegExp(`^${REPO}/artifacts/(\\d+)$`)
  },
  {
    operation: 'REST.DownloadArtifact',
    method: 'GET',
    pattern: new RegExp(`^${REPO}/artifacts/(\\d+)/zip$`)
  },
  {
    operation: 'REST.DeleteArtifact',
    method: 'DELETE',
    pattern: new RegExp(`^${REPO}/artifacts/(\\d+)$`)
  }
]

export function restOperation(method: string | undefined, url: URL): RestOperation | undefined {
  const path = url.pathname.slice(API_PREFIX.length)
  return ROUTES.find((r) => r.method === method && r.pattern.test(path))?.operation
}

export class RestApi {
  constructor(
    private readonly artifacts: ArtifactService,
    private readonly repository: string
  ) {}

  handle(req: IncomingMessage, res: ServerResponse, url: URL, operation: RestOperation): void {
    if (!req.headers.authorization) throw new RestError(401, 'Requires authentication')
    const route = ROUTES.find((r) => r.operation === operation)
    const [, owner, repo, number] = route?.pattern.exec(url.pathname.slice(API_PREFIX.length)) ?? []
    if (`${owner}/${repo}` !== this.repository) throw new RestError(404, 'Not Found')
    const id = Number(number)
    if (operation === 'REST.ListWorkflowRunArtifacts') {
      this.listRun(res, url, id)
      return
    }
    const artifact = this.artifacts.list().find((a) => a.finalized && a.id === id)
    if (!artifact) throw new RestError(404, 'Not Found')
    if (operation === 'REST.GetArtifact') {
      sendJson(res, 200, this.toRest(artifact, url))
    } else if (operation === 'REST.DownloadArtifact') {
      res.writeHead(302, { Location: this.artifacts.signedUrl(artifact), 'Content-Length': 0 })
      res.end()
    } else {
      this.artifacts.remove(artifact)
      res.writeHead(204)
      res.end()
    }
  }

  private listRun(res: ServerResponse, url: URL, runId: number): void {
    const name = url.searchParams.get('name')
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100)
    const page = Math.max(Number(url.searchParams.get('page') ?? 1), 1)
    const all = this.artifacts
      .ofRun(runId)
      .filter((a) => name === null || a.name === name)
      .sort((a, b) => b.id - a.id)
    const artifacts = all.slice((page - 1) * perPage, page * perPage)
    sendJson(res, 200, {
      total_count: all.length,
      artifacts: artifacts.map((a) => this.toRest(a, url))
    })
  }

  private toRest(a: ArtifactRecord, url: URL): Record<string, unknown> {
    const self = `${url.origin}${API_PREFIX}/repos/${this.repository}/actions/artifacts/${a.id}`
    return {
      id: a.id,
      node_id: Buffer.from(`Artifact${a.id}`).toString('base64'),
      name: a.name,
      size_in_bytes: a.size ?? 0,
      url: self,
      archive_download_url: `${self}/zip`,
      expired: false,
      digest: a.digest ?? null,
      created_at: a.createdAt.toISOString(),
      updated_at: a.createdAt.toISOString(),
      expires_at: a.expiresAt?.toISOString() ?? null,
      workflow_run: { id: a.runId, repository_id: 1, head_repository_id: 1 }
    }
  }
}
