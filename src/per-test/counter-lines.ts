/**
 * Counters → source lines, through llvm-profdata and llvm-cov, once per distinct set of counter
 * values of one build (most tests of a suite reach no Rust, or the same functions the same way):
 * the counters become a profile of their own (profraw.ts), merged into an indexed profile and
 * exported as lcov for the executable or library that wrote them, found by its build id.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { parseLcov } from '../coverage/index.js'
import { exec } from '../exec.js'
import { objectsByBuildId } from './objects.js'
import { nonZeroCounters, profileWithCounters, readLayout, type CounterValue } from './profraw.js'
import type { ProfrawLayout } from './profraw.js'

/** Absolute source path → lines that ran. */
export type LineSets = Map<string, Set<number>>

/** Counters one test added to one profile. */
export interface Contribution {
  /** The test they belong to. */
  test: string
  /** A profile of the build the counters are of (its bytes are the template). */
  profile: string
  /** The counters; 'all': the profile's own non-zero counters (a whole process of the test). */
  counters: readonly CounterValue[] | 'all'
  /** The executable that wrote the profile, when known without its build id. */
  executable?: string
}

export interface LlvmPaths {
  llvmProfdata: string
  llvmCov: string
}

export interface CounterLinesOptions {
  llvm: LlvmPaths
  /** Directories of the instrumented executables and libraries. */
  objectDirs: readonly string[]
  /** Scratch directory for the profiles made here. */
  scratchDir: string
}

export interface CounterLines {
  byTest: Map<string, LineSets>
  /** Distinct counter sets mapped (each one llvm-profdata and one llvm-cov run). */
  distinct: number
  notes: string[]
}

interface Build {
  template: Buffer
  layout: ProfrawLayout
  key: string
}

interface CounterSet {
  build: Build
  counters: readonly CounterValue[]
  executable: string | undefined
  tests: Set<string>
}

export async function linesOfContributions(
  contributions: readonly Contribution[],
  options: CounterLinesOptions
): Promise<CounterLines> {
  const notes: string[] = []
  const sets = distinctSets(contributions, notes)
  mkdirSync(options.scratchDir, { recursive: true })
  let objects: Map<string, string> | undefined
  const byTest = new Map<string, LineSets>()
  const jobs = [...sets.values()].map((set, index) => async () => {
    objects ??= objectsByBuildId(options.objectDirs)
    const object =
      (set.build.layout.binaryId && objects.get(set.build.layout.binaryId)) ?? set.executable
    if (!object) {
      notes.push(
        `no executable or library with build id ${set.build.layout.binaryId ?? '(none)'} in ${options.objectDirs.join(', ')}: the Rust lines of ${[...set.tests].slice(0, 3).join(', ')} are not attributed`
      )
      return
    }
    const lines = await exportLines(set, object, join(options.scratchDir, `set-${index}`), options)
    for (const test of set.tests) addLines(byTest, test, lines)
  })
  await runPool(jobs, availableParallelism())
  return { byTest, distinct: sets.size, notes }
}

/** The contributions grouped by build and counter values; empty sets dropped. */
function distinctSets(
  contributions: readonly Contribution[],
  notes: string[]
): Map<string, CounterSet> {
  const builds = new Map<string, Build>()
  const sets = new Map<string, CounterSet>()
  for (const contribution of contributions) {
    let bytes: Buffer
    let layout: ProfrawLayout
    try {
      bytes = readFileSync(contribution.profile)
      layout = readLayout(bytes)
    } catch (error) {
      notes.push(
        `${contribution.profile}: ${(error as Error).message}; its counters are not attributed`
      )
      continue
    }
    const buildKey = `${layout.binaryId ?? contribution.profile}:${layout.counterCount}`
    const build = builds.get(buildKey) ?? { template: bytes, layout, key: buildKey }
    builds.set(buildKey, build)
    const counters =
      contribution.counters === 'all' ? nonZeroCounters(bytes, layout) : contribution.counters
    if (counters.length === 0) continue
    const key = createHash('sha1')
      .update(buildKey)
      .update(counters.map(([index, value]) => `${index}=${value}`).join(','))
      .digest('hex')
    const set = sets.get(key) ?? {
      build,
      counters,
      executable: contribution.executable,
      tests: new Set<string>()
    }
    set.tests.add(contribution.test)
    sets.set(key, set)
  }
  return sets
}

async function exportLines(
  set: CounterSet,
  object: string,
  base: string,
  options: CounterLinesOptions
): Promise<LineSets> {
  const { template, layout } = set.build
  writeFileSync(`${base}.profraw`, profileWithCounters(template, layout, set.counters))
  const { llvmProfdata, llvmCov } = options.llvm
  await exec([llvmProfdata, 'merge', '-sparse', '-o', `${base}.profdata`, `${base}.profraw`], {
    silent: true
  })
  const exported = await exec(
    [llvmCov, 'export', '-format=lcov', `-instr-profile=${base}.profdata`, object],
    { captureStdout: true, silent: true }
  )
  const report = parseLcov(Buffer.from(exported.stdout), object)
  const lines: LineSets = new Map()
  for (const [path, file] of report.files) {
    const ran = new Set<number>()
    file.lineNumbers.forEach((line, index) => {
      if ((file.lineHits[index] as number) > 0) ran.add(line)
    })
    if (ran.size > 0) lines.set(path, ran)
  }
  return lines
}

function addLines(byTest: Map<string, LineSets>, test: string, lines: LineSets): void {
  const sets = byTest.get(test) ?? new Map<string, Set<number>>()
  mergeLineSets(sets, lines)
  byTest.set(test, sets)
}

/** Adds the lines of `more` into `into`. */
export function mergeLineSets(into: LineSets, more: LineSets): void {
  for (const [path, ran] of more) {
    const known = into.get(path) ?? new Set<number>()
    for (const line of ran) known.add(line)
    into.set(path, known)
  }
}

async function runPool(jobs: Array<() => Promise<void>>, width: number): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < jobs.length) await (jobs[next++] as () => Promise<void>)()
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(width, jobs.length)) }, worker))
}
