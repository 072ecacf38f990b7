// The GitHub REST endpoints of the review loop, as @actions/github's Octokit calls them: a run
// and the runs of a workflow (filtered by branch, event, status and head_sha as the API filters),
// compare (the merge base), a pull request, and an issue's comments (list, create, update).
// Tokens are issued here with read or write permission: a read token answers 403 "Resource not
// accessible by integration" on a write, as a fork's pull request's GITHUB_TOKEN does.
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { RestError, readBody, sendJson } from './http.js'

export type GitHubOperation =
  | 'REST.GetWorkflowRun'
  | 'REST.ListWorkflowRuns'
  | 'REST.Compare'
  | 'REST.GetPull'
  | 'REST.ListComments'
  | 'REST.CreateComment'
  | 'REST.UpdateComment'

export interface WorkflowRunRecord {
  id: number
  workflowId: number
  headSha: string
  headBranch: string
  event: string
  conclusion: 'success' | 'failure' | null
  createdAt: Date
  /** owner/name the commit came from (a fork's for its pull requests). */
  headRepository: string
}

export interface PullRecord {
  number: number
  headSha: string
  headRepository: string
  baseRef: string
}

export interface CommentRecord {
  id: number
  issue: number
  body: string
  user: { login: string; type: 'Bot' | 'User' }
  createdAt: Date
  updatedAt: Date
}

const REPO = '^/repos/([^/]+)/([^/]+)'
const ROUTES: Array<{ operation: GitHubOperation; method: string; pattern: RegExp }> = [
  {
    operation: 'REST.GetWorkflowRun',
    method: 'GET',
    pattern: new RegExp(`${REPO}/actions/runs/(\\d+)$`)
  },
  {
    operation: 'REST.ListWorkflowRuns',
    method: 'GET',
    pattern: new RegExp(`${REPO}/actions/workflows/([^/]+)/runs$`)
  },
  {
    operation: 'REST.Compare',
    method: 'GET',
    pattern: new RegExp(`${REPO}/compare/([0-9a-f]+)\\.\\.\\.([0-9a-f]+)$`)
  },
  { operation: 'REST.GetPull', method: 'GET', pattern: new RegExp(`${REPO}/pulls/(\\d+)$`) },
  {
    operation: 'REST.ListComments',
    method: 'GET',
    pattern: new RegExp(`${REPO}/issues/(\\d+)/comments$`)
  },
  {
    operation: 'REST.CreateComment',
    method: 'POST',
    pattern: new RegExp(`${REPO}/issues/(\\d+)/comments$`)
  },
  {
    operation: 'REST.UpdateComment',
    method: 'PATCH',
    pattern: new RegExp(`${REPO}/issues/comments/(\\d+)$`)
  }
]

export function githubOperation(
  method: string | undefined,
  path: string
): GitHubOperation | undefined {
  return ROUTES.find((r) => r.method === method && r.pattern.test(path))?.operation
}

export class GitHubRest {
  readonly runs: WorkflowRunRecord[] = []
  readonly pulls = new Map<number, PullRecord>()
  readonly comments: CommentRecord[] = []
  /** `${base}...${head}` → the merge base the compare API answers. */
  readonly mergeBases = new Map<string, { sha: string; date: string }>()
  private readonly tokens = new Map<string, 'read' | 'write'>()
  private nextCommentId = 9001

  constructor(private readonly repository: string) {}

  /** A token the endpoints accept, with read or write permission. */
  issueToken(permission: 'read' | 'write'): string {
    const token = `ghs_${permission}_${randomUUID().replace(/-/g, '')}`
    this.tokens.set(token, permission)
    return token
  }

