/**
 * What the review loop learned about this run's change: the baseline it found (or why there is
 * none) and the change against it. Shared by the summary, the comment, the gates and the outcome.
 */
import type { Baseline } from './baseline-file.js'
import type { CoverageDelta } from './delta.js'

/**
 * Which baseline: the run of the merge base itself, the nearest older commit on the base
 * branch's first-parent history, or (no history in the checkout) the latest older run.
 */
export type BaselineBasis = 'merge-base' | 'first-parent' | 'older-run'

export type BaselineLookup =
  | {
      status: 'found'
      baseline: Baseline
      /** The workflow run that kept it. */
      runId: number
      basis: BaselineBasis
      branch: string
      mergeBase: string
      /** For 'first-parent': how many commits before the merge base. */
      commitsBefore?: number
    }
  /** Looked, and no run kept a baseline for the merge base or before it. */
  | { status: 'none'; branch: string; mergeBase?: string; reason: string }
  /** Not looked: not a pull request, no token, no artifact service. */
  | { status: 'off'; reason: string }
  /** Could not look: the API refused or failed, the merge base is unknown. */
  | { status: 'unavailable'; reason: string }

export interface Review {
  baseline: BaselineLookup
  /** Present when a baseline was found. */
  delta?: CoverageDelta
}

/** What became of the pull request comment. */
export type CommentOutcome =
  | { status: 'created' | 'updated'; id: number; url: string }
  /** The token may not write (a fork's pull request): the body waits in an artifact. */
  | { status: 'read-only'; reason: string; artifact?: string }
  | { status: 'failed'; reason: string }
  | { status: 'off'; reason: string }

/** mode: comment — what became of one pending comment of the triggering run. */
export interface RelayResult {
  artifact: string
  /** posted; stale: the pull request moved on; refused: the file failed a check. */
  status: 'posted' | 'stale' | 'refused' | 'failed'
  detail: string
  url?: string
}

/** mode: comment — the run as a whole. */
export type RelayFacts =
  | { status: 'refused'; reason: string }
  | { status: 'nothing'; reason: string }
  | { status: 'done'; runId: number; results: RelayResult[] }
