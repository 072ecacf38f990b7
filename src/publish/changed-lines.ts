/**
 * Which lines this run's change touches: on pull_request events the lines the PR adds or
 * changes (merge base → head); on pushes the pushed range when the event gives it.
 * Otherwise off. A history too shallow to diff is reported with the fetch-depth to set.
 */
import { realpathSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { exec } from '../exec.js'
import { parseUnifiedDiff, type ChangedLines } from './diff.js'

export interface DiffRange {
  kind: 'pull_request' | 'push'
  base: string
  head: string
  /** Commits in the range, when the event says (pull_request.commits). */
  commits?: number
}

const ZERO_SHA = /^0+$/
const COMMIT_ID = /^[0-9a-f]{4,64}$/i

interface EventPayload {
  pull_request?: { base?: { sha?: string }; head?: { sha?: string }; commits?: number }
  before?: string
  after?: string
}

export function diffRangeFromEvent(
  eventName: string,
  payload: EventPayload
): DiffRange | undefined {
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const base = payload.pull_request?.base?.sha
    const head = payload.pull_request?.head?.sha
    if (base && head)
      return { kind: 'pull_request', base, head, commits: payload.pull_request?.commits }
    return undefined
  }
  if (eventName === 'push' && payload.before && payload.after && !ZERO_SHA.test(payload.before)) {
    return { kind: 'push', base: payload.before, head: payload.after }
  }
  return undefined
}

export type ChangedLinesResult =
  | { status: 'ok'; range: DiffRange; lines: ChangedLines }
  | { status: 'off'; reason: string }
  | { status: 'unavailable'; reason: string }

async function git(args: string[], cwd: string): Promise<string> {
  const result = await exec(['git', '-c', 'core.quotepath=off', ...args], {
    cwd,
    captureStdout: true,
    silent: true
  })
  return result.stdout
}

async function hasCommit(sha: string, cwd: string): Promise<boolean> {
  try {
    await git(['cat-file', '-e', `${sha}^{commit}`], cwd)
    return true
  } catch {
    return false
  }
}

function shallowMessage(range: DiffRange): string {
  if (range.kind === 'pull_request') {
    const depth =
      range.commits !== undefined ? `fetch-depth: ${range.commits + 1} or more` : 'fetch-depth: 0'
    return `the checkout does not contain the merge base of the pull request; set ${depth} on actions/checkout to measure changed lines`
  }
  // A force-push names a `before` that no branch holds any more: no fetch-depth brings it back.
  return (
    "the checkout does not contain the push's previous commit: either the history is too " +
    'shallow (set fetch-depth: 0 on actions/checkout) or the push rewrote history (a force-push), ' +
    'which leaves no range to measure changed lines against'
  )
}

/**
 * `git diff` whose output is what parseUnifiedDiff reads whatever the user's git configuration
 * says: `a/`/`b/` prefixes despite diff.noprefix or diff.mnemonicPrefix, paths from the top
 * level despite diff.relative (as `-c`, which a git older than that setting ignores, where
 * `--no-relative` would be an error), renames detected despite diff.renames=false (a moved
 * file's unchanged lines are not "changed"), no colour, no external diff or textconv.
 */
const DIFF = [
  '-c',
  'diff.relative=false',
  'diff',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--find-renames',
  '--src-prefix=a/',
  '--dst-prefix=b/',
  '--unified=0'
]

/**
 * Changed lines keyed by path relative to `workspace` (the root report paths use).
 */
export async function changedLines(
  range: DiffRange | undefined,
  workspace: string
): Promise<ChangedLinesResult> {
  if (!range) return { status: 'off', reason: 'not a pull request or a push with a known range' }
  // Only commit ids reach git's argv: a value from the payload starting with '-' would be
  // read as an option (git diff --output=<file> writes a file).
  if (!COMMIT_ID.test(range.base) || !COMMIT_ID.test(range.head)) {
    return {
      status: 'unavailable',
      reason: 'the event names a base or head that is not a commit id'
    }
  }
  let top: string
  let root: string
  try {
    top = (await git(['rev-parse', '--show-toplevel'], workspace)).trim()
    // git names the top level by its real path; a workspace reached through a symlink (macOS's
    // /var → /private/var, a linked checkout) must be too, or every path would start with '..'.
    root = realpathSync(workspace)
  } catch {
    return { status: 'unavailable', reason: `${workspace} is not a git checkout` }
  }
  if (!(await hasCommit(range.base, top)) || !(await hasCommit(range.head, top))) {
    return { status: 'unavailable', reason: shallowMessage(range) }
  }
  let from = range.base
  if (range.kind === 'pull_request') {
    try {
      from = (await git(['merge-base', range.base, range.head], top)).trim()
    } catch {
      return { status: 'unavailable', reason: shallowMessage(range) }
    }
  }
  const diff = await git([...DIFF, from, range.head, '--'], top)
  const lines: ChangedLines = new Map()
  for (const [path, set] of parseUnifiedDiff(diff)) {
    lines.set(relative(root, resolve(top, path)).split('\\').join('/'), set)
  }
  return { status: 'ok', range, lines }
}
