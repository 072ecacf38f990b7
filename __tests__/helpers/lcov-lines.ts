/**
 * A deliberately naive lcov reader for tests: DA records only, summed per file. It is
 * independent of the report engine so that tests do not check the engine with itself.
 */
export type LineHits = Map<number, number>

export function lcovLines(text: string): Map<string, LineHits> {
  const files = new Map<string, LineHits>()
  let current: LineHits | undefined
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('SF:')) {
      const path = line.slice(3)
      current = files.get(path) ?? new Map()
      files.set(path, current)
    } else if (line.startsWith('DA:') && current) {
      const [lineNo, hits] = line.slice(3).split(',')
      const n = Number(lineNo)
      current.set(n, (current.get(n) ?? 0) + Number(hits))
    } else if (line === 'end_of_record') {
      current = undefined
    }
  }
  return files
}

/** Lines between LCOV_EXCL_START and LCOV_EXCL_STOP (inclusive) and LCOV_EXCL_LINE lines. */
export function excludedByMarkers(source: string): Set<number> {
  const excluded = new Set<number>()
  let inside = false
  source.split('\n').forEach((text, index) => {
    const line = index + 1
    if (text.includes('LCOV_EXCL_START')) inside = true
    if (inside || text.includes('LCOV_EXCL_LINE')) excluded.add(line)
    if (text.includes('LCOV_EXCL_STOP')) inside = false
  })
  return excluded
}

export function toObject(hits: LineHits | undefined): Record<number, number> {
  return Object.fromEntries([...(hits ?? new Map()).entries()].sort((a, b) => a[0] - b[0]))
}
