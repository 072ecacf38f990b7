/**
 * Thresholds (fail-under-*) checked against exact counts. Pure.
 *
 * A gate passes when hit / found * 100 >= threshold, compared exactly: the threshold is read as
 * the decimal the user wrote (80, 33.33) and the comparison is done in integers: 79,996 of
 * 100,000 lines (79.996%, which the outputs round to 80.00) does not pass 80, and 1 of 3
 * passes 33.33 but not 33.34.
 *
 * A gate with nothing to measure (no Rust file, no branch data, no diff, a change that touches
 * no instrumented line) has status 'no-data': it neither passes nor fails the step, and the
 * summary and a notice say why. Failing it would block every pull request that only edits
 * documentation; passing it silently would hide a misconfiguration.
 *
 * The delta gate (fail-under-delta) compares line coverage with the base branch's baseline: it
 * fails when coverage fell by more than the points allowed, compared exactly as well. Without a
 * baseline it has no data.
 */
import type { Thresholds } from '../config.js'
import { Inputs } from '../constants.js'
import { formatPercent } from '../coverage/index.js'
import type { Count } from './figures.js'

export type GateId = keyof Thresholds
type CountGateId = Exclude<GateId, 'delta'>

export type GateStatus = 'passed' | 'failed' | 'no-data'

export interface GateResult {
  id: GateId
  /** 'Rust lines' */
  label: string
  input: Inputs
  threshold: number
  status: GateStatus
  /** What was measured; absent for no-data gates. */
  count?: Count
  /** How many more covered items (lines, branches, functions) the gate needs; 0 when met. */
  shortBy: number
  /** Why there was nothing to measure. */
  noDataReason?: string
  /** The delta gate: the baseline's count and commit, and the change shown (`-1.25`). */
  baseline?: { count: Count; commit: string; points: string }
}

/** For each gate: the count, or why there is none. The delta gate's: now and the baseline. */
export type GateMeasures = Record<CountGateId, Count | { noData: string }> & {
  delta?: DeltaMeasure | { noData: string }
}

export interface DeltaMeasure {
  now: Count
  base: Count
  commit: string
  /** The change as shown (review/delta.ts formatPoints). */
  points: string
}

export const GATES: ReadonlyArray<{ id: GateId; label: string; input: Inputs; unit: string }> = [
  { id: 'lines', label: 'Lines', input: Inputs.FailUnderLines, unit: 'line' },
  { id: 'rustLines', label: 'Rust lines', input: Inputs.FailUnderRustLines, unit: 'line' },
  { id: 'pythonLines', label: 'Python lines', input: Inputs.FailUnderPythonLines, unit: 'line' },
  { id: 'branches', label: 'Branches', input: Inputs.FailUnderBranches, unit: 'branch' },
  { id: 'functions', label: 'Functions', input: Inputs.FailUnderFunctions, unit: 'function' },
  {
    id: 'changedLines',
    label: 'Changed lines',
    input: Inputs.FailUnderChangedLines,
    unit: 'changed line'
  },
  { id: 'delta', label: 'Line coverage change', input: Inputs.FailUnderDelta, unit: 'line' }
]

export function evaluateGates(thresholds: Thresholds, measures: GateMeasures): GateResult[] {
  const results: GateResult[] = []
  for (const gate of GATES) {
    const threshold = thresholds[gate.id]
    if (threshold === undefined) continue
    const base = { id: gate.id, label: gate.label, input: gate.input, threshold }
    if (gate.id === 'delta') {
      results.push(evaluateDelta(base, measures.delta))
      continue
    }
    const measured = measures[gate.id]
    if ('noData' in measured || measured.found === 0) {
      const noDataReason = 'noData' in measured ? measured.noData : 'nothing was found to measure'
      results.push({ ...base, status: 'no-data', shortBy: 0, noDataReason })
      continue
    }
    const shortBy = missingToMeet(measured, threshold)
    results.push({ ...base, status: shortBy === 0 ? 'passed' : 'failed', count: measured, shortBy })
  }
  return results
}

type GateBase = Pick<GateResult, 'id' | 'label' | 'input' | 'threshold'>

function evaluateDelta(base: GateBase, measured: GateMeasures['delta']): GateResult {
  if (!measured || 'noData' in measured || measured.now.found === 0 || measured.base.found === 0) {
    const noDataReason =
      measured && 'noData' in measured ? measured.noData : 'a side measured no line'
    return { ...base, status: 'no-data', shortBy: 0, noDataReason }
  }
  const shortBy = missingToHold(measured.now, measured.base, base.threshold)
  return {
    ...base,
    status: shortBy === 0 ? 'passed' : 'failed',
    count: measured.now,
    shortBy,
    baseline: { count: measured.base, commit: measured.commit, points: measured.points }
  }
}

