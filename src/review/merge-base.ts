/**
 * The merge base of a pull request: the commit of the base branch its head forked from, whose
 * coverage is the fair baseline (the base branch's tip may have moved on since, with changes
 * of its own). From git when the checkout has both sides' history — with the base branch's
 * first-parent history back from it, to find the nearest older baseline — else from the REST
 * compare API (contents: read), which needs no history at all.
 *
 * On pull_request, actions/checkout checks out GitHub's test merge commit, whose first parent is
 * the base branch's tip when GitHub merged; the payload's base.sha can lag behind it, so the
 * merge's first parent is used where the checkout is that merge.
 */
import { checkedOutCommit, git, hasCommit } from '../publish/git.js'
import { COMMIT_SHA } from './baseline-file.js'
import { apiErrorMessage, type GitHubApi, type Repository } from './github.js'

export interface MergeBase {
  sha: string
  /** Its committer date (ISO 8601), for choosing an older run by date. */
  date?: string
  /** The base branch's first-parent history from the merge base (itself first), from git. */
  firstParents?: string[]
  source: 'git' | 'api'
}

export interface PullRequestCommits {
  base: string
  head: string
}

/** How far back the first-parent history is read. */
const HISTORY_DEPTH = 100

export async function findMergeBase(
  pullRequest: PullRequestCommits,
  workspace: string,
  api: GitHubApi,
  repository: Repository
): Promise<MergeBase | { unavailable: string }> {
  const head = pullRequest.head.toLowerCase()
  if (!COMMIT_SHA.test(head) || !COMMIT_SHA.test(pullRequest.base.toLowerCase())) {
    return { unavailable: 'the event names a base or head that is not a commit id' }
  }
  const baseTip = (await mergedBaseTip(workspace, head)) ?? pullRequest.base.toLowerCase()
  const fromGit = await mergeBaseFromGit(baseTip, head, workspace)
  if (fromGit) return fromGit
  try {
    const { data } = await api.rest.repos.compareCommitsWithBasehead({
      ...repository,
      basehead: `${baseTip}...${head}`,
      per_page: 1
    })
    const sha = data.merge_base_commit.sha.toLowerCase()
    if (!COMMIT_SHA.test(sha)) return { unavailable: 'the compare API gave no merge base' }
    return { sha, date: data.merge_base_commit.commit.committer?.date, source: 'api' }
  } catch (error) {
    return {
      unavailable: `the checkout lacks the history to find the merge base (fetch-depth: 0 brings it), and the compare API answered ${apiErrorMessage(error)}`
    }
  }
}

/** The test merge's first parent, when the checkout is the merge of `head`. */
async function mergedBaseTip(workspace: string, head: string): Promise<string | undefined> {
  const checkout = await checkedOutCommit(workspace)
  if (checkout?.parents.length === 2 && checkout.parents[1] === head) return checkout.parents[0]
  return undefined
}

async function mergeBaseFromGit(
  baseTip: string,
  head: string,
  workspace: string
): Promise<MergeBase | undefined> {
  if (!(await hasCommit(baseTip, workspace)) || !(await hasCommit(head, workspace)))
    return undefined
  try {
    const sha = (await git(['merge-base', baseTip, head], workspace)).trim()
    if (!COMMIT_SHA.test(sha)) return undefined
    const history = await git(
      ['rev-list', '--first-parent', `--max-count=${HISTORY_DEPTH}`, sha],
      workspace
    )
    const date = (await git(['show', '-s', '--format=%cI', sha], workspace)).trim()
    const firstParents = history.split('\n').filter((line) => COMMIT_SHA.test(line))
    return { sha, date, firstParents, source: 'git' }
  } catch {
    // A shallow clone cut above the merge base: git finds none, the API is asked instead.
    return undefined
  }
}
