/**
 * The baseline a run keeps for later pull requests: line counts in total, per language and per
 * file, and the commit they were measured at. Small on purpose (two integers a file) so that a
 * pull request's run downloads kilobytes, not the report artifact with its HTML. Pure.
 *
 *   { "schema": "mixed-coverage-baseline/1", "commit": hex, "ref": string,
 *     "lines": { "total": [found, hit], "rust": [..], "python": [..], "other": [..] },
 *     "files": { "<repo-relative path>": [found, hit], ... } }
 *
 * A baseline is read from an artifact of another run: everything in it is checked (types,
 * sizes, counts) before it is used, and a path is only ever a key that is compared or escaped.
 */
import { LANGUAGES, type Count, type Language } from '../coverage/index.js'
import type { CoverageFigures } from '../publish/figures.js'

export const BASELINE_SCHEMA = 'mixed-coverage-baseline/1'

/** Larger downloads are refused before they are parsed. */
export const MAX_BASELINE_BYTES = 32 * 1024 * 1024
const MAX_FILES = 500_000
const MAX_PATH_CHARS = 4096
const MAX_REF_CHARS = 1024
const MAX_COUNT = 2 ** 48

export interface Baseline {
  commit: string
  ref: string
  total: Count
  byLanguage: Record<Language, Count>
  /** Lines per file (files inside the workspace only). */
  files: Map<string, Count>
}

export class BaselineError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BaselineError'
  }
}

export const COMMIT_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/

export function baselineOf(figures: CoverageFigures, commit: string, ref: string): Baseline {
  const files = new Map<string, Count>()
  for (const file of figures.files) {
    if (!file.outsideWorkspace) files.set(file.path, { ...file.totals.lines })
  }
  const byLanguage = Object.fromEntries(
    LANGUAGES.map((language) => [language, { ...figures.byLanguage[language].lines }])
  ) as Record<Language, Count>
  return { commit, ref, total: { ...figures.total.lines }, byLanguage, files }
}

export function serializeBaseline(baseline: Baseline): string {
  const pair = (count: Count) => [count.found, count.hit]
  const lines: Record<string, number[]> = { total: pair(baseline.total) }
  for (const language of LANGUAGES) lines[language] = pair(baseline.byLanguage[language])
  const files: Record<string, number[]> = {}
  for (const [path, count] of baseline.files) files[path] = pair(count)
  return `${JSON.stringify({ schema: BASELINE_SCHEMA, commit: baseline.commit, ref: baseline.ref, lines, files })}\n`
}

/** Reads a baseline another run wrote; `source` names it in errors. */
export function parseBaseline(text: string, source: string): Baseline {
  const fail = (why: string): never => {
    throw new BaselineError(`${source} is not a baseline of this action: ${why}`)
  }
  if (text.length > MAX_BASELINE_BYTES) fail('it is larger than 32 MiB')
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch {
    return fail('it is not JSON')
  }
  const root = objectOr(document, fail, 'the document')
  if (root.schema !== BASELINE_SCHEMA) fail(`its schema is not ${BASELINE_SCHEMA}`)
  const commit = root.commit
  if (typeof commit !== 'string' || !COMMIT_SHA.test(commit)) fail('its commit is not a commit id')
  const ref = root.ref
  if (typeof ref !== 'string' || ref.length > MAX_REF_CHARS) fail('its ref is not a short string')
  const lines = objectOr(root.lines, fail, 'lines')
  const total = countOf(lines.total, fail, 'lines.total')
  const byLanguage = Object.fromEntries(
    LANGUAGES.map((language) => [language, countOf(lines[language], fail, `lines.${language}`)])
  ) as Record<Language, Count>
  const entries = Object.entries(objectOr(root.files, fail, 'files'))
  if (entries.length > MAX_FILES) fail(`it lists more than ${MAX_FILES} files`)
  const files = new Map<string, Count>()
  for (const [path, value] of entries) {
    if (path.length === 0 || path.length > MAX_PATH_CHARS) fail('a file path is empty or too long')
    files.set(path, countOf(value, fail, 'a file'))
  }
  return { commit: commit as string, ref: ref as string, total, byLanguage, files }
}

function objectOr(
  value: unknown,
  fail: (why: string) => never,
  what: string
): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail(`${what} is not an object`)
  }
  return value as Record<string, unknown>
}

function countOf(value: unknown, fail: (why: string) => never, what: string): Count {
  if (!Array.isArray(value) || value.length !== 2) return fail(`${what} is not [found, hit]`)
  const [found, hit] = value as unknown[]
  const whole = (n: unknown): n is number =>
    typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_COUNT
  if (!whole(found) || !whole(hit) || hit > found) {
    return fail(`${what} is not two whole numbers with hit ≤ found`)
  }
  return { found, hit }
}
