/**
 * Which two commits to diff, so that changed lines are in the coordinates of the commit the
 * tests measured. On pull_request, actions/checkout checks out GitHub's test merge commit
 * (refs/pull/N/merge) by default: its first parent is the base branch tip when GitHub merged,
 * its second the pull request's head, and the coverage line numbers are the merge's. The lines
 * the pull request brings into that tree are then first parent → merge; merge base → head
 * would name them where they stand in the head, shifted wherever the base branch has since
 * changed the same file above them. A checkout of the head itself keeps merge base → head.
 */
import { checkedOutCommit, git, hasCommit, hasObject, type CheckedOutCommit } from './git.js'

/** The range the event describes. */
export interface DiffRange {
  kind: 'pull_request' | 'push'
  base: string
  head: string
  /** Commits in the range, when the event says (pull_request.commits). */
  commits?: number
}

/** The two commits actually diffed, and on what grounds. */
export interface DiffedRange {
  basis: 'merge-commit' | 'merge-base' | 'push'
  from: string
  to: string
}

export type DiffedRangeChoice =
  { status: 'ok'; diffed: DiffedRange } | { status: 'unavailable'; reason: string }

const ZERO_SHA = /^0+$/

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

/** What the summary and the log say about the range, e.g. "merge base → head". */
export function describeDiffedRange(diffed: DiffedRange): string {
  if (diffed.basis === 'merge-commit') {
    return `merge commit ${diffed.to.slice(0, 7)}: first parent → merge`
  }
  return diffed.basis === 'merge-base' ? 'merge base → head' : 'push: before → after'
}

/**
 * The diff for `range` in the repository whose top level is `top`. Only a merge whose second
 * parent is the pull request's head counts as the measured merge: pull_request_target checks
 * out the base branch, whose tip is itself a merge commit whenever an earlier pull request was
 * merged with one, and its first parent → merge would be that other pull request's lines.
 */
export async function chooseDiffedRange(range: DiffRange, top: string): Promise<DiffedRangeChoice> {
  if (range.kind === 'pull_request') {
    const checkout = await checkedOutCommit(top)
    if (checkout && isMergeOf(checkout, range.head)) return firstParentToMerge(checkout, top)
    return mergeBaseToHead(range, top)
  }
  if (!(await hasCommit(range.base, top)) || !(await hasCommit(range.head, top))) {
    return { status: 'unavailable', reason: PUSH_BEFORE_MISSING }
  }
  return { status: 'ok', diffed: { basis: 'push', from: range.base, to: range.head } }
}

function isMergeOf(checkout: CheckedOutCommit, head: string): boolean {
  return checkout.parents.length === 2 && checkout.parents[1] === head.toLowerCase()
}

async function firstParentToMerge(
  merge: CheckedOutCommit,
  top: string
): Promise<DiffedRangeChoice> {
  const [firstParent] = merge.parents as [string, string]
  // actions/checkout's default depth of 1 fetches the merge commit alone: its object names
  // the parents, but their trees are not in the clone.
  if (!(await hasObject(`${firstParent}^{tree}`, top))) {
    return {
      status: 'unavailable',
      reason:
        `the checkout does not contain the first parent of the merge commit ${merge.sha.slice(0, 7)} it measured ` +
        "(a shallow clone); set fetch-depth: 2 on actions/checkout to measure changed lines: that is enough for a merge commit's first parent"
    }
  }
  return { status: 'ok', diffed: { basis: 'merge-commit', from: firstParent, to: merge.sha } }
}

async function mergeBaseToHead(range: DiffRange, top: string): Promise<DiffedRangeChoice> {
  const unavailable = { status: 'unavailable', reason: pullRequestBaseMissing(range) } as const
  if (!(await hasCommit(range.base, top)) || !(await hasCommit(range.head, top))) {
    return unavailable
  }
  let from: string
  try {
    from = (await git(['merge-base', range.base, range.head], top)).trim()
  } catch {
    return unavailable
  }
  return { status: 'ok', diffed: { basis: 'merge-base', from, to: range.head } }
}

function pullRequestBaseMissing(range: DiffRange): string {
  const depth =
    range.commits !== undefined ? `fetch-depth: ${range.commits + 1} or more` : 'fetch-depth: 0'
  return `the checkout does not contain the merge base of the pull request; set ${depth} on actions/checkout to measure changed lines`
}

// A force-push names a `before` that no branch holds any more: no fetch-depth brings it back.
const PUSH_BEFORE_MISSING =
  "the checkout does not contain the push's previous commit: either the history is too " +
  'shallow (set fetch-depth: 0 on actions/checkout) or the push rewrote history (a force-push), ' +
  'which leaves no range to measure changed lines against'
