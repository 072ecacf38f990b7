/**
 * Writes the HTML report into `<output-dir>/html`: the pages the pure renderers make, the one
 * stylesheet, and the tools' own HTML reports under tools/. Sources are read with the engine's
 * readRegularFile under the size cap; a source that cannot be read gets a page saying so.
 *
 * The report is built in a fresh directory next to html/ and then put in its place, so html/
 * never mixes pages of two runs and a failure halfway leaves the earlier report whole. Page
 * names are generated (tree.ts): nothing is written outside the new directory.
 */
import { cpSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import {
  NotAFileError,
  readRegularFile,
  ReportTooLargeError,
  type CoverageReport,
  type FileCoverage
} from '../../coverage/index.js'
import type { ChangedCoverage } from '../changed-coverage.js'
import type { ChangedLines } from '../diff.js'
import type { CoverageFigures } from '../figures.js'
import {
  directoryCrumbs,
  renderDirectoryPage,
  renderIndexPage,
  type ChangedSummary,
  type ToolPages
} from './directory-page.js'
import { renderFilePage, type SourceText } from './file-page.js'
import { STYLESHEET_FILE } from './page.js'
import { STYLESHEET } from './style.js'
import { allDirectories, buildTree, ROOT_PAGE, type TreeDirectory } from './tree.js'

export const HTML_DIR = 'html'

export interface HtmlReportRequest {
  /** The report goes to `<outputDir>/html`. */
  outputDir: string
  /** Sources are read relative to it (report paths are relative to the workspace). */
  workspace: string
  maxSourceBytes: number
  report: CoverageReport
  /** The figures of the reports step (the same as coverage-summary.json's). */
  figures: CoverageFigures
  notes: readonly string[]
  changed?: { name: string; lines: ChangedLines; coverage: ChangedCoverage | undefined }
  /** The tools' HTML report directories, copied to tools/<name>/. */
  toolHtml: Partial<Record<'rust' | 'python', string>>
}

export interface HtmlReportResult {
  dir: string
  index: string
  pages: number
  /** The largest page, for the log and the bench. */
  largest: { page: string; bytes: number }
  /** Files whose page shows no source. */
  unreadableSources: number
}

export function writeHtmlReport(request: HtmlReportRequest): HtmlReportResult {
  const target = join(request.outputDir, HTML_DIR)
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`
  const staging = join(request.outputDir, `.${HTML_DIR}-${suffix}.tmp`)
  mkdirSync(join(staging, 'files'), { recursive: true })
  mkdirSync(join(staging, 'dirs'), { recursive: true })
  try {
    const result = writePages(staging, request)
    rmSync(target, { recursive: true, force: true })
    renameSync(staging, target)
    return { ...result, dir: target, index: join(target, ROOT_PAGE) }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true })
    throw error
  }
}

function writePages(
  dir: string,
  request: HtmlReportRequest
): Omit<HtmlReportResult, 'dir' | 'index'> {
  let pages = 0
  let largest = { page: '', bytes: 0 }
  const write = (page: string, html: string) => {
    const bytes = Buffer.byteLength(html)
    writeFileSync(join(dir, page), html)
    pages++
    if (bytes > largest.bytes) largest = { page, bytes }
  }
  writeFileSync(join(dir, STYLESHEET_FILE), STYLESHEET)
  const tools = copyToolReports(dir, request.toolHtml)
  const root = buildTree(request.figures.files)
  write(ROOT_PAGE, renderIndexPage(indexInput(request, root, tools)))
  let unreadableSources = 0
  for (const directory of allDirectories(root)) {
    if (directory !== root) write(directory.page, renderDirectoryPage(directory))
    for (const treeFile of directory.files) {
      const path = treeFile.figures.path
      const source = readSource(request, path)
      if ('error' in source) unreadableSources++
      const changedLines = request.changed?.lines
      write(
        treeFile.page,
        renderFilePage({
          page: treeFile.page,
          crumbs: [...directoryCrumbs(directory, false), { label: treeFile.name }],
          figures: treeFile.figures,
          file: request.report.files.get(path) as FileCoverage,
          source,
          changed: changedLines ? (changedLines.get(path) ?? new Set()) : undefined,
          changeName: request.changed?.name
        })
      )
    }
  }
  return { pages, largest, unreadableSources }
}

function indexInput(request: HtmlReportRequest, root: TreeDirectory, tools: ToolPages) {
  return {
    root,
    figures: request.figures,
    notes: request.notes,
    tools,
    changed: changedSummary(request, root)
  }
}

function changedSummary(
  request: HtmlReportRequest,
  root: TreeDirectory
): ChangedSummary | undefined {
  const changed = request.changed
  if (!changed) return undefined
  const pageOf = new Map<string, string>()
  for (const directory of allDirectories(root)) {
    for (const file of directory.files) pageOf.set(file.figures.path, file.page)
  }
  const coverage = changed.coverage
  return {
    name: changed.name,
    lines: coverage?.lines ?? { found: 0, hit: 0 },
    files: (coverage?.files ?? []).map((file) => ({
      path: file.path,
      page: pageOf.get(file.path),
      lines: file.lines
    }))
  }
}

function copyToolReports(dir: string, toolHtml: HtmlReportRequest['toolHtml']): ToolPages {
  const pages: ToolPages = {}
  for (const tool of ['rust', 'python'] as const) {
    const source = toolHtml[tool]
    if (!source) continue
    cpSync(source, join(dir, 'tools', tool), { recursive: true })
    pages[tool] = `tools/${tool}/index.html`
  }
  return pages
}

function readSource(request: HtmlReportRequest, path: string): SourceText {
  try {
    const bytes = readRegularFile(resolve(request.workspace, path), request.maxSourceBytes)
    return { text: new TextDecoder('utf-8').decode(bytes) }
  } catch (error) {
    return { error: unreadableReason(error) }
  }
}

function unreadableReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'no such file in this checkout'
  if (code === 'EACCES') return 'permission denied'
  if (error instanceof ReportTooLargeError) return 'larger than max-report-size-mb'
  if (error instanceof NotAFileError) return 'not a regular file'
  return error instanceof Error ? error.message : String(error)
}
