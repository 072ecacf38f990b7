import type { CoverageReport, FileCoverage, FunctionRecord, Language } from './model.js'
import { NOT_EVALUATED, sortedFiles } from './model.js'

export interface Count {
  found: number
  hit: number
}

export interface Totals {
  lines: Count
  branches: Count
  functions: Count
}

export interface FileSummary {
  path: string
  language: Language
  outsideWorkspace: boolean
  totals: Totals
}

export interface ReportSummary {
  totals: Totals
  /** Always all three languages, in this order, so output shapes never change. */
  byLanguage: Record<Language, Totals>
  /** In path order. */
  files: FileSummary[]
}

export const LANGUAGES: readonly Language[] = ['rust', 'python', 'other']

/** How each language is named to people (summary, HTML report, messages). */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  rust: 'Rust',
  python: 'Python',
  other: 'Other'
}

/** Zero counts, to add files into. */
export function emptyTotals(): Totals {
  return {
    lines: { found: 0, hit: 0 },
    branches: { found: 0, hit: 0 },
    functions: { found: 0, hit: 0 }
  }
}

/** Distinct function keys of a file, and how many have a member with hits (see model.ts). */
export function functionCount(file: FileCoverage): Count {
  // Usually every key is its (unique) name: then each record is one function.
  let hit = 0
  let plain = true
  const functions = file.functions
  for (let index = 0; index < functions.length; index++) {
    const record = functions[index] as FunctionRecord
    if (record.key !== record.name) plain = false
    if (record.hits > 0) hit++
  }
  if (plain) return { found: functions.length, hit }
  return countByKey(file)
}

function countByKey(file: FileCoverage): Count {
  const hitByKey = new Map<string, boolean>()
  for (const record of file.functions) {
    hitByKey.set(record.key, (hitByKey.get(record.key) ?? false) || record.hits > 0)
  }
  let hit = 0
  for (const isHit of hitByKey.values()) if (isHit) hit++
  return { found: hitByKey.size, hit }
}

export function lineCount(file: FileCoverage): Count {
  let hit = 0
  const hits = file.lineHits
  for (let index = 0; index < hits.length; index++) if ((hits[index] as number) > 0) hit++
  return { found: hits.length, hit }
}

/** Outcomes found; hit = taken at least once (`-` and 0 are not hit). */
export function branchCount(file: FileCoverage): Count {
  let hit = 0
  const taken = file.branches.taken
  for (let index = 0; index < taken.length; index++) {
    const value = taken[index] as number
    if (value > 0 && value !== NOT_EVALUATED) hit++
  }
  return { found: taken.length, hit }
}

/**
 * A file's counts, counted once per file: the writers and the totals of a run ask for the same
 * file's counts several times, and a merged report holds millions of lines. A FileCoverage is
 * never changed once built (merges make new ones), so its counts stay valid.
 */
const countedFiles = new WeakMap<FileCoverage, Totals>()

function countedTotals(file: FileCoverage): Totals {
  let totals = countedFiles.get(file)
  if (totals === undefined) {
    totals = { lines: lineCount(file), branches: branchCount(file), functions: functionCount(file) }
    countedFiles.set(file, totals)
  }
  return totals
}

/** A file's counts (a copy: the caller may add into it). */
export function fileTotals(file: FileCoverage): Totals {
  const { lines, branches, functions } = countedTotals(file)
  return { lines: { ...lines }, branches: { ...branches }, functions: { ...functions } }
}

/** Adds `source`'s counts into `target`. */
export function addInto(target: Totals, source: Totals): void {
  for (const kind of ['lines', 'branches', 'functions'] as const) {
    target[kind].found += source[kind].found
    target[kind].hit += source[kind].hit
  }
}

/** Totals over all files: what summarize(report).totals gives, without sorting or per-file objects. */
export function reportTotals(report: CoverageReport): Totals {
  // Plain counters: this runs once, mostly unoptimised, where addInto's keyed loop is slow.
  const { lines, branches, functions } = emptyTotals()
  for (const file of report.files.values()) {
    const counted = countedTotals(file)
    lines.found += counted.lines.found
    lines.hit += counted.lines.hit
    branches.found += counted.branches.found
    branches.hit += counted.branches.hit
    functions.found += counted.functions.found
    functions.hit += counted.functions.hit
  }
  return { lines, branches, functions }
}

/** Totals overall, per language and per file. */
export function summarize(report: CoverageReport): ReportSummary {
  const totals = emptyTotals()
  const byLanguage = { rust: emptyTotals(), python: emptyTotals(), other: emptyTotals() }
  const files = sortedFiles(report).map((file): FileSummary => {
    const fileSums = fileTotals(file)
    addInto(totals, fileSums)
    addInto(byLanguage[file.language], fileSums)
    return {
      path: file.path,
      language: file.language,
      outsideWorkspace: file.outsideWorkspace,
      totals: fileSums
    }
  })
  return { totals, byLanguage, files }
}