/**
 * The smallest k >= 0 with (hit + k) / found * 100 >= base.hit / base.found * 100 - allowed,
 * exactly: coverage may fall by `allowed` points and no more.
 */
export function missingToHold(now: Count, base: Count, allowed: number): number {
  const { numerator, denominator } = decimalOf(allowed)
  const found = BigInt(now.found)
  const baseFound = BigInt(base.found)
  // hit' * 100 * d * bf >= bh * 100 * d * f - n * f * bf
  const needed = BigInt(base.hit) * 100n * denominator * found - numerator * found * baseFound
  if (needed <= 0n) return 0
  const missing = ceilDiv(needed, 100n * denominator * baseFound) - BigInt(now.hit)
  return missing > 0n ? Number(missing) : 0
}

/** Whether no gate failed (no-data gates do not fail). */
export function gatesPassed(results: readonly GateResult[]): boolean {
  return results.every((result) => result.status !== 'failed')
}

/**
 * The smallest k >= 0 with (hit + k) / found * 100 >= threshold, in exact integer arithmetic.
 * A threshold of 100 needs every item; k never exceeds found - hit.
 */
export function missingToMeet(count: Count, threshold: number): number {
  const { numerator, denominator } = decimalOf(threshold)
  // hit' * 100 * denominator >= numerator * found  ⇔  hit' >= ceil(numerator * found / (100 * denominator))
  const needed = ceilDiv(numerator * BigInt(count.found), 100n * denominator)
  const missing = needed - BigInt(count.hit)
  return missing > 0n ? Number(missing) : 0
}

/** The failure as one sentence, for a warning or the step's error. */
export function describeFailure(result: GateResult): string {
  const count = result.count ?? { hit: 0, found: 0 }
  const plural = unitName(result.id, result.shortBy)
  if (result.baseline) {
    const { baseline } = result
    return `Line coverage changed by ${baseline.points} points, from ${formatPercent(baseline.count.hit, baseline.count.found)}% (${baseline.count.hit}/${baseline.count.found}) at ${baseline.commit.slice(0, 10)} to ${formatPercent(count.hit, count.found)}% (${count.hit}/${count.found}): it may fall by ${result.threshold} points at most (${result.input}); ${result.shortBy} more covered ${plural} needed`
  }
  return `${result.label} coverage ${gatePercent(result)}% (${count.hit}/${count.found}) is under the minimum ${result.threshold}% (${result.input}): ${result.shortBy} more covered ${plural} needed`
}

/** The threshold as the summary shows it: `80%`, or `-1 points` for the delta gate. */
export function thresholdText(result: GateResult): string {
  return result.id === 'delta' ? `-${result.threshold} points` : `${result.threshold}%`
}

/** What was measured: `79.99% (79996/100000)`, or `-1.25 points (86.35% → 85.10%)`. */
export function measuredText(result: GateResult): string {
  const count = result.count ?? { hit: 0, found: 0 }
  if (result.baseline) {
    const base = result.baseline.count
    return `${result.baseline.points} points (${formatPercent(base.hit, base.found)}% → ${formatPercent(count.hit, count.found)}%)`
  }
  return `${gatePercent(result)}% (${count.hit}/${count.found})`
}

/** 'line', 'changed lines', 'branches' … for `count` items of a gate. */
export function unitName(id: GateId, count: number): string {
  const unit = GATES.find((gate) => gate.id === id)?.unit ?? 'line'
  if (count === 1) return unit
  return unit === 'branch' ? 'branches' : `${unit}s`
}

/**
 * The measured percent as the outputs show it (rounded), except when that would look like it
 * meets the threshold of a gate that failed: then cut to two decimals (79.996 → 79.99, not 80.00).
 */
export function gatePercent(result: GateResult): string {
  const count = result.count ?? { hit: 0, found: 0 }
  const rounded = formatPercent(count.hit, count.found)
  return result.status === 'failed' && Number(rounded) >= result.threshold
    ? exactPercent(count)
    : rounded
}

/** Percent cut (not rounded) to two decimals. */
export function exactPercent(count: Count): string {
  if (count.found === 0) return '100.00'
  const hundredths = (BigInt(count.hit) * 10000n) / BigInt(count.found)
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`
}

/** A finite, non-negative number as numerator / 10^k, from its shortest decimal form. */
export function decimalOf(value: number): { numerator: bigint; denominator: bigint } {
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value))
  if (!match || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`not a non-negative finite number: ${value}`)
  }
  const fraction = match[2] ?? ''
  const exponent = Number(match[3] ?? 0) - fraction.length
  const digits = BigInt(`${match[1]}${fraction}`)
  return exponent >= 0
    ? { numerator: digits * 10n ** BigInt(exponent), denominator: 1n }
    : { numerator: digits, denominator: 10n ** BigInt(-exponent) }
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b
}
