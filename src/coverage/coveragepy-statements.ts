/**
 * Which lines of a coverage.py JSON file entry are statements.
 *
 * `executed_lines` lists every line the tracer saw run, which includes lines coverage.py does
 * not count as statements: module and class docstrings (the interpreter executes them as
 * assignments to `__doc__`) and excluded lines that ran anyway. The per-file summary counts
 * statements only (`covered_lines = num_statements - missing`), and the JSON does not say
 * which executed lines are the extra ones. So: excluded lines are dropped first; if the
 * executed lines still outnumber `covered_lines`, the surplus is taken from where docstrings
 * are — the first executed lines of each class region whose own summary shows a surplus, then
 * the first executed module-level lines. Totals then equal coverage.py's exactly; checked on
 * real reports of coverage.py 7.12–7.14 (see the corpus test).
 */

export interface Region {
  name: string
  executed: number[]
  missing: number[]
  excluded: number[]
  covered: number | undefined
  statements: number | undefined
  startLine: number | undefined
}

export interface StatementInput {
  executed: readonly number[]
  missing: readonly number[]
  excluded: readonly number[]
  /** The file summary's `covered_lines`, when present. */
  coveredLines: number | undefined
  classes: readonly Region[]
}

export interface Statements {
  /** Executed statements (1 hit), ascending. */
  executed: number[]
  /** Missing statements (0 hits), ascending. */
  missing: number[]
  note?: string
}

/** The list ascending and without repeats (coverage.py writes it so; anything else is fixed). */
function ascending(lines: readonly number[]): number[] {
  for (let index = 1; index < lines.length; index++) {
    if ((lines[index] as number) <= (lines[index - 1] as number)) {
      return [...new Set(lines)].sort((a, b) => a - b)
    }
  }
  return lines as number[]
}

/** `lines` without those in the ascending `removed`, in one merge-walk. */
function without(lines: readonly number[], removed: readonly number[]): number[] {
  if (removed.length === 0) return lines as number[]
  const kept: number[] = []
  let cursor = 0
  for (const line of lines) {
    while (cursor < removed.length && (removed[cursor] as number) < line) cursor++
    if (removed[cursor] !== line) kept.push(line)
  }
  return kept
}

export function statementLines(input: StatementInput): Statements {
  const excluded = ascending(input.excluded)
  const missing = without(ascending(input.missing), excluded)
  const executed = without(without(ascending(input.executed), excluded), missing)
  let surplus = input.coveredLines === undefined ? 0 : executed.length - input.coveredLines
  let note: string | undefined
  if (surplus < 0) {
    note = `summary says ${input.coveredLines} covered lines but only ${executed.length} executed statements are listed; counted the listed ones`
    surplus = 0
  }
  const statements =
    surplus > 0
      ? without(
          executed,
          [...docstringLines(executed, input.classes, surplus)].sort((a, b) => a - b)
        )
      : executed
  return note === undefined
    ? { executed: statements, missing }
    : { executed: statements, missing, note }
}

/** `surplus` executed lines that are not statements: class docstrings, then module ones. */
function docstringLines(
  executed: readonly number[],
  classes: readonly Region[],
  surplus: number
): Set<number> {
  const dropped = new Set<number>()
  const executedSet = new Set(executed)
  const inClasses = new Set<number>()
  for (const region of classes) {
    if (region.name === '') continue
    for (const line of [...region.executed, ...region.missing, ...region.excluded])
      inClasses.add(line)
    if (region.covered === undefined) continue
    const excluded = new Set(region.excluded)
    const ran = region.executed
      .filter((line) => !excluded.has(line) && executedSet.has(line))
      .sort((a, b) => a - b)
    for (const line of ran.slice(0, Math.max(0, ran.length - region.covered))) {
      if (dropped.size < surplus) dropped.add(line)
    }
  }
  for (const line of executed) {
    if (dropped.size >= surplus) break
    if (!inClasses.has(line)) dropped.add(line)
  }
  for (const line of executed) {
    if (dropped.size >= surplus) break
    dropped.add(line)
  }
  return dropped
}
