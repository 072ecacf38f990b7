// The subset of Azure Block Blob storage that @azure/storage-blob (as driven by @actions/cache
// and @actions/artifact) uses, behind SAS-like signed URLs, with blobs kept in memory.
//
// Upload: `BlockBlobClient.upload` = one PUT with `x-ms-blob-type: BlockBlob` (the cache client's
// uploadFile stays single-shot up to its 128 MiB maxSingleShotSize); `uploadStream` (artifacts,
// 8 MiB buffers) = PUT ?comp=block&blockid=<base64> per block, in parallel, then
// PUT ?comp=blocklist with `<BlockList><Latest>id</Latest>…</BlockList>`. All answer 201.
// Download: plain GET (the artifact client, and the cache client for any host that is not
// *.blob.core.windows.net), or the SDK's getProperties (HEAD) plus ranged GETs (`x-ms-range`),
// whose answers must carry Content-Length and an ETag or the SDK refuses them.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { StorageError, readBody, storageHeaders } from './http.js'

export type BlobOperation =
  | 'Blob.Upload'
  | 'Blob.StageBlock'
  | 'Blob.CommitBlockList'
  | 'Blob.Download'
  | 'Blob.GetProperties'

/** `/blob/<container>/<name>`: the first segment plays the account of an IP-style blob URL. */
export const BLOB_PREFIX = '/blob/'

export interface SignOptions {
  /** 'r' for download URLs, 'cw' for upload URLs. */
  permissions: 'r' | 'cw'
  /** Response header overrides, as SAS `rscd` / `rsct` parameters do. */
  contentDisposition?: string
  contentType?: string
  ttlMs?: number
}

interface StoredBlob {
  data: Buffer | undefined
  contentType: string
  etag: string
  lastModified: Date
  staged: Map<string, Buffer>
  committed: Map<string, Buffer>
}

const SIGNED_FIELDS = ['sp', 'se', 'rscd', 'rsct'] as const

export class BlobStore {
  private readonly blobs = new Map<string, StoredBlob>()
  private readonly secret = randomBytes(32)

  constructor(private readonly origin: () => string) {}

  /** A URL for `path` (path-safe characters only) signed with this store's secret. */
  sign(path: string, options: SignOptions): string {
    const url = new URL(path, this.origin())
    url.searchParams.set('sv', '2025-11-05')
    url.searchParams.set('sr', 'b')
    url.searchParams.set('sp', options.permissions)
    url.searchParams.set('se', new Date(Date.now() + (options.ttlMs ?? 3_600_000)).toISOString())
    if (options.contentDisposition) url.searchParams.set('rscd', options.contentDisposition)
    if (options.contentType) url.searchParams.set('rsct', options.contentType)
    url.searchParams.set('sig', this.signature(url))
    return url.href
  }

  /** The committed content of a blob, if any. */
  read(path: string): Buffer | undefined {
    return this.blobs.get(path)?.data
  }

  delete(path: string): void {
    this.blobs.delete(path)
  }

