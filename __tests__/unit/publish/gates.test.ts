import { describe, expect, it } from '@jest/globals'
import {
  decimalOf,
  describeFailure,
  evaluateGates,
  exactPercent,
  gatePercent,
  gatesPassed,
  missingToMeet,
  type GateMeasures
} from '../../../src/publish/gates.js'

const measures = (overrides: Partial<GateMeasures> = {}): GateMeasures => ({
  lines: { found: 100000, hit: 79996 },
  rustLines: { found: 3, hit: 1 },
  pythonLines: { noData: 'no Python file was measured' },
  branches: { found: 0, hit: 0 },
  functions: { found: 10, hit: 10 },
  changedLines: { noData: 'not a pull request or a push with a known range' },
  ...overrides
})

describe('exact threshold comparison', () => {
  it('does not pass 80 with 79.996%, which the outputs round to 80.00', () => {
    expect(missingToMeet({ found: 100000, hit: 79996 }, 80)).toBe(4)
    expect(missingToMeet({ found: 100000, hit: 80000 }, 80)).toBe(0)
    expect(exactPercent({ found: 100000, hit: 79996 })).toBe('79.99')
  })

  it('shows the rounded percent, unless that would look like meeting a failed threshold', () => {
    const [failed] = evaluateGates({ lines: 80 }, measures())
    expect(gatePercent(failed!)).toBe('79.99')
    const [alsoFailed] = evaluateGates({ lines: 80 }, measures({ lines: { found: 3, hit: 2 } }))
    expect(gatePercent(alsoFailed!)).toBe('66.67')
    const [passed] = evaluateGates({ lines: 50 }, measures({ lines: { found: 3, hit: 2 } }))
    expect(gatePercent(passed!)).toBe('66.67')
  })

  it('reads the threshold as the decimal written: 1 of 3 passes 33.33, not 33.34', () => {
    expect(missingToMeet({ found: 3, hit: 1 }, 33.33)).toBe(0)
    expect(missingToMeet({ found: 3, hit: 1 }, 33.34)).toBe(1)
    expect(missingToMeet({ found: 3, hit: 1 }, 33.333333)).toBe(0)
    expect(missingToMeet({ found: 3, hit: 1 }, 33.333334)).toBe(1)
  })

  it('needs every item at 100 and none at 0', () => {
    expect(missingToMeet({ found: 7, hit: 6 }, 100)).toBe(1)
    expect(missingToMeet({ found: 7, hit: 0 }, 0)).toBe(0)
  })

  it('stays exact where floating point is not (0.1 + 0.2 style thresholds, huge counts)', () => {
    // 0.7 * 100 = 70.00000000000001 in floating point
    expect(missingToMeet({ found: 100, hit: 70 }, 70)).toBe(0)
    expect(missingToMeet({ found: 10, hit: 7 }, 70)).toBe(0)
    const huge = 2 ** 52
    expect(missingToMeet({ found: huge, hit: huge / 2 }, 50)).toBe(0)
    expect(missingToMeet({ found: huge, hit: huge / 2 - 1 }, 50)).toBe(1)
  })

  it('turns numbers into exact decimals, exponent forms included', () => {
    expect(decimalOf(80)).toEqual({ numerator: 80n, denominator: 1n })
    expect(decimalOf(33.33)).toEqual({ numerator: 3333n, denominator: 100n })
    expect(decimalOf(1e-7)).toEqual({ numerator: 1n, denominator: 10000000n })
    expect(() => decimalOf(Number.NaN)).toThrow(RangeError)
  })
})

describe('evaluateGates', () => {
  it('evaluates only the thresholds that are set, in a fixed order', () => {
    const results = evaluateGates({ functions: 90, lines: 80 }, measures())
    expect(results.map((result) => result.id)).toEqual(['lines', 'functions'])
    expect(results.map((result) => result.status)).toEqual(['failed', 'passed'])
    expect(gatesPassed(results)).toBe(false)
  })

  it('gives no-data gates their reason; they do not fail', () => {
    const results = evaluateGates(
      { pythonLines: 50, branches: 50, changedLines: 90, rustLines: 33.33 },
      measures()
    )
    expect(results).toEqual([
      expect.objectContaining({ id: 'rustLines', status: 'passed', shortBy: 0 }),
      expect.objectContaining({
        id: 'pythonLines',
        status: 'no-data',
        noDataReason: 'no Python file was measured'
      }),
      expect.objectContaining({
        id: 'branches',
        status: 'no-data',
        noDataReason: 'nothing was found to measure'
      }),
      expect.objectContaining({ id: 'changedLines', status: 'no-data' })
    ])
    expect(gatesPassed(results)).toBe(true)
  })

  it('says what failed, by how much, and which input sets it', () => {
    const [lines] = evaluateGates({ lines: 80 }, measures())
    expect(describeFailure(lines!)).toBe(
      'Lines coverage 79.99% (79996/100000) is under the minimum 80% (fail-under-lines): 4 more covered lines needed'
    )
    const [branches] = evaluateGates({ branches: 75 }, measures({ branches: { found: 4, hit: 2 } }))
    expect(describeFailure(branches!)).toMatch(/: 1 more covered branch needed$/)
  })
})
