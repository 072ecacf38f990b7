/**
 * The index and directory pages of the HTML report. The index (the root directory) has the
 * totals per language — the figures of coverage-summary.json — then the changed files, the
 * root's listing, the notes and the links to the tools' own HTML reports; every other directory
 * page has its own totals and listing. Each page lists one directory only, so no page grows
 * with the whole project. Pure.
 */
import { LANGUAGE_NAMES, LANGUAGES } from '../../coverage/index.js'
import { escapeHtml } from '../escape.js'
import type { Count, CoverageFigures } from '../figures.js'
import { formatCount } from '../summary-html.js'
import { countCell, listingTable, ratioKey, rowSortKeys, totalsTable } from './listing.js'
import { relativeHref, renderPage, type Crumb } from './page.js'
import { ancestry, ROOT_PAGE, type TreeDirectory } from './tree.js'

/** The tools' own HTML reports, by their page relative to the report's directory. */
export type ToolPages = Partial<Record<'rust' | 'python', string>>

export interface ChangedSummary {
  /** 'this pull request' or 'this push'. */
  name: string
  lines: Count
  files: ReadonlyArray<{ path: string; page: string | undefined; lines: Count }>
}

export interface IndexInput {
  root: TreeDirectory
  figures: CoverageFigures
  notes: readonly string[]
  tools: ToolPages
  changed?: ChangedSummary
}

/** Changed files listed on the index (most uncovered first): the index stays small. */
export const CHANGED_FILE_ROWS = 100

const TOOL_NAMES = { rust: 'cargo llvm-cov (Rust)', python: 'coverage.py (Python)' }

/** Breadcrumbs of a directory (the root is "Coverage"); the last one is the current page. */
export function directoryCrumbs(directory: TreeDirectory, current: boolean): Crumb[] {
  return ancestry(directory).map((node, index, chain) => ({
    label: index === 0 ? 'Coverage' : node.name,
    page: current && index === chain.length - 1 ? undefined : node.page
  }))
}

export function renderIndexPage(input: IndexInput): string {
  const { root, figures } = input
  const main = [
    '<h1>Coverage of Rust and Python</h1>',
    '<h2>Totals</h2>',
    totalsTable(figures),
    changedSection(input.changed),
    '<h2>Files</h2>',
    root.files.length + root.directories.length > 0
      ? listingTable(root, ROOT_PAGE)
      : '<p>No file was measured.</p>',
    notesSection(input.notes),
    toolsSection(input.tools)
  ]
  return renderPage({
    page: ROOT_PAGE,
    title: 'Coverage',
    crumbs: directoryCrumbs(root, true),
    main: main.filter(Boolean).join('\n'),
    sortable: true
  })
}

export function renderDirectoryPage(directory: TreeDirectory): string {
  const keys = rowSortKeys(directory.totals)
  const counts = LANGUAGES.filter((language) => directory.fileCounts[language] > 0)
    .map((language) => `${formatCount(directory.fileCounts[language])} ${LANGUAGE_NAMES[language]}`)
    .join(', ')
  const main = `<h1><span class="sr">Folder </span>${escapeHtml(directory.path)}/</h1>
<p>Files: ${counts}</p>
<table id="folder-totals"><thead><tr><th scope="col" class="num">Lines</th><th scope="col" class="num">Branches</th><th scope="col" class="num">Functions</th></tr></thead>
<tbody><tr>${countCell(directory.totals.lines, keys.lines)}${countCell(directory.totals.branches, keys.branches)}${countCell(directory.totals.functions, keys.functions)}</tr></tbody></table>
${listingTable(directory, directory.page)}`
  return renderPage({
    page: directory.page,
    title: `${directory.path}/`,
    crumbs: directoryCrumbs(directory, true),
    main,
    sortable: true
  })
}

function changedSection(changed: ChangedSummary | undefined): string {
  if (!changed) return ''
  const name = escapeHtml(changed.name)
  if (changed.lines.found === 0) {
    return `<h2>Changed lines</h2>\n<p>No line ${name} changes is instrumented.</p>`
  }
  const rows = changed.files.slice(0, CHANGED_FILE_ROWS).map((file) => {
    const label = escapeHtml(file.path)
    const link = file.page ? `<a href="${relativeHref(ROOT_PAGE, file.page)}">${label}</a>` : label
    return `<tr><td class="name">${link}</td>${countCell(file.lines, ratioKey(file.lines))}</tr>`
  })
  const more =
    changed.files.length > CHANGED_FILE_ROWS
      ? `\n<p>…and ${formatCount(changed.files.length - CHANGED_FILE_ROWS)} more changed files, each marked on its page.</p>`
      : ''
  return `<h2>Changed lines</h2>
<p>Instrumented lines ${name} changes that ran in the tests:</p>
<table id="changed"><thead><tr><th scope="col">File</th><th scope="col" class="num">Changed lines covered</th></tr></thead>
<tbody>
<tr><th scope="row">All changed files</th>${countCell(changed.lines, ratioKey(changed.lines))}</tr>
${rows.join('\n')}
</tbody></table>${more}`
}

function notesSection(notes: readonly string[]): string {
  if (notes.length === 0) return ''
  return `<h2>Notes</h2>\n<ul>${notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('\n')}</ul>`
}

function toolsSection(tools: ToolPages): string {
  const links = (['rust', 'python'] as const)
    .filter((tool) => tools[tool])
    .map((tool) => `<li><a href="${tools[tool]}">${TOOL_NAMES[tool]}</a></li>`)
  if (links.length === 0) return ''
  return `<h2>The tools' own reports</h2>\n<p>The HTML each tool wrote, unmerged:</p>\n<ul>${links.join('')}</ul>`
}
