/**
 * The git queries changed lines need, through the one exec wrapper. Paths are printed as they
 * are (core.quotepath=off) so that a diff's file names need no second decoding.
 */
import { exec } from '../exec.js'

export async function git(args: string[], cwd: string): Promise<string> {
  const result = await exec(['git', '-c', 'core.quotepath=off', ...args], {
    cwd,
    captureStdout: true,
    silent: true
  })
  return result.stdout
}

/** Whether the object `revision` names is in this checkout (a shallow clone lacks older ones). */
export async function hasObject(revision: string, cwd: string): Promise<boolean> {
  try {
    await git(['cat-file', '-e', revision], cwd)
    return true
  } catch {
    return false
  }
}

export function hasCommit(sha: string, cwd: string): Promise<boolean> {
  return hasObject(`${sha}^{commit}`, cwd)
}

export interface CheckedOutCommit {
  sha: string
  /** In the order the commit object names them: a merge's first parent is the branch merged into. */
  parents: string[]
}

/**
 * HEAD and its parents as the commit object records them. A shallow clone grafts its boundary
 * commits to have no parents (`HEAD^1` fails there), but the object still names them: that
 * is how a depth-1 checkout of a merge commit is told apart from an ordinary commit.
 */
export async function checkedOutCommit(cwd: string): Promise<CheckedOutCommit | undefined> {
  let sha: string
  let object: string
  try {
    sha = (await git(['rev-parse', '--verify', 'HEAD^{commit}'], cwd)).trim()
    object = await git(['cat-file', 'commit', sha], cwd)
  } catch {
    return undefined
  }
  const header = object.split('\n\n', 1)[0] ?? ''
  const parents = header
    .split('\n')
    .map((line) => /^parent ([0-9a-f]+)$/.exec(line)?.[1])
    .filter((parent): parent is string => parent !== undefined)
  return { sha, parents }
}
