/**
 * The step's outcome: every policy (on-test-failure, on-threshold-failure, on-upload-failure)
 * and every message it gives, in one place for every mode. Pure: the facts come in, the
 * verdict goes out — what fails the step, what is a warning (in order of importance, so that
 * the line annotations take only the slots left), what is a notice.
 */
import type { Config } from './config.js'
import type { TestFailureError } from './errors.js'
import type { UploadOutcome } from './publish/artifact.js'
import type { ChangedLinesResult } from './publish/changed-lines.js'
import { describeDiffedRange } from './publish/diff-range.js'
import { describeFailure, type GateResult } from './publish/gates.js'
import type { BaselineLookup, CommentOutcome, RelayFacts } from './review/types.js'

export interface OutcomeFacts {
  /** What the sink was: the published reports (run, merge) or this job's shard (collect). */
  sink: 'reports' | 'shard'
  testFailures: readonly TestFailureError[]
  /** Phases that stopped after measuring began, and reports that could not be read. */
  errors: readonly Error[]
  /** Gates evaluated (the reports sink only). */
  gates?: readonly GateResult[]
  /** Changed lines, when the sink looked for them. */
  changed?: ChangedLinesResult
  /** Whether the run is a pull request's (changed lines are then expected). */
  onPullRequest?: boolean
  upload: UploadOutcome
  /** The artifact the sink meant to upload. */
  artifactName: string
  /** The review loop (reports sink): the baseline looked for, the comment, the baseline kept. */
  review?: ReviewFacts
}

export interface ReviewFacts {
  baseline: BaselineLookup
  comment: CommentOutcome
  baselineUpload?: UploadOutcome
}

export interface Announcement {
  message: string
  title?: string
}

export interface Outcome {
  testsPassed: boolean
  /** Every gate passed; false where nothing was gated (a shard). */
  passed: boolean
  /** Log lines. */
  info: string[]
  notices: string[]
  /** In order of importance: tests, gates, changed lines, upload. */
  warnings: Announcement[]
  /** Each fails the step, in order; empty: the step succeeds. */
  failures: string[]
}

type Policies = Pick<Config, 'onTestFailure' | 'onThresholdFailure' | 'onUploadFailure'> &
  Pick<Config, 'thresholds'> &
  Partial<Pick<Config, 'comment'>>

export function decideOutcome(config: Policies, facts: OutcomeFacts): Outcome {
  const outcome: Outcome = {
    testsPassed: facts.testFailures.length === 0,
    passed: facts.sink === 'reports' && !(facts.gates ?? []).some((g) => g.status === 'failed'),
    info: [],
    notices: [],
    warnings: [],
    failures: facts.errors.map((error) => error.message)
  }
  decideTests(config, facts, outcome)
  for (const gate of facts.gates ?? []) decideGate(config, gate, outcome)
  if (facts.changed) decideChangedLines(config, facts.changed, facts.onPullRequest, outcome)
  decideUpload(config, facts, outcome)
  if (facts.review) decideReview(config, facts.review, outcome)
  return outcome
}

function decideTests(config: Policies, facts: OutcomeFacts, outcome: Outcome): void {
  if (facts.testFailures.length === 0) return
  const tests = facts.testFailures.map((failure) => failure.message).join('; ')
  if (config.onTestFailure === 'warn') {
    outcome.warnings.push({
      message: `${tests}. on-test-failure is 'warn': the step goes on.`,
      title: 'Tests failed'
    })
  } else {
    const kept =
      facts.sink === 'shard' ? 'measured and uploaded for the merge job' : 'measured and reported'
    outcome.failures.push(`${tests}. Coverage was still ${kept}.`)
  }
}

function decideGate(config: Policies, gate: GateResult, outcome: Outcome): void {
  if (gate.status === 'no-data') {
    outcome.notices.push(
      `${gate.label} gate (${gate.input}): no data — ${gate.noDataReason}. It does not fail the step.`
    )
  } else if (gate.status === 'failed' && config.onThresholdFailure === 'warn') {
    outcome.warnings.push({
      message: `${describeFailure(gate)}. on-threshold-failure is 'warn': the step succeeds.`,
      title: gate.id === 'delta' ? 'Coverage fell' : 'Coverage below threshold'
    })
  } else if (gate.status === 'failed') {
    outcome.failures.push(describeFailure(gate))
  }
}

/** Changed lines that could not be measured are worth a warning only where they were wanted. */
function decideChangedLines(
  config: Policies,
  changed: ChangedLinesResult,
  onPullRequest: boolean | undefined,
  outcome: Outcome
): void {
  if (changed.status === 'ok') {
    const { from, to } = changed.diffed
    outcome.info.push(
      `Changed lines (${describeDiffedRange(changed.diffed)}): ${from}..${to}, ${changed.lines.size} file(s)`
    )
    return
  }
  const message = `Changed lines ${changed.status === 'off' ? 'are not measured' : 'could not be measured'}: ${changed.reason}`
  const wanted = config.thresholds.changedLines !== undefined || onPullRequest === true
  if (changed.status === 'unavailable' && wanted) {
    outcome.warnings.push({ message, title: 'Changed lines' })
  } else outcome.info.push(message)
}

