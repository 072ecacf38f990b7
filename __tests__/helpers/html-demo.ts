/**
 * The merged model of examples/pyo3-demo from committed real tool output — cargo llvm-cov's
 * lcov (__tests__/fixtures/llvm-cov) and coverage.py's JSON (__tests__/fixtures/coveragepy),
 * both from one run of the action on the example — read, merged and written by the engine's
 * pipeline as the reports step does, without running the toolchain.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  mergeAndExclude,
  readReportGroup,
  summarize,
  writeReportsAtomically,
  type CoverageReport,
  type ReadSettings
} from '../../src/coverage/index.js'
import { figuresOf, type CoverageFigures } from '../../src/publish/figures.js'
import { REPO_ROOT } from '../../scripts/runner.mjs'

export { REPO_ROOT }
export const EXAMPLE = join(REPO_ROOT, 'examples', 'pyo3-demo')
export const DEMO_CORE = 'examples/pyo3-demo/core/src/lib.rs'
export const DEMO_PY_INIT = 'examples/pyo3-demo/python/pyo3_demo/__init__.py'

/** Where the lcov fixture was measured. */
const MEASURED_AT = '/work/main/'

export interface DemoReports {
  report: CoverageReport
  figures: CoverageFigures
  /** The reports written by the engine: lcov.info, cobertura.xml, coverage-summary.json. */
  outputDir: string
  summaryJson: string
}

export async function demoReports(): Promise<DemoReports> {
  const work = mkdtempSync(join(tmpdir(), 'mc-html-demo-'))
  const lcov = join(work, 'rust.lcov')
  const lcovText = readFileSync(
    join(REPO_ROOT, '__tests__/fixtures/llvm-cov/pyo3-demo.lcov'),
    'utf8'
  )
  writeFileSync(lcov, lcovText.split(MEASURED_AT).join(`${REPO_ROOT}/`))
  const json = join(REPO_ROOT, '__tests__/fixtures/coveragepy/pyo3-demo.json')
  const settings: ReadSettings = {
    workspace: REPO_ROOT,
    includeOutside: false,
    excludeGlobs: [],
    markerLanguages: ['rust'],
    maxBytes: 64 << 20
  }
  const reports = [
    ...readReportGroup([{ path: lcov, root: REPO_ROOT, sourceRoots: [EXAMPLE] }], settings),
    ...readReportGroup([{ path: json, root: REPO_ROOT, sourceRoots: [EXAMPLE] }], settings)
  ]
  const report = mergeAndExclude(reports, settings)
  const summary = summarize(report)
  const outputDir = join(work, 'coverage')
  const paths = await writeReportsAtomically(outputDir, report, { root: REPO_ROOT, summary })
  return { report, figures: figuresOf(report, summary), outputDir, summaryJson: paths.summaryJson }
}
