/**
 * Gates and publishing, after the reports are on disk: changed lines, thresholds, the report
 * artifact, annotations, the step summary and the outputs they decide. Nothing here throws for
 * a policy decision: it returns what failed, and run() fails the step at the very end.
 *
 * Warnings are issued in order of importance (test and gate failures, a changed-lines
 * problem, an upload failure) and the line annotations take the places left of the 10
 * warnings GitHub shows per step.
 */
import * as core from '@actions/core'
import { join, relative } from 'node:path'
import type { Config } from '../config.js'
import { Outputs } from '../constants.js'
import { formatPercent } from '../coverage/index.js'
import type { TestFailureError } from '../errors.js'
import type { Measurement } from '../pipeline.js'
import type { ReportResult } from '../reports.js'
import type { Timeline } from '../timeline.js'
import { emitAnnotations, planAnnotations, Warnings } from './annotations.js'
import { uploadReportArtifact, type UploadOutcome } from './artifact.js'
import { changedLineCoverage, type ChangedCoverage } from './changed-coverage.js'
import type { ChangedLinesResult } from './changed-lines.js'
import { changedLinesOfRun } from './event.js'
import { figuresOf, type CoverageFigures } from './figures.js'
import {
  describeFailure,
  evaluateGates,
  gatesPassed,
  type GateMeasures,
  type GateResult
} from './gates.js'
import type { ActionOutputs } from './outputs.js'
import { renderSummary, writeStepSummary, type SummaryInput } from './summary.js'
import { warning } from '../warnings.js'

export interface PublishRequest {
  config: Config
  measurement: Measurement
  reports: ReportResult
  timeline: Timeline
  outputs: ActionOutputs
  testFailures: readonly TestFailureError[]
}

export interface PublishOutcome {
  gates: GateResult[]
  passed: boolean
  upload: UploadOutcome
}

