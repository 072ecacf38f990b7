/**
 * The change of line coverage against a baseline: in total, per language and per file. Pure.
 *
 * A change is the exact difference of the two percentages, rounded half away from zero to
 * hundredths of a point (BigInt arithmetic: no floating-point drift on large counts), and shown
 * signed: `+1.25`, `-0.50`, `+0.00` (unchanged at two decimals). Where one side measured no line
 * there is no change to give.
 */
import { LANGUAGES, type Count, type Language } from '../coverage/index.js'
import type { CoverageFigures } from '../publish/figures.js'
import type { Baseline } from './baseline-file.js'

export interface CountChange {
  base: Count
  now: Count
}

export interface FileChange {
  path: string
  /** Absent: the file was not measured on that side (new, removed, or not instrumented). */
  base?: Count
  now?: Count
}

export interface CoverageDelta {
  total: CountChange
  byLanguage: Record<Language, CountChange>
  /** Worst change first, then path. */
  files: FileChange[]
  /** Which files: those the change touches, or (no diff) those whose counts differ. */
  filesBasis: 'touched' | 'differing'
}

/** The change in hundredths of a point, or undefined when a side measured nothing. */
export function deltaHundredths(change: CountChange): bigint | undefined {
  const { base, now } = change
  if (base.found === 0 || now.found === 0) return undefined
  // (now.hit / now.found - base.hit / base.found) * 100 points, in hundredths:
  const numerator =
    (BigInt(now.hit) * BigInt(base.found) - BigInt(base.hit) * BigInt(now.found)) * 10000n
  const denominator = BigInt(now.found) * BigInt(base.found)
  const negative = numerator < 0n
  const magnitude = negative ? -numerator : numerator
  const rounded = (2n * magnitude + denominator) / (2n * denominator)
  return negative ? -rounded : rounded
}

/** `+1.25`, `-0.50`, `+0.00`; '' when there is no change to give. */
export function formatPoints(change: CountChange): string {
  const hundredths = deltaHundredths(change)
  if (hundredths === undefined) return ''
  const sign = hundredths < 0n ? '-' : '+'
  const magnitude = hundredths < 0n ? -hundredths : hundredths
  return `${sign}${magnitude / 100n}.${String(magnitude % 100n).padStart(2, '0')}`
}

/**
 * `touched`: the files the change touches (its diff), when known; otherwise the files whose
 * counts differ from the baseline are listed.
 */
export function compareWithBaseline(
  figures: CoverageFigures,
  baseline: Baseline,
  touched?: Iterable<string>
): CoverageDelta {
  const now = new Map<string, Count>()
  for (const file of figures.files) {
    if (!file.outsideWorkspace) now.set(file.path, file.totals.lines)
  }
  const byLanguage = Object.fromEntries(
    LANGUAGES.map((language) => [
      language,
      { base: baseline.byLanguage[language], now: figures.byLanguage[language].lines }
    ])
  ) as Record<Language, CountChange>
  const paths = touched
    ? [...new Set(touched)].filter((path) => now.has(path) || baseline.files.has(path))
    : differingPaths(now, baseline.files)
  const files = paths.map((path) => ({
    path,
    ...optional('base', baseline.files.get(path)),
    ...optional('now', now.get(path))
  }))
  return {
    total: { base: baseline.total, now: figures.total.lines },
    byLanguage,
    files: files.sort(worstFirst),
    filesBasis: touched ? 'touched' : 'differing'
  }
}

function optional<K extends string>(key: K, count: Count | undefined): Partial<Record<K, Count>> {
  return count ? ({ [key]: { ...count } } as Record<K, Count>) : {}
}

function differingPaths(now: Map<string, Count>, base: Map<string, Count>): string[] {
  const paths = new Set([...now.keys(), ...base.keys()])
  return [...paths].filter((path) => {
    const a = now.get(path)
    const b = base.get(path)
    return !a || !b || a.found !== b.found || a.hit !== b.hit
  })
}

/** Files whose coverage fell most first; files without a change to give count as 0. */
function worstFirst(a: FileChange, b: FileChange): number {
  const change = (file: FileChange) =>
    file.base && file.now ? (deltaHundredths({ base: file.base, now: file.now }) ?? 0n) : 0n
  const difference = change(a) - change(b)
  if (difference !== 0n) return difference < 0n ? -1 : 1
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0
}
