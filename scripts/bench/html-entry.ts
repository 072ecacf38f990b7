/**
 * What scripts/bench-html.mjs bundles: the engine's read pipeline and the HTML report's writer,
 * as the reports step and the publish step call them.
 */
import {
  mergeAndExclude,
  readReportGroup,
  summarize,
  type CoverageReport
} from '../../src/coverage/index.js'
import { changedLineCoverage } from '../../src/publish/changed-coverage.js'
import type { ChangedLines } from '../../src/publish/diff.js'
import { figuresOf, type CoverageFigures } from '../../src/publish/figures.js'
import { writeHtmlReport, type HtmlReportResult } from '../../src/publish/html/write.js'

const MAX_BYTES = 1024 << 20

export function readBenchReport(
  lcov: string,
  workspace: string
): { report: CoverageReport; figures: CoverageFigures } {
  const settings = {
    workspace,
    includeOutside: false,
    excludeGlobs: [],
    markerLanguages: ['rust' as const],
    maxBytes: MAX_BYTES
  }
  const report = mergeAndExclude(
    readReportGroup([{ path: lcov, root: workspace }], settings),
    settings
  )
  return { report, figures: figuresOf(report, summarize(report)) }
}

export function writeBenchHtml(input: {
  outputDir: string
  workspace: string
  report: CoverageReport
  figures: CoverageFigures
  changed: ChangedLines
}): HtmlReportResult {
  return writeHtmlReport({
    outputDir: input.outputDir,
    workspace: input.workspace,
    maxSourceBytes: MAX_BYTES,
    report: input.report,
    figures: input.figures,
    notes: input.report.notes,
    changed: {
      name: 'this pull request',
      lines: input.changed,
      coverage: changedLineCoverage(input.report, input.changed)
    },
    toolHtml: {}
  })
}
