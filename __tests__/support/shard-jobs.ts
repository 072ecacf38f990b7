/**
 * For the sharded tests: a run's outcome, where a collect run staged its shard, the HTML report
 * a publishing run staged, the same files as a Windows runner writes them, and an upload of
 * hand-made shard files with the real artifact client as another job of the run.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT, type RunActionResult } from '../../scripts/runner.mjs'
import { indexTotals, type ShownTotals } from '../helpers/html-totals.js'
import { workDirOf } from '../helpers/toolchain.js'
import { captureStdout, setEnv } from './process-helpers.js'

/** The coverage outputs a merge of shards and a single run of the same tests must agree on. */
export const COVERAGE_OUTPUTS = [
  'line-coverage',
  'rust-line-coverage',
  'python-line-coverage',
  'branch-coverage',
  'function-coverage',
  'lines-found',
  'lines-hit',
  'tests-passed',
  'passed'
]

/**
 * The totals on the index of the HTML report a run staged in its report artifact, and those of
 * its coverage-summary.json, shaped alike.
 */
export function artifactHtmlTotals(result: RunActionResult): {
  shown: Record<string, ShownTotals>
  summary: Record<string, unknown>
} {
  const index = join(workDirOf(result), 'artifact', 'html', 'index.html')
  const summary = readJson(result.outputs['summary-json-path'] as string) as {
    totals: ShownTotals
    languages: Record<string, ShownTotals>
  }
  const { rust, python } = summary.languages
  return {
    shown: indexTotals(readFileSync(index, 'utf8')),
    summary: { rust, python, total: summary.totals }
  }
}

/** Where a collect run staged its shard artifact (its files as uploaded). */
export function stagedShard(result: { stdout: string }): string {
  return join(workDirOf(result), 'shard-artifact')
}

export function expectSuccess(result: RunActionResult, what: string): void {
  if (result.exitCode !== 0) {
    throw new Error(`${what} failed (${result.exitCode}):\n${result.stdout.slice(-6000)}`)
  }
}

/** The merged lcov a run wrote (output lcov-path). */
export function mergedLcov(result: RunActionResult): string {
  return readFileSync(result.outputs['lcov-path'] as string, 'utf8')
}

export function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
}

/** A staged shard's files under another shard name (its manifest changed by `changes`). */
export function renamedShard(
  dir: string,
  shard: string,
  changes: Record<string, unknown> = {}
): Record<string, string> {
  const files: Record<string, string> = {}
  for (const name of readdirSync(dir)) files[name] = readFileSync(join(dir, name), 'utf8')
  const manifest = { ...readJson(join(dir, 'shard.json')), ...changes, shard }
  return { ...files, 'shard.json': JSON.stringify(manifest) }
}

/**
 * A shard's files as a windows-latest runner writes them: lcov paths under D:\a\repo\repo
 * with backslashes, coverage.py names with backslashes, the manifest rooted there.
 */
export function asWindowsShard(dir: string, shard: string): Record<string, string> {
  const lcov = readFileSync(join(dir, 'rust.lcov'), 'utf8').replace(
    /^SF:(.*)$/gm,
    (_, path: string) => `SF:${path.replace(REPO_ROOT, 'D:\\a\\repo\\repo').replace(/\//g, '\\')}`
  )
  const json = readJson(join(dir, 'python-coverage.json'))
  json.files = Object.fromEntries(
    Object.entries(json.files as object).map(([name, data]) => [name.replace(/\//g, '\\'), data])
  )
  const manifest = readJson(join(dir, 'shard.json'))
  Object.assign(manifest, {
    shard,
    workspace: 'D:\\a\\repo\\repo',
    runner: { os: 'Windows', arch: 'X64' }
  })
  return {
    'rust.lcov': lcov,
    'python-coverage.json': JSON.stringify(json),
    'shard.json': JSON.stringify(manifest)
  }
}

/**
 * Uploads `files` (name → content, written to `dir`) as mixed-coverage-shard-<shard> with the
 * real artifact client, as the job whose environment `jobEnv` is (a results service's env()).
 */
export async function uploadShardArtifact(
  jobEnv: Record<string, string>,
  shard: string,
  files: Record<string, string>,
  dir: string
): Promise<void> {
  const restore = setEnv(jobEnv)
  // The client logs every request (::debug::); the test's output is no place for that.
  const stdout = captureStdout()
  try {
    const { DefaultArtifactClient } = await import('@actions/artifact')
    mkdirSync(dir, { recursive: true })
    const paths = Object.entries(files).map(([name, text]) => {
      writeFileSync(join(dir, name), text)
      return join(dir, name)
    })
    await new DefaultArtifactClient().uploadArtifact(`mixed-coverage-shard-${shard}`, paths, dir)
  } finally {
    stdout.restore()
    restore()
  }
}
