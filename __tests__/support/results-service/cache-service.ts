// github.actions.results.api.v1.CacheService as @actions/cache 6 (cache service v2) calls it.
// Requests arrive as protobuf JSON with proto field names (CacheServiceClientJSON uses
// useProtoFieldName); int64 fields travel as strings. The client reads `ok`, `signed_upload_url`,
// `entry_id`, `signed_download_url`, `matched_key` and, on errors, the Twirp `msg`.
import type { BlobStore } from './blob-store.js'
import { TwirpError } from './http.js'
import type { JobIdentity } from './token.js'

export type CacheMethod =
  'CreateCacheEntry' | 'FinalizeCacheEntryUpload' | 'GetCacheEntryDownloadURL'

export interface CacheEntry {
  id: number
  key: string
  version: string
  /** The ref the entry was saved from; readable from that ref and, if default, from all. */
  scope: string
  finalized: boolean
  sizeBytes: number | undefined
  createdAt: Date
  blobPath: string
}

type Json = Record<string, unknown>

export class CacheService {
  private readonly entries: CacheEntry[] = []
  private nextId = 1

  constructor(
    private readonly blobs: BlobStore,
    private readonly defaultRef: string
  ) {}

  readonly methods: Record<CacheMethod, (body: Json, caller: JobIdentity) => Json> = {
    CreateCacheEntry: (body, caller) => this.create(body, caller),
    FinalizeCacheEntryUpload: (body, caller) => this.finalize(body, caller),
    GetCacheEntryDownloadURL: (body, caller) => this.lookup(body, caller)
  }

  list(): readonly CacheEntry[] {
    return this.entries
  }

  /** The archive bytes of a finalized entry. */
  read(entry: CacheEntry): Buffer | undefined {
    return this.blobs.read(entry.blobPath)
  }

  /** A signed download URL for an entry, as GetCacheEntryDownloadURL would return it. */
  downloadUrl(entry: CacheEntry): string {
    return this.blobs.sign(entry.blobPath, { permissions: 'r' })
  }

  private create(body: Json, caller: JobIdentity): Json {
    const { key, version } = keyAndVersion(body)
    const clash = this.entries.find(
      (e) => e.key === key && e.version === version && e.scope === caller.ref
    )
    if (clash) {
      throw new TwirpError(
        'already_exists',
        'cache entry with the same key, version, and scope already exists'
      )
    }
    const id = this.nextId++
    const entry: CacheEntry = {
      id,
      key,
      version,
      scope: caller.ref,
      finalized: false,
      sizeBytes: undefined,
      createdAt: new Date(),
      blobPath: `/blob/actions-cache/${id}`
    }
    this.entries.push(entry)
    return { ok: true, signed_upload_url: this.blobs.sign(entry.blobPath, { permissions: 'cw' }) }
  }

  private finalize(body: Json, caller: JobIdentity): Json {
    const { key, version } = keyAndVersion(body)
    const entry = this.entries.find(
      (e) => !e.finalized && e.key === key && e.version === version && e.scope === caller.ref
    )
    if (!entry) throw new TwirpError('not_found', 'cache entry not found')
    const data = this.blobs.read(entry.blobPath)
    if (!data) throw new TwirpError('failed_precondition', 'cache archive was not uploaded')
    if (String(body['size_bytes'] ?? '') !== String(data.length)) {
      throw new TwirpError('invalid_argument', `size_bytes does not match ${data.length}`)
    }
    entry.finalized = true
    entry.sizeBytes = data.length
    return { ok: true, entry_id: String(entry.id) }
  }

  /**
   * The documented matching order: in the caller's ref first, then in the default branch; in
   * each, the key exactly, then as a prefix, then every restore key the same way. Among several
   * prefix matches the newest wins. The version must always match exactly.
   */
  private lookup(body: Json, caller: JobIdentity): Json {
    const { key, version } = keyAndVersion(body)
    const restoreKeys = Array.isArray(body['restore_keys']) ? body['restore_keys'].map(String) : []
    const newestFirst = this.entries
      .filter((e) => e.finalized && e.version === version)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id)
    for (const scope of new Set([caller.ref, this.defaultRef])) {
      const inScope = newestFirst.filter((e) => e.scope === scope)
      for (const wanted of [key, ...restoreKeys]) {
        const hit =
          inScope.find((e) => e.key === wanted) ?? inScope.find((e) => e.key.startsWith(wanted))
        if (hit) {
          const url = this.blobs.sign(hit.blobPath, { permissions: 'r' })
          return { ok: true, signed_download_url: url, matched_key: hit.key }
        }
      }
    }
    return { ok: false, signed_download_url: '', matched_key: '' }
  }
}

function keyAndVersion(body: Json): { key: string; version: string } {
  const key = typeof body['key'] === 'string' ? body['key'] : ''
  const version = typeof body['version'] === 'string' ? body['version'] : ''
  if (!key) throw new TwirpError('invalid_argument', 'key is required')
  if (!version) throw new TwirpError('invalid_argument', 'version is required')
  return { key, version }
}