function decideUpload(config: Policies, facts: OutcomeFacts, outcome: Outcome): void {
  const upload = facts.upload
  if (facts.sink === 'shard') {
    // The shard is this step's only product: an upload that did not happen fails it.
    if (upload.status !== 'uploaded') {
      outcome.failures.push(shardUploadFailure(upload, facts.artifactName))
    }
    return
  }
  if (upload.status === 'skipped') outcome.notices.push(`No report artifact: ${upload.reason}.`)
  if (upload.status !== 'failed') return
  if (config.onUploadFailure === 'warn') {
    outcome.warnings.push({
      message: `The report artifact was not uploaded: ${upload.message}. on-upload-failure is 'warn'.`,
      title: 'Artifact upload failed'
    })
  } else {
    outcome.failures.push(`The report artifact was not uploaded: ${upload.message}`)
  }
}

function shardUploadFailure(
  upload: Exclude<UploadOutcome, { status: 'uploaded' }>,
  name: string
): string {
  if (upload.status === 'skipped') {
    return `The shard artifact ${name} was not uploaded: ${upload.reason}`
  }
  // A re-run replaces its earlier attempt's shard; a conflict left is another leg uploading
  // the same name at the same moment.
  const duplicate = /already exists/i.test(upload.message)
    ? ' Another job of this run uploaded a shard of this name at the same time: give every matrix leg its own shard input.'
    : ''
  return `The shard artifact ${name} was not uploaded: ${upload.message}.${duplicate}`
}

/**
 * The review loop. No baseline is said plainly (the summary, the log) and fails nothing; a
 * baseline that could not be read is worth a warning only where it was wanted (a delta gate, a
 * comment). A comment a read-only token could not post is a notice — its body waits in an
 * artifact for the comment workflow; any other comment failure is a warning. Neither fails the
 * step: the comment is a view of what the summary and the outputs already hold.
 */
function decideReview(config: Policies, review: ReviewFacts, outcome: Outcome): void {
  const { baseline, comment } = review
  if (baseline.status === 'found') {
    outcome.info.push(
      `Baseline: ${baseline.branch} at ${baseline.baseline.commit} (${baseline.basis}, run ${baseline.runId}); merge base ${baseline.mergeBase}`
    )
  } else if (baseline.status === 'none') {
    outcome.info.push(
      `No baseline for ${baseline.branch}: ${baseline.reason}. The coverage change is not measured.`
    )
  } else if (baseline.status === 'unavailable') {
    const message = `The baseline could not be read: ${baseline.reason}`
    const wanted = config.thresholds.delta !== undefined || config.comment === true
    if (wanted) outcome.warnings.push({ message, title: 'Coverage change' })
    else outcome.info.push(message)
  }
  if (comment.status === 'created' || comment.status === 'updated') {
    outcome.info.push(`Pull request comment ${comment.status}: ${comment.url}`)
  } else if (comment.status === 'read-only') {
    outcome.notices.push(
      `The pull request comment was not posted: the token may not write to the pull request (${comment.reason}), as on pull requests from forks. Its body is in the artifact ${comment.artifact ?? ''}; a workflow on workflow_run with mode: comment posts it.`
    )
  } else if (comment.status === 'failed') {
    outcome.warnings.push({
      message: `The pull request comment was not posted: ${comment.reason}`,
      title: 'Comment'
    })
  }
  const kept = review.baselineUpload
  if (kept?.status === 'failed') {
    const message = `The baseline for pull requests was not uploaded: ${kept.message}`
    if (config.onUploadFailure === 'fail') outcome.failures.push(message)
    else
      outcome.warnings.push({
        message: `${message}. on-upload-failure is 'warn'.`,
        title: 'Artifact upload failed'
      })
  }
}

/** mode: comment. A file that fails a check fails the step: it was tampered with, or is a bug. */
export function decideRelay(facts: RelayFacts): Outcome {
  const outcome: Outcome = {
    testsPassed: true,
    passed: true,
    info: [],
    notices: [],
    warnings: [],
    failures: []
  }
  if (facts.status === 'refused') {
    outcome.failures.push(`mode: comment: ${facts.reason}`)
  } else if (facts.status === 'nothing') {
    outcome.notices.push(`Nothing to post: ${facts.reason}.`)
  } else {
    for (const result of facts.results) {
      const line = `${result.artifact} of run ${facts.runId}: ${result.detail}`
      if (result.status === 'posted')
        outcome.info.push(`${line}${result.url ? ` (${result.url})` : ''}`)
      else if (result.status === 'stale') outcome.notices.push(`Not posted — ${line}`)
      else outcome.failures.push(`Not posted — ${line}`)
    }
  }
  outcome.passed = outcome.failures.length === 0
  return outcome
}
