/**
 * The sink of run and merge modes, after the reports are on disk: changed lines, the HTML
 * report (which marks them), gates, the report artifact, then the outcome (outcome.ts decides
 * every policy) announced, the line annotations in the warning slots left, the step summary and
 * the outputs they decide.
 */
import * as core from '@actions/core'
import { join, relative } from 'node:path'
import { Outputs } from '../constants.js'
import { formatPercent } from '../coverage/index.js'
import { announce } from '../announce.js'
import { decodeTests, testsOfChange } from '../per-test/changed-tests.js'
import { exitCodes, testCauses, testFailures } from '../measurement.js'
import type { Delivery, SinkRequest } from '../flow.js'
import { decideOutcome } from '../outcome.js'
import type { ReportResult } from '../reports.js'
import {
  deltaMeasure,
  publishReview,
  reviewChange,
  setReviewOutputs,
  writeBadges,
  type ReviewPublication,
  type ReviewPublished
} from '../review/index.js'
import { readEventPayload } from '../review/github.js'
import { stepWarnings } from '../warnings.js'
import { emitAnnotations, planAnnotations } from './annotations.js'
import { uploadReportArtifact, type UploadOutcome } from './artifact.js'
import { changedLineCoverage, type ChangedCoverage } from './changed-coverage.js'
import type { ChangedLinesResult } from './changed-lines.js'
import { changedLinesOfRun } from './event.js'
import { writeRunHtmlReport } from './html-report.js'
import type { CoverageFigures } from './figures.js'
import { evaluateGates, type GateMeasures, type GateResult } from './gates.js'
import { writeStepSummary } from './step-summary.js'
import { renderSummary, type SummaryInput } from './summary.js'

export async function publish(request: SinkRequest): Promise<Delivery> {
  const { config, measurement, outputs } = request
  const reports = request.reports
  // buildReports throws instead in these modes: there is nothing to publish without reports.
  if (!reports) throw new Error('publish needs the merged reports')
  const env = request.env ?? process.env
  const change = await measureChange(request, reports, env)
  const htmlReport = await writeRunHtmlReport(request, reports, {
    result: change.changed,
    coverage: change.changedCoverage
  })
  const badges = writeBadges(config.outputDir, reports.figures)
  const summary = summaryInput(request, reports, change)
  const upload = await uploadArtifact(request, reports, {
    htmlReport,
    summary: renderSummary(summary).markdown,
    badges
  })
  if (upload.status === 'uploaded') {
    outputs.set(Outputs.ArtifactId, upload.id)
    outputs.set(Outputs.ArtifactUrl, upload.url)
    core.info(`Uploaded artifact ${upload.name} (id ${upload.id}): ${upload.url}`)
  }
  const { comment, baselineUpload } = await commentAndKeepBaseline(request, {
    config,
    review: change.review,
    figures: reports.figures,
    changed: change.changed,
    changedCoverage: change.changedCoverage,
    gates: change.gates,
    payload: change.payload,
    workDir: request.workDir,
    env
  })
  const outcome = decideOutcome(config, {
    sink: 'reports',
    testFailures: testFailures(measurement.tests),
    errors: [...measurement.failures, ...reports.failures],
    gates: change.gates,
    changed: change.changed,
    onPullRequest: (env.GITHUB_EVENT_NAME ?? '').startsWith('pull_request'),
    upload,
    artifactName: config.artifactName,
    review: { baseline: change.review.baseline, comment, baselineUpload }
  })
  outputs.set(Outputs.Passed, outcome.passed)
  announce(outcome)
  const review = summary.review && { ...summary.review, comment, baselineUpload }
  const final: SummaryInput = { ...summary, artifact: upload, review }
  await annotateAndSummarize(request, reports, final, env)
  return { upload, outcome }
}

/** What changed against the base: changed lines, the baseline, and the gates on both. */
interface Change {
  changed: ChangedLinesResult
  changedCoverage: ChangedCoverage | undefined
  payload: ReturnType<typeof readEventPayload>
  review: Awaited<ReturnType<typeof reviewChange>>
  gates: GateResult[]
}

async function measureChange(
  request: SinkRequest,
  reports: ReportResult,
  env: NodeJS.ProcessEnv
): Promise<Change> {
  const { config, timeline, outputs } = request
  const changed = await timeline.phase('Changed lines (git diff)', () =>
    changedLinesOfRun(config.workspace)
  )
  const changedCoverage =
    changed.status === 'ok' ? changedLineCoverage(reports.report, changed.lines) : undefined
  const payload = readEventPayload(env)
  const review = await timeline.phase('Baseline of the base branch', () =>
    reviewChange(config, reports.figures, changed, payload, env)
  )
  setReviewOutputs(outputs, review)
  const gates = evaluateGates(config.thresholds, {
    ...gateMeasures(reports.figures, changed, changedCoverage),
    delta: deltaMeasure(review)
  })
  outputs.set(Outputs.ChangedLineCoverage, changedPercent(changedCoverage))
  return { changed, changedCoverage, payload, review, gates }
}

