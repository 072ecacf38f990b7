/**
 * run(): the phases in order — measure, write reports, gate and publish, then decide the
 * step's outcome. Reports are written before anything is gated or uploaded; every output is
 * set in every outcome (from the finally); the one catch turns an error into setFailed.
 */
import * as core from '@actions/core'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getConfig } from './config.js'
import { Outputs } from './constants.js'
import { TestFailureError } from './errors.js'
import { collectShard, gatherShards } from './modes/index.js'
import { measure, type Measurement } from './pipeline.js'
import { policyFailures, publish } from './publish/index.js'
import { ActionOutputs } from './publish/outputs.js'
import { buildMergedReports, buildReports } from './reports.js'
import { Timeline } from './timeline.js'

export async function run(): Promise<void> {
  const timeline = new Timeline()
  const outputs = new ActionOutputs()
  try {
    const config = getConfig()
    const workDir = mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), 'mixed-coverage-'))
    // Raw tool reports, coverage data and HTML stay here for the rest of the job.
    core.info(`Working files of this run: ${workDir}`)
    if (config.mode === 'collect') {
      // A shard: measure and upload the raw results; the merge job gates and publishes.
      const failures = await collectShard({ config, timeline, workDir, outputs })
      if (failures.length > 0) throw new Error(failures.join('\n'))
      return
    }
    // merge: the shards of this workflow run stand in for measuring; the rest is run mode's.
    const shards =
      config.mode === 'merge' ? await gatherShards(config, timeline, workDir) : undefined
    const measurement = shards?.measurement ?? (await measure(config, timeline, workDir))
    const testFailures = shards?.testFailures ?? testOutcome(measurement)
    outputs.set(Outputs.TestsPassed, testFailures.length === 0)
    const reports = await timeline.phase('Merge and write reports', () =>
      shards ? buildMergedReports(config, shards.reports) : buildReports(config, measurement)
    )
    outputs.setCoverage(reports)
    const published = await publish({
      config,
      measurement,
      reports,
      timeline,
      outputs,
      testFailures
    })
    // Only now, with everything written and published, may the step fail.
    const failures = [
      ...measurement.failures.map((failure) => failure.message),
      ...reports.failures.map((failure) => failure.message),
      ...policyFailures(config, published, testFailures)
    ]
    if (failures.length > 0) throw new Error(failures.join('\n'))
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  } finally {
    outputs.write()
  }
}

function testOutcome(measurement: Measurement): TestFailureError[] {
  const failures: TestFailureError[] = []
  if (measurement.rustTestsExit !== undefined && measurement.rustTestsExit !== 0) {
    failures.push(new TestFailureError('rust', measurement.rustTestsExit))
  }
  if (measurement.pythonTestsExit !== undefined && measurement.pythonTestsExit !== 0) {
    failures.push(new TestFailureError('python', measurement.pythonTestsExit))
  }
  return failures
}
