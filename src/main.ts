/**
 * run(): the phases in order. Reports are written before anything is gated or published,
 * outputs are set in every outcome, and the one catch turns an error into setFailed.
 */
import * as core from '@actions/core'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getConfig, type Config } from './config.js'
import { Outputs } from './constants.js'
import { TestFailureError } from './errors.js'
import { measure, type Measurement } from './pipeline.js'
import { setCoverageOutputs } from './publish/outputs.js'
import { buildReports } from './reports.js'
import { Timeline } from './timeline.js'

export async function run(): Promise<void> {
  const timeline = new Timeline()
  let testsPassed = true
  try {
    const config = getConfig()
    const workDir = mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), 'mixed-coverage-'))
    const measurement = await measure(config, timeline, workDir)
    testsPassed = testOutcome(measurement).length === 0
    const reports = await timeline.phase('Merge and write reports', () =>
      buildReports(config, measurement)
    )
    setCoverageOutputs(reports)
    finish(config, measurement)
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  } finally {
    core.setOutput(Outputs.TestsPassed, String(testsPassed))
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

/** After publishing: phase failures fail the step; test failures follow on-test-failure. */
function finish(config: Config, measurement: Measurement): void {
  const [firstFailure] = measurement.failures
  if (firstFailure) throw firstFailure
  const testFailures = testOutcome(measurement)
  if (testFailures.length === 0) return
  const message = testFailures.map((failure) => failure.message).join('; ')
  if (config.onTestFailure === 'fail')
    throw new Error(`${message}. Coverage was still measured and reported.`)
  core.warning(`${message}. on-test-failure is 'warn': the step goes on.`)
}