export async function publish(request: PublishRequest): Promise<PublishOutcome> {
  const { config, measurement, reports, timeline, outputs } = request
  const warnings = new Warnings()
  const changed = await timeline.phase('Changed lines (git diff)', () =>
    changedLinesOfRun(config.workspace)
  )
  const figures = figuresOf(reports.report, reports.totals)
  const changedCoverage =
    changed.status === 'ok' ? changedLineCoverage(reports.report, changed.lines) : undefined
  const gates = evaluateGates(config.thresholds, gateMeasures(figures, changed, changedCoverage))
  const passed = gatesPassed(gates)
  outputs.set(Outputs.Passed, passed)
  outputs.set(Outputs.ChangedLineCoverage, changedPercent(changedCoverage))

  reportTestFailures(request.testFailures, config, warnings)
  reportGates(gates, config, warnings)
  reportChangedLines(changed, config, warnings)
  const summary: SummaryInput = {
    gates,
    thresholdPolicy: config.onThresholdFailure,
    tests: { rust: measurement.rustTestsExit, python: measurement.pythonTestsExit },
    figures,
    changed,
    changedCoverage,
    outputDir: relative(config.workspace, config.outputDir) || '.',
    phases: timeline.phases,
    diagnosis: measurement.diagnosis,
    notes: reports.notes
  }
  const upload = await uploadArtifact(request, renderSummary(summary).markdown, warnings)
  if (upload.status === 'uploaded') {
    outputs.set(Outputs.ArtifactId, upload.id)
    outputs.set(Outputs.ArtifactUrl, upload.url)
  }
  await timeline.phase('Annotations and step summary', async () => {
    const plan = planAnnotations(config.annotations, reports.report, changed, changedCoverage)
    const annotations = emitAnnotations(plan, warnings)
    core.info(
      `Annotated ${annotations.emitted.length} of ${plan.ranked.length} uncovered ranges (annotations: ${config.annotations}).`
    )
    const final = { ...summary, phases: [...timeline.phases], annotations, artifact: upload }
    // The summary is a view of what is already on disk and in the outputs: failing to write it
    // is worth a warning, not the step.
    await writeStepSummary(final).catch((error: Error) =>
      warning(`The step summary was not written: ${error.message}`)
    )
  })
  return { gates, passed, upload }
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

function reportTestFailures(
  failures: readonly TestFailureError[],
  config: Config,
  warnings: Warnings
): void {
  if (failures.length === 0 || config.onTestFailure !== 'warn') return
  const message = failures.map((failure) => failure.message).join('; ')
  warnings.warn(`${message}. on-test-failure is 'warn': the step goes on.`, {
    title: 'Tests failed'
  })
}

function reportGates(gates: readonly GateResult[], config: Config, warnings: Warnings): void {
  for (const gate of gates) {
    if (gate.status === 'no-data') {
      core.notice(
        `${gate.label} gate (${gate.input}): no data — ${gate.noDataReason}. It does not fail the step.`
      )
    } else if (gate.status === 'failed' && config.onThresholdFailure === 'warn') {
      warnings.warn(
        `${describeFailure(gate)}. on-threshold-failure is 'warn': the step succeeds.`,
        {
          title: 'Coverage below threshold'
        }
      )
    }
  }
}

function reportChangedLines(changed: ChangedLinesResult, config: Config, warnings: Warnings): void {
  if (changed.status === 'ok') {
    core.info(
      `Changed lines: ${changed.range.base}..${changed.range.head}, ${changed.lines.size} file(s)`
    )
    return
  }
  const message = `Changed lines ${changed.status === 'off' ? 'are not measured' : 'could not be measured'}: ${changed.reason}`
  const onPullRequest = (process.env.GITHUB_EVENT_NAME ?? '').startsWith('pull_request')
  const wanted = config.thresholds.changedLines !== undefined || onPullRequest
  if (changed.status === 'unavailable' && wanted) warnings.warn(message, { title: 'Changed lines' })
  else core.info(message)
}

async function uploadArtifact(
  request: PublishRequest,
  fullSummary: string,
  warnings: Warnings
): Promise<UploadOutcome> {
  const { config, measurement, reports, timeline } = request
  if (!config.uploadArtifact) return { status: 'skipped', reason: 'upload-artifact is false' }
  const upload = await timeline.phase('Upload the report artifact', () =>
    uploadReportArtifact({
      name: config.artifactName,
      retentionDays: config.retentionDays,
      stagingDir: join(measurement.workDir, 'artifact'),
      contents: {
        reports: [reports.paths.lcov, reports.paths.cobertura, reports.paths.summaryJson],
        htmlDirs: { rust: measurement.rustHtmlDir, python: measurement.pythonHtmlDir },
        generated: { 'summary.md': fullSummary }
      }
    })
  )
  if (upload.status === 'skipped') core.notice(`No report artifact: ${upload.reason}.`)
  else if (upload.status === 'uploaded')
    core.info(`Uploaded artifact ${upload.name} (id ${upload.id}): ${upload.url}`)
  else if (config.onUploadFailure === 'warn') {
    warnings.warn(
      `The report artifact was not uploaded: ${upload.message}. on-upload-failure is 'warn'.`,
      {
        title: 'Artifact upload failed'
      }
    )
  }
  return upload
}

/** The failures that fail the step under the 'fail' policies, in order. */
export function policyFailures(
  config: Config,
  outcome: PublishOutcome | undefined,
  testFailures: readonly TestFailureError[]
): string[] {
  const messages: string[] = []
  if (testFailures.length > 0 && config.onTestFailure === 'fail') {
    const tests = testFailures.map((failure) => failure.message).join('; ')
    messages.push(`${tests}. Coverage was still measured and reported.`)
  }
  if (!outcome) return messages
  if (config.onThresholdFailure === 'fail') {
    for (const gate of outcome.gates)
      if (gate.status === 'failed') messages.push(describeFailure(gate))
  }
  if (outcome.upload.status === 'failed' && config.onUploadFailure === 'fail') {
    messages.push(`The report artifact was not uploaded: ${outcome.upload.message}`)
  }
  return messages
}
