/**
 * The notes of a report, as every output shows them: its plain notes, its tallies written out
 * (notes with counts that add up across reports and threads), and what its files say about
 * themselves (branch data dropped in a merge, counts capped at 2^53 - 1). Unique and sorted, so
 * the same inputs give the same notes in any order and on any number of threads.
 */
import type { CoverageReport, FileCoverage, ReportFormat, Tally } from './model.js'

/** Examples a tally keeps (the smallest). */
export const TALLY_EXAMPLES = 3

/** Adds `count` occurrences and their `examples` to the tally `key` of `tallies`. */
export function addTally(
  tallies: Map<string, Tally>,
  key: string,
  count: number,
  examples: readonly string[] = []
): void {
  if (count === 0) return
  const before = tallies.get(key)
  const smallest = smallestTexts([...(before?.examples ?? []), ...examples], TALLY_EXAMPLES)
  tallies.set(key, { count: (before?.count ?? 0) + count, examples: smallest })
}

/** The `limit` smallest distinct texts, in order, in one pass (a tally may see a million). */
function smallestTexts(texts: readonly string[], limit: number): string[] {
  const kept: string[] = []
  for (const text of texts) {
    if (kept.length === limit && compareText(text, kept[limit - 1] as string) >= 0) continue
    if (kept.includes(text)) continue
    let at = kept.length
    while (at > 0 && compareText(text, kept[at - 1] as string) < 0) at--
    kept.splice(at, 0, text)
    if (kept.length > limit) kept.pop()
  }
  return kept
}

/** Adds every tally of `source` into `target`. */
export function addTallies(
  target: Map<string, Tally>,
  source: ReadonlyMap<string, Tally> | undefined
): void {
  for (const [key, tally] of source ?? []) addTally(target, key, tally.count, tally.examples)
}

function renderTally(key: string, tally: Tally): string {
  const examples = `${tally.examples.join(', ')}${tally.count > tally.examples.length ? ', …' : ''}`
  return key.replace('{count}', String(tally.count)).replace('{examples}', examples)
}

/** Branch formats in the order merges prefer them (see merge.ts). */
const PREFERENCE: readonly ReportFormat[] = ['lcov', 'coveragepy-json', 'cobertura']

function fileNotes(files: Iterable<FileCoverage>): string[] {
  const notes: string[] = []
  const saturated: string[] = []
  for (const file of files) {
    if (file.saturated === true) saturated.push(file.path)
    const dropped = file.droppedBranchSources ?? []
    if (dropped.length > 0 && file.branchSource !== undefined) {
      const formats = [...dropped].sort((a, b) => PREFERENCE.indexOf(a) - PREFERENCE.indexOf(b))
      notes.push(
        `${file.path}: branch data from ${file.branchSource} kept, from ${formats.join(', ')} ` +
          'dropped (their branch identities cannot be added up)'
      )
    }
  }
  if (saturated.length > 0) {
    notes.push(
      `counts in ${saturated.length} file(s) reached 2^53 - 1 and were capped there ` +
        `(first: ${saturated.sort(compareText)[0]})`
    )
  }
  return notes
}

/** Every note of `report`, unique, in a fixed order. */
export function reportNotes(report: CoverageReport): string[] {
  const notes = [...report.notes, ...fileNotes(report.files.values())]
  for (const [key, tally] of report.tallies ?? []) notes.push(renderTally(key, tally))
  // Sorted, then repeats dropped: a Set would hash notes, and notes longer than V8 hashes
  // (16,383 characters, see limits.ts) all collide.
  notes.sort(compareText)
  return notes.filter((note, index) => index === 0 || note !== notes[index - 1])
}

/** Code-unit order: the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