  static operation(method: string | undefined, url: URL): BlobOperation | undefined {
    if (method === 'GET') return 'Blob.Download'
    if (method === 'HEAD') return 'Blob.GetProperties'
    if (method !== 'PUT') return undefined
    const comp = url.searchParams.get('comp')
    if (comp === null) return 'Blob.Upload'
    if (comp === 'block') return 'Blob.StageBlock'
    if (comp === 'blocklist') return 'Blob.CommitBlockList'
    return undefined
  }

  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    operation: BlobOperation
  ): Promise<void> {
    this.authorize(url, operation === 'Blob.Download' || operation === 'Blob.GetProperties')
    const path = url.pathname
    if (operation === 'Blob.Download' || operation === 'Blob.GetProperties') {
      this.download(req, res, url, operation === 'Blob.GetProperties')
      return
    }
    if (req.headers['x-ms-structured-body']) {
      throw new StorageError(400, 'UnsupportedHeader', 'structured message bodies not supported')
    }
    const body = await readBody(req)
    checkContentMd5(req, body)
    const blob = this.blobFor(path)
    if (operation === 'Blob.StageBlock') {
      blob.staged.set(blockIdOf(url), body)
      sendCreated(req, res, {})
      return
    }
    const data = operation === 'Blob.Upload' ? uploadBody(req, body) : resolveBlockList(blob, body)
    if (operation === 'Blob.Upload') blob.committed.clear()
    this.commit(blob, data, req)
    sendCreated(req, res, { ETag: blob.etag, 'Last-Modified': blob.lastModified.toUTCString() })
  }

  private signature(url: URL): string {
    const fields = [url.pathname, ...SIGNED_FIELDS.map((f) => url.searchParams.get(f) ?? '')]
    return createHmac('sha256', this.secret).update(fields.join('\n')).digest('base64url')
  }

  private authorize(url: URL, read: boolean): void {
    const given = Buffer.from(url.searchParams.get('sig') ?? '')
    const expected = Buffer.from(this.signature(url))
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new StorageError(403, 'AuthenticationFailed', 'Signature did not match')
    }
    const expiry = Date.parse(url.searchParams.get('se') ?? '')
    if (!(expiry > Date.now())) {
      throw new StorageError(403, 'AuthenticationFailed', 'Signed expiry time has passed')
    }
    const permissions = url.searchParams.get('sp') ?? ''
    if (!permissions.includes(read ? 'r' : 'w')) {
      throw new StorageError(403, 'AuthorizationPermissionMismatch', 'Permission not granted')
    }
  }

  private blobFor(path: string): StoredBlob {
    let blob = this.blobs.get(path)
    if (!blob) {
      blob = {
        data: undefined,
        contentType: 'application/octet-stream',
        etag: newEtag(),
        lastModified: new Date(),
        staged: new Map(),
        committed: new Map()
      }
      this.blobs.set(path, blob)
    }
    return blob
  }

  private commit(blob: StoredBlob, data: Buffer, req: IncomingMessage): void {
    blob.data = data
    blob.contentType = String(req.headers['x-ms-blob-content-type'] ?? 'application/octet-stream')
    blob.etag = newEtag()
    blob.lastModified = new Date()
    blob.staged.clear()
  }

  private download(req: IncomingMessage, res: ServerResponse, url: URL, head: boolean): void {
    const blob = this.blobs.get(url.pathname)
    if (!blob?.data)
      throw new StorageError(404, 'BlobNotFound', 'The specified blob does not exist.')
    const ifMatch = req.headers['if-match']
    if (ifMatch && ifMatch !== '*' && ifMatch !== blob.etag) {
      throw new StorageError(412, 'ConditionNotMet', 'The condition specified was not met.')
    }
    const size = blob.data.length
    const range = head
      ? undefined
      : parseRange(req.headers['x-ms-range'] ?? req.headers.range, size)
    const [start, end] = range ?? [0, size - 1]
    const headers: Record<string, string | number> = {
      ...storageHeaders(req),
      'Content-Length': end - start + 1,
      'Content-Type': url.searchParams.get('rsct') ?? blob.contentType,
      ETag: blob.etag,
      'Last-Modified': blob.lastModified.toUTCString(),
      'Accept-Ranges': 'bytes',
      'x-ms-blob-type': 'BlockBlob',
      'x-ms-server-encrypted': 'true'
    }
    const disposition = url.searchParams.get('rscd')
    if (disposition) headers['Content-Disposition'] = disposition
    if (range) headers['Content-Range'] = `bytes ${start}-${end}/${size}`
    res.writeHead(range ? 206 : 200, headers)
    res.end(head ? undefined : blob.data.subarray(start, end + 1))
  }
}

function sendCreated(
  req: IncomingMessage,
  res: ServerResponse,
  extra: Record<string, string>
): void {
  res.writeHead(201, {
    ...storageHeaders(req),
    ...extra,
    'x-ms-request-server-encrypted': 'true',
    'Content-Length': 0
  })
  res.end()
}

function newEtag(): string {
  return `"0x${randomBytes(8).toString('hex').toUpperCase()}"`
}

function blockIdOf(url: URL): string {
  const id = url.searchParams.get('blockid')
  if (!id || Buffer.from(id, 'base64').length > 64) {
    throw new StorageError(400, 'InvalidQueryParameterValue', 'blockid is missing or too long')
  }
  return id
}

function uploadBody(req: IncomingMessage, body: Buffer): Buffer {
  if (req.headers['x-ms-blob-type'] !== 'BlockBlob') {
    throw new StorageError(400, 'InvalidHeaderValue', 'x-ms-blob-type must be BlockBlob')
  }
  return body
}

/** Concatenates the blocks a `<BlockList>` names, in order; unknown ids are an error. */
function resolveBlockList(blob: StoredBlob, body: Buffer): Buffer {
  const parts: Buffer[] = []
  const committed = new Map<string, Buffer>()
  for (const match of body.toString('utf8').matchAll(/<(Latest|Committed|Uncommitted)>([^<]*)</g)) {
    const [, kind, id = ''] = match
    const staged = kind === 'Committed' ? undefined : blob.staged.get(id)
    const block = staged ?? (kind === 'Uncommitted' ? undefined : blob.committed.get(id))
    if (!block) throw new StorageError(400, 'InvalidBlockList', `unknown block id ${id}`)
    parts.push(block)
    committed.set(id, block)
  }
  blob.committed = committed
  return Buffer.concat(parts)
}

function checkContentMd5(req: IncomingMessage, body: Buffer): void {
  const claimed = req.headers['content-md5']
  if (claimed && claimed !== createHash('md5').update(body).digest('base64')) {
    throw new StorageError(
      400,
      'Md5Mismatch',
      'The MD5 value specified in the request did not match'
    )
  }
}

/** `bytes=a-b` or `bytes=a-` → inclusive [start, end]; undefined when absent. */
function parseRange(
  header: string | string[] | undefined,
  size: number
): [number, number] | undefined {
  if (typeof header !== 'string') return undefined
  const match = /^bytes=(\d+)-(\d*)$/.exec(header.trim())
  const start = Number(match?.[1] ?? NaN)
  const end = match?.[2] ? Math.min(Number(match[2]), size - 1) : size - 1
  if (!match || start >= size || end < start) {
    throw new StorageError(
      416,
      'InvalidRange',
      'The range specified is invalid for the current size'
    )
  }
  return [start, end]
}
