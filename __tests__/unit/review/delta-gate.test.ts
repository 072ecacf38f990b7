import { describe, expect, it } from '@jest/globals'
import {
  describeFailure,
  evaluateGates,
  measuredText,
  missingToHold,
  thresholdText,
  type GateMeasures
} from '../../../src/publish/gates.js'
import { decideOutcome, decideRelay } from '../../../src/outcome.js'

const count = (hit: number, found: number) => ({ hit, found })
const COMMIT = '9b05d5807472b9ba31d9e0f8657a999f4a458bf8'
const measures = (delta: GateMeasures['delta']): GateMeasures => ({
  lines: count(0, 0),
  rustLines: count(0, 0),
  pythonLines: count(0, 0),
  branches: count(0, 0),
  functions: count(0, 0),
  changedLines: count(0, 0),
  delta
})

describe('fail-under-delta', () => {
  it('fails when line coverage fell by more than the points allowed, exactly', () => {
    // 47/59 → 47/65: -7.35 points. Allowed 1: (47 + k)/65 ≥ 78.66% needs k = 5.
    const [gate] = evaluateGates(
      { delta: 1 },
      measures({ now: count(47, 65), base: count(47, 59), commit: COMMIT, points: '-7.35' })
    )
    expect(gate).toMatchObject({ id: 'delta', status: 'failed', shortBy: 5 })
    expect(describeFailure(gate!)).toBe(
      'Line coverage changed by -7.35 points, from 79.66% (47/59) at 9b05d58074 to 72.31% (47/65): it may fall by 1 points at most (fail-under-delta); 5 more covered lines needed'
    )
    expect(thresholdText(gate!)).toBe('-1 points')
    expect(measuredText(gate!)).toBe('-7.35 points (79.66% → 72.31%)')
    expect(missingToHold(count(47, 65), count(47, 59), 7.36)).toBe(0)
    expect(missingToHold(count(47, 65), count(47, 59), 7.35)).toBe(1)
    expect(missingToHold(count(5, 10), count(1, 2), 0)).toBe(0)
    expect(missingToHold(count(4, 10), count(1, 2), 0)).toBe(1)
  })

  it('has no data without a baseline, and fails nothing for it', () => {
    const [gate] = evaluateGates({ delta: 1 }, measures({ noData: 'no baseline (none kept)' }))
    expect(gate).toMatchObject({ status: 'no-data', noDataReason: 'no baseline (none kept)' })
    const outcome = decideOutcome(
      {
        onTestFailure: 'fail',
        onThresholdFailure: 'fail',
        onUploadFailure: 'warn',
        thresholds: { delta: 1 }
      },
      {
        sink: 'reports',
        testFailures: [],
        errors: [],
        gates: [gate!],
        upload: { status: 'skipped', reason: 'x' },
        artifactName: 'a'
      }
    )
    expect(outcome.failures).toEqual([])
    expect(outcome.notices[0]).toBe(
      'Line coverage change gate (fail-under-delta): no data — no baseline (none kept). It does not fail the step.'
    )
  })

  it('is a warning titled "Coverage fell" under on-threshold-failure: warn', () => {
    const gates = evaluateGates(
      { delta: 0.5 },
      measures({ now: count(1, 2), base: count(2, 2), commit: COMMIT, points: '-50.00' })
    )
    const outcome = decideOutcome(
      {
        onTestFailure: 'fail',
        onThresholdFailure: 'warn',
        onUploadFailure: 'warn',
        thresholds: { delta: 0.5 }
      },
      {
        sink: 'reports',
        testFailures: [],
        errors: [],
        gates,
        upload: { status: 'skipped', reason: 'x' },
        artifactName: 'a'
      }
    )
    expect(outcome.failures).toEqual([])
    expect(outcome.warnings.map((w) => w.title)).toEqual(['Coverage fell'])
  })
})

describe('the comment workflow outcome', () => {
  it('fails the step for a refused file, notes a stale one, logs a posted one', () => {
    const outcome = decideRelay({
      status: 'done',
      runId: 3003,
      results: [
        {
          artifact: 'a-comment.json',
          status: 'posted',
          detail: 'created the comment on pull request #8',
          url: 'u'
        },
        {
          artifact: 'b-comment.json',
          status: 'stale',
          detail: 'pull request #8 was pushed again since'
        },
        {
          artifact: 'c-comment.json',
          status: 'refused',
          detail: 'c-comment.json is refused: its body does not start with its marker'
        }
      ]
    })
    expect(outcome.info).toEqual([
      'a-comment.json of run 3003: created the comment on pull request #8 (u)'
    ])
    expect(outcome.notices).toEqual([
      'Not posted — b-comment.json of run 3003: pull request #8 was pushed again since'
    ])
    expect(outcome.failures).toEqual([
      'Not posted — c-comment.json of run 3003: c-comment.json is refused: its body does not start with its marker'
    ])
    expect(decideRelay({ status: 'refused', reason: 'github-token is empty' }).failures).toEqual([
      'mode: comment: github-token is empty'
    ])
  })
})
