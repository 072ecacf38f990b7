// Wire helpers shared by the loopback results service: Twirp JSON errors, Azure Storage XML
// errors, GitHub REST errors and body reading. node:http only.
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { finished } from 'node:stream/promises'

/** Twirp error codes and the HTTP status Twirp maps each one to (twirp spec v7). */
export const TWIRP_STATUS = {
  canceled: 408,
  unknown: 500,
  invalid_argument: 400,
  malformed: 400,
  deadline_exceeded: 408,
  not_found: 404,
  bad_route: 404,
  already_exists: 409,
  permission_denied: 403,
  unauthenticated: 401,
  resource_exhausted: 429,
  failed_precondition: 412,
  aborted: 409,
  out_of_range: 400,
  unimplemented: 501,
  internal: 500,
  unavailable: 503,
  data_loss: 500
} as const

export type TwirpCode = keyof typeof TWIRP_STATUS

/** Thrown by Twirp method handlers; becomes `{ code, msg, meta }` with the mapped status. */
export class TwirpError extends Error {
  readonly status: number
  constructor(
    readonly code: TwirpCode,
    message: string,
    status?: number
  ) {
    super(message)
    this.status = status ?? TWIRP_STATUS[code]
  }
}

/** Thrown by the blob endpoint; becomes an Azure `<Error>` XML body the storage SDK parses. */
export class StorageError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message)
  }
}

/** Thrown by the REST endpoint; becomes `{ message, documentation_url }` like api.github.com. */
export class RestError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

/** The Twirp code a bare HTTP status most likely stands for (used by failure injection). */
export function twirpCodeFor(status: number): TwirpCode {
  const codes = Object.keys(TWIRP_STATUS) as TwirpCode[]
  return (
    codes.find((code) => TWIRP_STATUS[code] === status) ?? (status >= 500 ? 'internal' : 'unknown')
  )
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/**
 * Reads and drops what is left of a request body, so an early error answer reaches a client
 * that is still sending (instead of a reset it would take for a network failure and retry).
 */
export async function drain(req: IncomingMessage): Promise<void> {
  if (req.complete) return
  req.resume()
  await finished(req).catch(() => undefined)
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text)
  })
  res.end(text)
}

export function sendTwirpError(res: ServerResponse, error: TwirpError): void {
  sendJson(res, error.status, { code: error.code, msg: error.message, meta: {} })
}

export function sendRestError(res: ServerResponse, error: RestError): void {
  sendJson(res, error.status, {
    message: error.message,
    documentation_url: 'https://docs.github.com/rest'
  })
}

/** Headers every Azure Storage response carries; the SDK surfaces them on `_response`. */
export function storageHeaders(req: IncomingMessage): Record<string, string> {
  return {
    'x-ms-request-id': randomUUID(),
    'x-ms-version': String(req.headers['x-ms-version'] ?? '2025-11-05'),
    'x-ms-client-request-id': String(req.headers['x-ms-client-request-id'] ?? ''),
    Date: new Date().toUTCString()
  }
}

export function sendStorageError(
  req: IncomingMessage,
  res: ServerResponse,
  error: StorageError
): void {
  const xml =
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>`
  res.writeHead(error.status, {
    ...storageHeaders(req),
    'x-ms-error-code': error.code,
    'Content-Type': 'application/xml',
    'Content-Length': Buffer.byteLength(xml)
  })
  res.end(req.method === 'HEAD' ? undefined : xml)
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
