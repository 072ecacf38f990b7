/**
 * The HTML report of a run, written by the sinks: into `<output-dir>/html` before anything is
 * uploaded, with the changed lines where the sink knows them (publish does; a shard does not).
 * A report that cannot be written is a warning, not a failure: every other report is on disk
 * already, and the artifact then carries the tools' HTML reports as before.
 */
import * as core from '@actions/core'
import { relative } from 'node:path'
import type { Config } from '../config.js'
import type { Measurement } from '../measurement.js'
import type { ReportResult } from '../reports.js'
import type { Timeline } from '../timeline.js'
import { warning } from '../warnings.js'
import type { ChangedCoverage } from './changed-coverage.js'
import type { ChangedLinesResult } from './changed-lines.js'
import { writeHtmlReport } from './html/write.js'

/** Where the HTML report was written; undefined when it was not. */
export type HtmlReportDir = string | undefined

export async function writeRunHtmlReport(
  request: { config: Config; measurement: Measurement; timeline: Timeline },
  reports: ReportResult,
  changed?: { result: ChangedLinesResult; coverage: ChangedCoverage | undefined }
): Promise<HtmlReportDir> {
  const { config, measurement, timeline } = request
  try {
    const written = await timeline.phase('HTML report', async () =>
      writeHtmlReport({
        outputDir: config.outputDir,
        workspace: config.workspace,
        maxSourceBytes: config.maxReportSizeBytes,
        report: reports.report,
        figures: reports.figures,
        notes: reports.notes,
        changed:
          changed?.result.status === 'ok'
            ? {
                name:
                  changed.result.range.kind === 'pull_request' ? 'this pull request' : 'this push',
                lines: changed.result.lines,
                coverage: changed.coverage
              }
            : undefined,
        toolHtml: measurement.htmlDirs
      })
    )
    const shown = relative(config.workspace, written.index) || written.index
    core.info(
      `HTML report: ${shown} (${written.pages} pages, largest ${written.largest.bytes} bytes: ${written.largest.page})`
    )
    if (written.unreadableSources > 0) {
      core.info(
        `${written.unreadableSources} source file(s) could not be read: their pages show line numbers and hits only.`
      )
    }
    return written.dir
  } catch (error) {
    warning(
      `The HTML report was not written: ${error instanceof Error ? error.message : String(error)}`
    )
    return undefined
  }
}
