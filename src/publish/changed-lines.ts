/**
 * Which lines this run's change touches: on pull_request events the lines the pull request
 * brings into the commit that was measured (diff-range.ts chooses the two commits); on pushes
 * the pushed range when the event gives it. Otherwise off. A history too shallow to diff is
 * reported with the fetch-depth to set.
 */
import { realpathSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { parseUnifiedDiff, type ChangedLines } from './diff.js'
import { chooseDiffedRange, type DiffedRange, type DiffRange } from './diff-range.js'
import { git } from './git.js'

const COMMIT_ID = /^[0-9a-f]{4,64}$/i

export type ChangedLinesResult =
  | { status: 'ok'; range: DiffRange; diffed: DiffedRange; lines: ChangedLines }
  | { status: 'off'; reason: string }
  | { status: 'unavailable'; reason: string }

/**
 * `git diff` whose output is what parseUnifiedDiff reads whatever the user's git configuration
 * says: `a/`/`b/` prefixes despite diff.noprefix or diff.mnemonicPrefix, paths from the top
 * level despite diff.relative (as `-c`, which a git older than that setting ignores, where
 * `--no-relative` would be an error), renames detected despite diff.renames=false (a moved
 * file's unchanged lines are not "changed"), no colour, no external diff or textconv.
 */
export const DIFF_ARGS = [
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
  const choice = await chooseDiffedRange(range, top)
  if (choice.status === 'unavailable') return choice
  const { diffed } = choice
  const diff = await git([...DIFF_ARGS, diffed.from, diffed.to, '--'], top)
  const lines: ChangedLines = new Map()
  for (const [path, set] of parseUnifiedDiff(diff)) {
    lines.set(relative(root, resolve(top, path)).split('\\').join('/'), set)
  }
  return { status: 'ok', range, diffed, lines }
}