function summaryInput(request: SinkRequest, reports: ReportResult, change: Change): SummaryInput {
  const { config, measurement, timeline } = request
  return {
    gates: change.gates,
    thresholdPolicy: config.onThresholdFailure,
    tests: exitCodes(measurement.tests),
    testCauses: testCauses(measurement.tests),
    figures: reports.figures,
    changed: change.changed,
    changedCoverage: change.changedCoverage,
    outputDir: relative(config.workspace, config.outputDir) || '.',
    phases: timeline.phases,
    diagnosis: measurement.diagnosis,
    notes: reports.notes,
    changedTests: changedTestsOf(config.workspace, reports, change.changed),
    review: {
      review: change.review,
      figures: reports.figures,
      changedCoverage: change.changedCoverage
    }
  }
}

/** The line annotations in the warning slots left, then the step summary with every phase. */
async function annotateAndSummarize(
  request: SinkRequest,
  reports: ReportResult,
  summary: SummaryInput,
  env: NodeJS.ProcessEnv
): Promise<void> {
  const { config, timeline } = request
  await timeline.phase('Annotations and step summary', async () => {
    const plan = planAnnotations(
      config.annotations,
      reports.report,
      summary.changed,
      summary.changedCoverage
    )
    const annotations = emitAnnotations(plan, stepWarnings)
    core.info(
      `Annotated ${annotations.emitted.length} of ${plan.ranked.length} uncovered ranges (annotations: ${config.annotations}).`
    )
    const final = { ...summary, phases: [...timeline.phases], annotations }
    const written = await writeStepSummary((maxBytes) => renderSummary(final, maxBytes), env)
    if (written?.truncated) {
      core.info(
        `The step summary lists ${written.filesShown} of ${final.figures.files.length} files (1 MiB limit).`
      )
    }
  })
}

/** After the report artifact: the pull request comment, and the baseline a push run keeps. */
async function commentAndKeepBaseline(
  request: SinkRequest,
  publication: ReviewPublication
): Promise<ReviewPublished> {
  const published = await request.timeline.phase('Pull request comment and baseline', () =>
    publishReview(publication)
  )
  const { comment } = published
  if (comment.status === 'created' || comment.status === 'updated') {
    request.outputs.set(Outputs.CommentUrl, comment.url)
  }
  return published
}

/** The tests that run the changed lines, when per-test coverage was measured. */
function changedTestsOf(
  workspace: string,
  reports: ReportResult,
  changed: ChangedLinesResult
): SummaryInput['changedTests'] {
  if (!reports.tests || changed.status !== 'ok') return undefined
  const tests = decodeTests(reports.tests.document)
  return {
    changed: testsOfChange(tests, changed.lines),
    file: relative(workspace, reports.tests.path)
  }
}

function gateMeasures(
  figures: CoverageFigures,
  changed: ChangedLinesResult,
  changedCoverage: ChangedCoverage | undefined
): GateMeasures {
  const orNoData = (count: { found: number; hit: number }, reason: string) =>
    count.found > 0 ? count : { noData: reason }
  const { total, byLanguage } = figures
  return {
    lines: orNoData(total.lines, 'no instrumented line was measured'),
    rustLines: orNoData(byLanguage.rust.lines, 'no Rust file was measured'),
    pythonLines: orNoData(byLanguage.python.lines, 'no Python file was measured'),
    branches: orNoData(total.branches, 'the reports have no branch data'),
    functions: orNoData(total.functions, 'the reports have no function data'),
    changedLines:
      changed.status !== 'ok'
        ? { noData: changed.reason }
        : orNoData(
            changedCoverage?.lines ?? { found: 0, hit: 0 },
            'the change touches no instrumented line'
          )
  }
}

function changedPercent(coverage: ChangedCoverage | undefined): string {
  if (!coverage || coverage.lines.found === 0) return ''
  return formatPercent(coverage.lines.hit, coverage.lines.found)
}

async function uploadArtifact(
  request: SinkRequest,
  reports: ReportResult,
  written: { htmlReport: string | undefined; summary: string; badges: string[] }
): Promise<UploadOutcome> {
  const { config, measurement, timeline } = request
  if (!config.uploadArtifact) return { status: 'skipped', reason: 'upload-artifact is false' }
  return timeline.phase('Upload the report artifact', () =>
    uploadReportArtifact({
      name: config.artifactName,
      retentionDays: config.retentionDays,
      stagingDir: join(request.workDir, 'artifact'),
      contents: {
        reports: [
          reports.paths.lcov,
          reports.paths.cobertura,
          reports.paths.summaryJson,
          ...(reports.tests ? [reports.tests.path] : []),
          ...written.badges
        ],
        htmlReport: written.htmlReport,
        toolHtml: measurement.htmlDirs,
        generated: { 'summary.md': written.summary }
      }
    })
  )
}
