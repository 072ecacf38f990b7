/**
 * The report artifact: merged lcov, Cobertura and JSON summary, the full (untruncated) summary
 * and the HTML report (with the tools' own HTML reports under html/tools/), uploaded with the
 * official artifact client.
 *
 * The files live in different places (output dir, the run's work dir), and the client wants one
 * root, so they are copied into one staging directory first. A file whose name the artifact
 * service refuses (" : < > | * ? CR LF) would fail the whole upload; it is left out and named.
 *
 * Artifact names are unique per workflow run, and a re-run of a job is the same run: the
 * artifact its first attempt uploaded is replaced (deleted, then uploaded again), as
 * upload-artifact's `overwrite: true` does, instead of failing with a conflict.
 */
import {
  ArtifactNotFoundError,
  DefaultArtifactClient,
  GHESNotSupportedError
} from '@actions/artifact'
import * as core from '@actions/core'
import { copyFileSync, cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join, relative } from 'node:path'
import { firstLine } from '../errors.js'
import { showControls } from './escape.js'

export interface ArtifactContents {
  /** Report files copied to the artifact's top level. */
  reports: string[]
  /** The HTML report's directory (tools' reports included), copied to html/. */
  htmlReport?: string
  /** The tools' HTML reports, copied to html/tools/<name>/ when there is no HTML report. */
  toolHtml: Partial<Record<'rust' | 'python', string>>
  /** Generated files (name → content) written at the top level. */
  generated: Record<string, string>
}

export interface ArtifactRequest {
  name: string
  retentionDays?: number
  stagingDir: string
  contents: ArtifactContents
  env?: NodeJS.ProcessEnv
}

export type UploadOutcome =
  | {
      status: 'uploaded'
      name: string
      id: number
      url: string
      size: number
      files: number
      leftOut: string[]
    }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; name: string; message: string }

/** Characters the artifact service refuses in a file path. */
const REFUSED_IN_PATHS = /[":<>|*?\r\n]/

export async function uploadReportArtifact(request: ArtifactRequest): Promise<UploadOutcome> {
  const env = request.env ?? process.env
  if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL) {
    return {
      status: 'skipped',
      reason:
        'not running on a GitHub runner (no ACTIONS_RUNTIME_TOKEN or ACTIONS_RESULTS_URL): the reports stay in the output directory'
    }
  }
  if (onEnterpriseServer(env)) {
    // Checked here because the client, on finding it, also prints a generic warning of its own.
    return { status: 'failed', name: request.name, message: GHES_MESSAGE }
  }
  try {
    const { files, leftOut } = stageArtifact(request.stagingDir, request.contents)
    const client = new DefaultArtifactClient()
    await deleteEarlierAttempt(client, request.name)
    const options = request.retentionDays ? { retentionDays: request.retentionDays } : {}
    const response = await client.uploadArtifact(request.name, files, request.stagingDir, options)
    if (response.id === undefined) throw new Error('the artifact service returned no artifact id')
    return {
      status: 'uploaded',
      name: request.name,
      id: response.id,
      url: artifactUrl(response.id, env),
      size: response.size ?? 0,
      files: files.length,
      leftOut
    }
  } catch (error) {
    return { status: 'failed', name: request.name, message: uploadErrorMessage(error) }
  }
}

/** Copies the contents into `dir` (emptied first); returns the files to upload. */
export function stageArtifact(
  dir: string,
  contents: ArtifactContents
): { files: string[]; leftOut: string[] } {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  for (const report of contents.reports) copyFileSync(report, join(dir, basename(report)))
  for (const [name, content] of Object.entries(contents.generated)) {
    writeFileSync(join(dir, name), content)
  }
  if (contents.htmlReport) {
    cpSync(contents.htmlReport, join(dir, 'html'), { recursive: true })
  } else {
    for (const [tool, source] of Object.entries(contents.toolHtml)) {
      if (source) cpSync(source, join(dir, 'html', 'tools', tool), { recursive: true })
    }
  }
  const files: string[] = []
  const leftOut: string[] = []
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    const inArtifact = relative(dir, path)
    if (REFUSED_IN_PATHS.test(inArtifact)) leftOut.push(showControls(inArtifact))
    else files.push(path)
  }
  return { files: files.sort(), leftOut: leftOut.sort() }
}

/** Where a person finds the artifact: the run's page, artifact anchor. */
export function artifactUrl(id: number, env: NodeJS.ProcessEnv = process.env): string {
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')
  return `${server}/${env.GITHUB_REPOSITORY ?? ''}/actions/runs/${env.GITHUB_RUN_ID ?? ''}/artifacts/${id}`
}

/**
 * Deletes this run's artifact of that name, if there is one: on a re-run it is the earlier
 * attempt's, and the service refuses a second artifact of the same name (409). Best effort:
 * when the run's artifacts cannot be listed (nektos/act's server fails to list a run that has
 * none yet), the upload goes ahead, and a real conflict still fails it with its own message.
 */
export async function deleteEarlierAttempt(
  client: DefaultArtifactClient,
  name: string
): Promise<void> {
  try {
    await client.deleteArtifact(name)
  } catch (error) {
    if (error instanceof ArtifactNotFoundError) return
    core.info(
      `Could not look for an artifact ${name} of an earlier attempt (${showControls(firstLine(error))}); uploading anyway.`
    )
  }
}

const GHES_MESSAGE =
  'this GitHub Enterprise Server does not offer the artifact service the action uses; set upload-artifact: false'

/** The artifact client's rule: github.com, *.ghe.com and *.localhost are not GHES. */
export function onEnterpriseServer(env: NodeJS.ProcessEnv): boolean {
  let host: string
  try {
    host = new URL(env.GITHUB_SERVER_URL || 'https://github.com').hostname.toLowerCase()
  } catch {
    return false
  }
  return !(host === 'github.com' || host.endsWith('.ghe.com') || host.endsWith('.localhost'))
}

function uploadErrorMessage(error: unknown): string {
  if (error instanceof GHESNotSupportedError) return GHES_MESSAGE
  const message = error instanceof Error ? error.message : String(error)
  return showControls(message).slice(0, 2000)
}
