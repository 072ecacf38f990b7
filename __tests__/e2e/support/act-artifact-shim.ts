/**
 * A pass-through proxy in front of nektos/act's artifact server (pkg/artifacts/artifacts_v4.go,
 * act 0.2.87) that corrects the two requests of @actions/artifact 6 it refuses — the one
 * stand-in of the end-to-end test, for what act cannot run yet (nektos/act#6114, fix proposed
 * in #6115):
 *
 * 1. CreateArtifact: the client sends `mime_type` (CreateArtifactRequest field 6); act decodes
 *    the Twirp JSON body with a strict protojson.Unmarshal and a vendored proto without that
 *    field, logs `unknown field "mime_type"` and answers 500 with an empty body, which the
 *    client reports as "Unexpected end of JSON input" after 5 attempts (~30 s).
 * 2. The blob PUTs: act signs upload URLs with `sig=<base64url with '=' padding>`. The Azure
 *    SDK rebuilds the URL to add comp/blockid, and @azure/core-client's simpleParseQueryParams
 *    splits each pair with `split("=", 2)`, dropping the padding. act decodes `sig` with
 *    base64.URLEncoding, which needs it, ignores the error and answers 401 "Error unauthorized".
 *
 * The proxy drops `mime_type` and restores the padding; everything else passes unchanged, so
 * listing and downloading run against act as it is. It counts what it corrected: once act is
 * fixed, both counts drop to 0 and the proxy can go.
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ActArtifactShim {
  /** `http://127.0.0.1:<port>/`: give it to act as ACTIONS_RUNTIME_URL. */
  url: string
  corrected: { mimeType: number; sigPadding: number }
  /** Every request as `METHOD Operation status`, in order. */
  log: string[]
  close(): Promise<void>
}

const TWIRP = '/twirp/github.actions.results.api.v1.ArtifactService/'

export async function startActArtifactShim(actPort: number): Promise<ActArtifactShim> {
  const corrected = { mimeType: 0, sigPadding: 0 }
  const log: string[] = []
  const server: Server = createServer((incoming, response) => {
    readBody(incoming)
      .then((body) => {
        const fixedBody = dropMimeType(incoming.url ?? '', body, corrected)
        const path = padSignature(incoming.url ?? '/', corrected)
        const headers = { ...incoming.headers, 'content-length': String(fixedBody.length) }
        delete headers['transfer-encoding']
        const upstream = request(
          { host: '127.0.0.1', port: actPort, method: incoming.method, path, headers },
          (answer) => {
            log.push(`${incoming.method} ${operation(path)} ${answer.statusCode}`)
            response.writeHead(answer.statusCode ?? 502, answer.headers)
            answer.pipe(response)
          }
        )
        upstream.on('error', () => response.destroy())
        upstream.end(fixedBody)
      })
      .catch(() => response.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/`,
    corrected,
    log,
    close: () => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve()))
    }
  }
}

function readBody(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.on('end', () => resolve(Buffer.concat(chunks)))
    incoming.on('error', reject)
  })
}

function dropMimeType(url: string, body: Buffer, corrected: { mimeType: number }): Buffer {
  if (!url.startsWith(`${TWIRP}CreateArtifact`)) return body
  const json = JSON.parse(body.toString('utf8')) as Record<string, unknown>
  if (!('mime_type' in json)) return body
  delete json['mime_type']
  corrected.mimeType++
  return Buffer.from(JSON.stringify(json))
}

/** base64 of a 32-byte HMAC is 44 characters, the last one '='. */
function padSignature(path: string, corrected: { sigPadding: number }): string {
  return path.replace(/([?&]sig=)([^&]*)/, (whole, key: string, value: string) => {
    const missing = (4 - (value.length % 4)) % 4
    if (missing === 0) return whole
    corrected.sigPadding++
    return `${key}${value}${'='.repeat(missing)}`
  })
}

function operation(path: string): string {
  const name = path.split('?')[0] ?? ''
  return name.startsWith(TWIRP) ? name.slice(TWIRP.length) : name
}
