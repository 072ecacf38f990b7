/**
 * One flow for every mode: a source makes the measurement, the reports step writes the merged
 * reports, a sink consumes both and returns the outcome. main.ts only chooses source and sink
 * (the shape of actions/cache's restore with an injected provider):
 *
 *   run      measure (this job)         → reports → publish (gates, artifact, summary)
 *   collect  measure (this job)         → reports → upload the shard
 *   merge    the shards of the workflow → reports → publish
 */
import * as core from '@actions/core'
import type { Config } from './config.js'
import { Outputs } from './constants.js'
import { showControls } from './coverage/index.js'
import { testFailures, type Measurement } from './measurement.js'
import type { Outcome } from './outcome.js'
import type { UploadOutcome } from './publish/artifact.js'
import type { ActionOutputs } from './publish/outputs.js'
import { buildReports, type ReportResult } from './reports.js'
import type { Timeline } from './timeline.js'

export interface FlowContext {
  config: Config
  timeline: Timeline
  outputs: ActionOutputs
  /** The run's scratch directory: raw reports, coverage data, staging. */
  workDir: string
}

export interface Source {
  measure(context: FlowContext): Promise<Measurement>
}

/** What a sink did: its upload, and the outcome it decided. */
export interface Delivery {
  upload: UploadOutcome
  outcome: Outcome
}

export interface Sink {
  /** Refuses, before anything is measured, what the sink could not deliver. */
  check?(config: Config): void
  /** The reports step's log group. */
  reportsPhase: string
  /**
   * Whether the sink goes on when the merged reports could not be written (a shard's raw
   * reports are uploaded all the same); otherwise that error ends the run.
   */
  toleratesMissingReports: boolean
  deliver(request: SinkRequest): Promise<Delivery>
}

export interface SinkRequest {
  config: Config
  measurement: Measurement
  /** Undefined when the reports could not be written (a sink that tolerates it). */
  reports: ReportResult | undefined
  timeline: Timeline
  outputs: ActionOutputs
  /** The run's scratch directory, for staging uploads. */
  workDir: string
  env?: NodeJS.ProcessEnv
}

export async function runFlow(context: FlowContext, source: Source, sink: Sink): Promise<Outcome> {
  const { config, timeline, outputs } = context
  sink.check?.(config)
  const measurement = await source.measure(context)
  outputs.set(Outputs.TestsPassed, testFailures(measurement.tests).length === 0)
  let reports: ReportResult | undefined
  let reportsError: Error | undefined
  try {
    reports = await timeline.phase(sink.reportsPhase, () => buildReports(config, measurement))
    outputs.setCoverage(reports)
  } catch (error) {
    if (!sink.toleratesMissingReports) throw error
    reportsError = error as Error
    core.info(`The reports were not written: ${showControls(reportsError.message)}`)
  }
  const { workDir } = context
  const request = { config, measurement, reports, timeline, outputs, workDir }
  const { outcome } = await sink.deliver(request)
  return reportsError
    ? { ...outcome, failures: [reportsError.message, ...outcome.failures] }
    : outcome
}
