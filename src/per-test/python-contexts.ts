/**
 * coverage.py's contexts (mc_per_test.py's output) as tests. A context label is
 * `[<static context>|]<test>[|<more>]`: the static context the user configured (if any), then
 * the test function's name — its own dynamic context in the pytest process, the static
 * context the plugin gave the test's subprocesses — then whatever dynamic context a subprocess
 * started. The empty label, and the static context alone, are code that ran outside any test.
 */
import { readFileSync } from 'node:fs'
import type { LineSets } from './counter-lines.js'

/** A branch arc [from line, to line] (to < 0: leaving the function that starts at -to). */
export type Arc = readonly [number, number]

export interface ContextCoverage {
  lines: LineSets
  /** Absolute source path → arcs taken (with branch measurement). */
  arcs: Map<string, Arc[]>
}

interface ContextsFile {
  static_context?: string
  contexts?: Record<string, Record<string, { lines?: number[]; arcs?: Array<[number, number]> }>>
}

/** The test a context label names, or undefined for code outside any test. */
export function testOfLabel(label: string, staticContext: string): string | undefined {
  let rest = label
  if (staticContext) {
    if (rest === staticContext) return undefined
    if (!rest.startsWith(`${staticContext}|`)) return rest.split('|')[0] || undefined
    rest = rest.slice(staticContext.length + 1)
  }
  return rest.split('|')[0] || undefined
}

/** Test name (coverage.py's test_function context) → what it ran. */
export function readContexts(path: string): Map<string, ContextCoverage> {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as ContextsFile
  const staticContext = parsed.static_context ?? ''
  const byTest = new Map<string, ContextCoverage>()
  for (const [label, files] of Object.entries(parsed.contexts ?? {})) {
    const test = testOfLabel(label, staticContext)
    if (test === undefined) continue
    const coverage = byTest.get(test) ?? { lines: new Map(), arcs: new Map() }
    byTest.set(test, coverage)
    for (const [file, ran] of Object.entries(files)) {
      const lines = coverage.lines.get(file) ?? new Set<number>()
      for (const line of ran.lines ?? []) lines.add(line)
      coverage.lines.set(file, lines)
      if (ran.arcs?.length) {
        coverage.arcs.set(file, [...(coverage.arcs.get(file) ?? []), ...ran.arcs])
      }
    }
  }
  return byTest
}
