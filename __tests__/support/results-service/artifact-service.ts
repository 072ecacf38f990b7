// github.actions.results.api.v1.ArtifactService as @actions/artifact 6 calls it. Wrapper types
// (StringValue, Int64Value) travel as bare JSON values, int64 as strings, Timestamps as RFC 3339.
// Artifacts belong to a workflow run (names are unique per run, across its jobs); only finalized
// artifacts are listed, signed for download or deleted.
import { createHash } from 'node:crypto'
import type { BlobStore } from './blob-store.js'
import { TwirpError } from './http.js'
import type { JobIdentity } from './token.js'

export type ArtifactMethod =
  | 'CreateArtifact'
  | 'FinalizeArtifact'
  | 'ListArtifacts'
  | 'GetSignedArtifactURL'
  | 'DeleteArtifact'

export interface ArtifactRecord {
  id: number
  name: string
  runId: number
  runBackendId: string
  jobBackendId: string
  mimeType: string
  finalized: boolean
  size: number | undefined
  /** `sha256:<hex>` as the client reported it at finalize (checked against the blob). */
  digest: string | undefined
  createdAt: Date
  expiresAt: Date | undefined
  blobPath: string
}

type Json = Record<string, unknown>

const ZIP = 'application/zip'

export class ArtifactService {
  private readonly artifacts: ArtifactRecord[] = []
  private nextId = 1

  constructor(private readonly blobs: BlobStore) {}

  readonly methods: Record<ArtifactMethod, (body: Json, caller: JobIdentity) => Json> = {
    CreateArtifact: (body, caller) => this.create(body, caller),
    FinalizeArtifact: (body, caller) => this.finalize(body, caller),
    ListArtifacts: (body, caller) => this.listMethod(body, caller),
    GetSignedArtifactURL: (body, caller) => ({
      signed_url: this.signedUrl(this.named(body, caller))
    }),
    DeleteArtifact: (body, caller) => this.deleteMethod(body, caller)
  }

  list(): readonly ArtifactRecord[] {
    return this.artifacts
  }

  read(artifact: ArtifactRecord): Buffer | undefined {
    return this.blobs.read(artifact.blobPath)
  }

  /** A signed download URL; raw (non-zip) uploads get their file name as SAS `rscd`. */
  signedUrl(artifact: ArtifactRecord): string {
    const raw = artifact.mimeType !== ZIP
    return this.blobs.sign(artifact.blobPath, {
      permissions: 'r',
      contentDisposition: raw ? attachment(artifact.name) : undefined
    })
  }

  /** Finalized artifacts of a run, by GITHUB_RUN_ID (for the REST API). */
  ofRun(runId: number): ArtifactRecord[] {
    return this.artifacts.filter((a) => a.finalized && a.runId === runId)
  }

  remove(artifact: ArtifactRecord): void {
    this.artifacts.splice(this.artifacts.indexOf(artifact), 1)
    this.blobs.delete(artifact.blobPath)
  }

  private create(body: Json, caller: JobIdentity): Json {
    checkOwnJob(body, caller)
    const name = requiredString(body, 'name')
    const sameName = this.artifacts.filter(
      (a) => a.runBackendId === caller.runBackendId && a.name === name
    )
    if (sameName.some((a) => a.finalized)) {
      throw new TwirpError(
        'already_exists',
        'an artifact with this name already exists on the workflow run'
      )
    }
    sameName.forEach((a) => this.remove(a))
    const id = this.nextId++
    const mimeType = typeof body['mime_type'] === 'string' ? body['mime_type'] : ZIP
    const expires =
      typeof body['expires_at'] === 'string' ? new Date(body['expires_at']) : undefined
    const blobPath = `/blob/actions-results/${caller.runBackendId}/${id}${mimeType === ZIP ? '.zip' : ''}`
    this.artifacts.push({
      id,
      name,
      runId: caller.runId,
      runBackendId: caller.runBackendId,
      jobBackendId: caller.jobBackendId,
      mimeType,
      finalized: false,
      size: undefined,
      digest: undefined,
      createdAt: new Date(),
      expiresAt: expires,
      blobPath
    })
    return { ok: true, signed_upload_url: this.blobs.sign(blobPath, { permissions: 'cw' }) }
  }

  private finalize(body: Json, caller: JobIdentity): Json {
    checkOwnJob(body, caller)
    const name = requiredString(body, 'name')
    const artifact = this.artifacts.find(
      (a) => !a.finalized && a.runBackendId === caller.runBackendId && a.name === name
    )
    if (!artifact) throw new TwirpError('not_found', `no upload in progress for artifact ${name}`)
    const data = this.blobs.read(artifact.blobPath)
    if (!data) throw new TwirpError('failed_precondition', 'artifact content was not uploaded')
    if (String(body['size'] ?? '') !== String(data.length)) {
      throw new TwirpError(
        'invalid_argument',
        `size does not match the ${data.length} bytes stored`
      )
    }
    const digest = `sha256:${createHash('sha256').update(data).digest('hex')}`
    if (body['hash'] !== undefined && body['hash'] !== digest) {
      throw new TwirpError('invalid_argument', `hash does not match the stored ${digest}`)
    }
    Object.assign(artifact, { finalized: true, size: data.length, digest })
    return { ok: true, artifact_id: String(artifact.id) }
  }

  private listMethod(body: Json, caller: JobIdentity): Json {
    checkOwnRun(body, caller)
    const name = body['name_filter']
    const id = body['id_filter']
    const found = this.ofRun(caller.runId).filter(
      (a) => (name === undefined || a.name === name) && (id === undefined || String(a.id) === id)
    )
    return { artifacts: found.map(toMonolith) }
  }

  private named(body: Json, caller: JobIdentity): ArtifactRecord {
    checkOwnRun(body, caller)
    const name = requiredString(body, 'name')
    const artifact = this.ofRun(caller.runId).find((a) => a.name === name)
    if (!artifact) throw new TwirpError('not_found', `artifact ${name} not found`)
    return artifact
  }

  private deleteMethod(body: Json, caller: JobIdentity): Json {
    const artifact = this.named(body, caller)
    this.remove(artifact)
    return { ok: true, artifact_id: String(artifact.id) }
  }
}

/** RFC 6266 with an ASCII fallback and the exact UTF-8 name (RFC 5987), as blob storage sends. */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

function toMonolith(a: ArtifactRecord): Json {
  return {
    workflow_run_backend_id: a.runBackendId,
    workflow_job_run_backend_id: a.jobBackendId,
    database_id: String(a.id),
    name: a.name,
    size: String(a.size ?? 0),
    created_at: a.createdAt.toISOString(),
    ...(a.digest ? { digest: a.digest } : {})
  }
}

function requiredString(body: Json, field: string): string {
  const value = body[field]
  if (typeof value !== 'string' || !value) {
    throw new TwirpError('invalid_argument', `${field} is required`)
  }
  return value
}

/** The real service only lets a token act on its own run (and, to write, its own job). */
function checkOwnRun(body: Json, caller: JobIdentity): void {
  if (body['workflow_run_backend_id'] !== caller.runBackendId) {
    throw new TwirpError('permission_denied', 'token is not scoped to this workflow run')
  }
}

function checkOwnJob(body: Json, caller: JobIdentity): void {
  checkOwnRun(body, caller)
  if (body['workflow_job_run_backend_id'] !== caller.jobBackendId) {
    throw new TwirpError('permission_denied', 'token is not scoped to this job')
  }
}
