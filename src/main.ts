/**
 * run(): the configuration, then one flow (flow.ts) with the source and sink of the mode. Every
 * output is set in every outcome (from the finally); the one catch turns an error into
 * setFailed, and so does an outcome with failures — only after everything was written and
 * published.
 */
import * as core from '@actions/core'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { announce } from './announce.js'
import { getConfig, type Config, type Mode } from './config.js'
import { Outputs } from './constants.js'
import { runFlow, type Sink, type Source } from './flow.js'
import { measure } from './measure/index.js'
import { checkCollect, gatherShards, uploadShard } from './modes/index.js'
import { decideRelay, type Outcome } from './outcome.js'
import { publish } from './publish/index.js'
import { relayComments } from './review/index.js'
import { ActionOutputs } from './publish/outputs.js'
import { Timeline } from './timeline.js'

const MEASURE: Source = {
  measure: ({ config, timeline, workDir }) => measure(config, timeline, workDir)
}
const SHARDS: Source = {
  measure: ({ config, timeline, workDir }) => gatherShards(config, timeline, workDir)
}
const PUBLISH: Sink = {
  reportsPhase: 'Merge and write reports',
  toleratesMissingReports: false,
  deliver: publish
}
const SHARD_UPLOAD: Sink = {
  check: (config) => checkCollect(config),
  reportsPhase: "This shard's reports",
  toleratesMissingReports: true,
  deliver: uploadShard
}

const FLOWS: Record<Exclude<Mode, 'comment'>, { source: Source; sink: Sink }> = {
  run: { source: MEASURE, sink: PUBLISH },
  collect: { source: MEASURE, sink: SHARD_UPLOAD },
  merge: { source: SHARDS, sink: PUBLISH }
}

export async function run(): Promise<void> {
  const outputs = new ActionOutputs()
  try {
    const config = getConfig()
    const workDir = mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), 'mixed-coverage-'))
    // Raw tool reports, coverage data and HTML stay here for the rest of the job.
    core.info(`Working files of this run: ${workDir}`)
    const outcome =
      config.mode === 'comment'
        ? await relay(config, outputs)
        : await runFlow(
            { config, timeline: new Timeline(), outputs, workDir },
            FLOWS[config.mode].source,
            FLOWS[config.mode].sink
          )
    if (outcome.failures.length > 0) core.setFailed(outcome.failures.join('\n'))
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  } finally {
    outputs.write()
  }
}

/** mode: comment — nothing measured: the triggering run's pending comments posted. */
async function relay(config: Config, outputs: ActionOutputs): Promise<Outcome> {
  const facts = await relayComments(config)
  const outcome = decideRelay(facts)
  announce(outcome)
  const posted = facts.status === 'done' ? facts.results.filter((result) => result.url) : []
  if (posted.length > 0) outputs.set(Outputs.CommentUrl, posted[posted.length - 1]?.url ?? '')
  outputs.set(Outputs.Passed, outcome.passed)
  return outcome
}
