/**
 * The review loop's small artifacts: one JSON file each, uploaded unzipped (the artifact is the
 * file, named after it), and read back from other runs through the REST API (actions: read) —
 * the download is capped in bytes before anything is parsed, because the run that wrote it may
 * be a fork's.
 */
import { DefaultArtifactClient } from '@actions/artifact'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { artifactUrl, deleteEarlierAttempt, type UploadOutcome } from '../publish/artifact.js'
import { showControls } from '../publish/escape.js'
import type { GitHubApi, Repository } from './github.js'

export interface RunArtifact {
  id: number
  name: string
  size: number
}

/** Runs list at most this many artifact pages (100 each). */
const MAX_ARTIFACT_PAGES = 10
const DOWNLOAD_TIMEOUT_MS = 60_000

/** The artifacts of a workflow run that have not expired, optionally only the one named `name`. */
export async function listRunArtifacts(
  api: GitHubApi,
  repository: Repository,
  runId: number,
  name?: string
): Promise<RunArtifact[]> {
  const found: RunArtifact[] = []
  for (let page = 1; page <= MAX_ARTIFACT_PAGES; page++) {
    const { data } = await api.rest.actions.listWorkflowRunArtifacts({
      ...repository,
      run_id: runId,
      per_page: 100,
      page,
      ...(name ? { name } : {})
    })
    for (const artifact of data.artifacts) {
      if (!artifact.expired) {
        found.push({ id: artifact.id, name: artifact.name, size: artifact.size_in_bytes })
      }
    }
    if (data.artifacts.length < 100) break
  }
  return found
}

/**
 * The content of an unzipped one-file artifact, as text. The API answers with a redirect to
 * the storage URL, which is fetched without the token; more than `maxBytes` is refused.
 */
export async function downloadRawArtifact(
  api: GitHubApi,
  repository: Repository,
  artifact: RunArtifact,
  maxBytes: number
): Promise<string> {
  if (artifact.size > maxBytes) {
    throw new Error(
      `${describe(artifact)} is ${artifact.size} bytes, over the ${maxBytes} accepted`
    )
  }
  const { headers } = await api.rest.actions.downloadArtifact({
    ...repository,
    artifact_id: artifact.id,
    archive_format: 'zip',
    request: { redirect: 'manual' }
  })
  const location = headers.location
  if (!location) throw new Error(`the API gave no download URL for ${describe(artifact)}`)
  const response = await fetch(location, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) })
  if (response.status !== 200 || !response.body) {
    throw new Error(`downloading ${describe(artifact)} answered ${response.status}`)
  }
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of response.body) {
    size += chunk.byteLength
    if (size > maxBytes) throw new Error(`${describe(artifact)} is larger than ${maxBytes} bytes`)
    chunks.push(chunk)
  }
  const bytes = Buffer.concat(chunks)
  // A zip (PK\x03\x04) means the artifact was not uploaded as one raw file by this action.
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    throw new Error(`${describe(artifact)} is a zip archive, not the JSON file this action uploads`)
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
}

/**
 * Uploads `text` as the one-file artifact `name` (a JSON file name), replacing this run's
 * earlier attempt's, as the report artifact does.
 */
export async function uploadJsonArtifact(
  name: string,
  text: string,
  stagingDir: string,
  retentionDays: number | undefined,
  env: NodeJS.ProcessEnv = process.env
): Promise<UploadOutcome> {
  try {
    rmSync(stagingDir, { recursive: true, force: true })
    mkdirSync(stagingDir, { recursive: true })
    const file = join(stagingDir, name)
    writeFileSync(file, text)
    const client = new DefaultArtifactClient()
    await deleteEarlierAttempt(client, name)
    const options = { skipArchive: true, ...(retentionDays ? { retentionDays } : {}) }
    const response = await client.uploadArtifact(name, [file], stagingDir, options)
    if (response.id === undefined) throw new Error('the artifact service returned no artifact id')
    const size = Buffer.byteLength(text)
    return {
      status: 'uploaded',
      name,
      id: response.id,
      url: artifactUrl(response.id, env),
      size,
      files: 1,
      leftOut: []
    }
  } catch (error) {
    const message = showControls(error instanceof Error ? error.message : String(error))
    return { status: 'failed', name, message: message.slice(0, 2000) }
  }
}

function describe(artifact: RunArtifact): string {
  return `artifact ${showControls(artifact.name).slice(0, 200)} (id ${artifact.id})`
}
