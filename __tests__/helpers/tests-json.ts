/**
 * tests.json read for the tests with code of their own, not the action's (the ranges, the
 * file table), so that the per-test tests do not check the action with itself.
 */

export interface TestsJson {
  commit: string
  files: string[]
  coverable: string[]
  covered: string[]
  tests: Array<{ id: string; kind: string; context?: string; lines: Record<string, string> }>
}

/** `4-6,9` → [4, 5, 6, 9] */
export function lines(ranges: string | undefined): number[] {
  return (ranges ?? '')
    .split(',')
    .filter(Boolean)
    .flatMap((part) => {
      const [start, end = start] = part.split('-').map(Number) as [number, number?]
      return Array.from({ length: (end as number) - start + 1 }, (_, i) => start + i)
    })
}

export const range = (from: number, to: number): number[] => lines(`${from}-${to}`)

/** Test id → file → lines. */
export function byTest(document: TestsJson): Map<string, Record<string, number[]>> {
  const tests = new Map<string, Record<string, number[]>>()
  for (const test of document.tests) {
    const files: Record<string, number[]> = {}
    for (const [at, ranges] of Object.entries(test.lines)) {
      files[document.files[Number(at)] as string] = lines(ranges)
    }
    tests.set(test.id, files)
  }
  return tests
}