  commentsOn(issue: number): CommentRecord[] {
    return this.comments.filter((c) => c.issue === issue)
  }

  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    url: URL,
    operation: GitHubOperation
  ): Promise<void> {
    const permission = this.tokens.get(
      /^(?:token|Bearer) (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? ''
    )
    if (!permission) throw new RestError(401, 'Bad credentials')
    const route = ROUTES.find((r) => r.operation === operation)
    const [, owner, repo, a, b] = route?.pattern.exec(path) ?? []
    if (`${owner}/${repo}` !== this.repository) throw new RestError(404, 'Not Found')
    const writes = operation === 'REST.CreateComment' || operation === 'REST.UpdateComment'
    if (writes && permission !== 'write')
      throw new RestError(403, 'Resource not accessible by integration')
    const body = writes
      ? (JSON.parse((await readBody(req)).toString('utf8')) as { body?: string })
      : {}
    sendJson(
      res,
      operation === 'REST.CreateComment' ? 201 : 200,
      this.answer(operation, url, a ?? '', b ?? '', body.body)
    )
  }

  private answer(
    operation: GitHubOperation,
    url: URL,
    a: string,
    b: string,
    text?: string
  ): unknown {
    switch (operation) {
      case 'REST.GetWorkflowRun':
        return this.runJson(this.runs.find((run) => run.id === Number(a)) ?? notFound())
      case 'REST.ListWorkflowRuns':
        return this.listRuns(url, a)
      case 'REST.Compare': {
        const base = this.mergeBases.get(`${a}...${b}`) ?? notFound()
        return { merge_base_commit: { sha: base.sha, commit: { committer: { date: base.date } } } }
      }
      case 'REST.GetPull': {
        const pull = this.pulls.get(Number(a)) ?? notFound()
        return {
          number: pull.number,
          head: { sha: pull.headSha, repo: { full_name: pull.headRepository } },
          base: { ref: pull.baseRef }
        }
      }
      case 'REST.ListComments':
        return this.listComments(url, Number(a))
      case 'REST.CreateComment':
        return this.commentJson(this.create(Number(a), checkedBody(text)))
      case 'REST.UpdateComment':
        return this.commentJson(this.update(Number(a), checkedBody(text)))
    }
  }

  private listRuns(url: URL, workflow: string): unknown {
    const q = url.searchParams
    const perPage = Math.min(Number(q.get('per_page') ?? 30), 100)
    const page = Math.max(Number(q.get('page') ?? 1), 1)
    const matching = this.runs
      .filter((run) => String(run.workflowId) === workflow)
      .filter((run) => !q.has('branch') || run.headBranch === q.get('branch'))
      .filter((run) => !q.has('event') || run.event === q.get('event'))
      .filter((run) => !q.has('status') || run.conclusion === q.get('status'))
      .filter((run) => !q.has('head_sha') || run.headSha === q.get('head_sha'))
      .sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || y.id - x.id)
    return {
      total_count: matching.length,
      workflow_runs: matching
        .slice((page - 1) * perPage, page * perPage)
        .map((run) => this.runJson(run))
    }
  }

  private runJson(run: WorkflowRunRecord): unknown {
    return {
      id: run.id,
      workflow_id: run.workflowId,
      head_sha: run.headSha,
      head_branch: run.headBranch,
      event: run.event,
      status: run.conclusion ? 'completed' : 'in_progress',
      conclusion: run.conclusion,
      created_at: run.createdAt.toISOString(),
      repository: { full_name: this.repository },
      head_repository: { full_name: run.headRepository }
    }
  }

  private listComments(url: URL, issue: number): unknown {
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100)
    const page = Math.max(Number(url.searchParams.get('page') ?? 1), 1)
    return this.commentsOn(issue)
      .slice((page - 1) * perPage, page * perPage)
      .map((comment) => this.commentJson(comment))
  }

  private create(issue: number, body: string): CommentRecord {
    if (!this.pulls.has(issue)) notFound()
    const now = new Date()
    const comment: CommentRecord = {
      id: this.nextCommentId++,
      issue,
      body,
      user: { login: 'github-actions[bot]', type: 'Bot' },
      createdAt: now,
      updatedAt: now
    }
    this.comments.push(comment)
    return comment
  }

  private update(id: number, body: string): CommentRecord {
    const comment = this.comments.find((c) => c.id === id) ?? notFound()
    Object.assign(comment, { body, updatedAt: new Date() })
    return comment
  }

  private commentJson(comment: CommentRecord): unknown {
    return {
      id: comment.id,
      body: comment.body,
      user: comment.user,
      html_url: `https://github.com/${this.repository}/pull/${comment.issue}#issuecomment-${comment.id}`,
      created_at: comment.createdAt.toISOString(),
      updated_at: comment.updatedAt.toISOString()
    }
  }
}

function notFound(): never {
  throw new RestError(404, 'Not Found')
}

/** GitHub's limit: a body over 65,536 characters is refused with 422. */
function checkedBody(body: string | undefined): string {
  if (typeof body !== 'string') throw new RestError(422, 'body is missing')
  if (body.length > 65536)
    throw new RestError(422, 'Validation Failed: body is too long (maximum is 65536 characters)')
  return body
}
