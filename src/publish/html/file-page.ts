/**
 * A file's page in the HTML report: its figures, links to what is not covered, to partly taken
 * branches and to the lines the change touches, then the source with each line's hits, marks
 * and (when coverage.py recorded them) the tests that ran it. Pure: the caller reads the source.
 *
 * Marks are row classes (ROW_CLASSES: hit, miss, part, chg) with a symbol from the stylesheet
 * and words for screen readers, so they never rely on colour. Only line numbers ever go into
 * an id or href (`#L12`, `#t3`); every name and source line is escaped.
 */
import { LANGUAGE_NAMES, uncoveredRanges, type FileCoverage } from '../../coverage/index.js'
import { escapeHtml, escapeSourceLine } from '../escape.js'
import type { FileFigures } from '../figures.js'
import { formatCount } from '../summary-html.js'
import { countCell, rowSortKeys } from './listing.js'
import { lineMarks, lineRuns, testSets, type LineMark, type TestSets } from './line-marks.js'
import { renderPage, type Crumb } from './page.js'

/** The file's source text, or why it could not be read. */
export type SourceText = { text: string } | { error: string }

export interface FilePageInput {
  page: string
  crumbs: readonly Crumb[]
  figures: FileFigures
  file: FileCoverage
  source: SourceText
  /** This file's changed lines; undefined when the run knows no changed lines. */
  changed?: ReadonlySet<number>
  /** What changed them, for the words on the page ('this pull request', 'this push'). */
  changeName?: string
}

interface PageParts {
  marks: Map<number, LineMark>
  tests: TestSets | undefined
  changed: ReadonlySet<number>
  withBranches: boolean
}

export function renderFilePage(input: FilePageInput): string {
  const { file, figures } = input
  const parts: PageParts = {
    marks: lineMarks(file),
    tests: testSets(file.contexts),
    changed: input.changed ?? new Set(),
    withBranches: file.branches.lines.length > 0
  }
  const main = [
    `<h1><span class="sr">File </span>${escapeHtml(figures.path)}</h1>`,
    fileFigures(figures),
    navigation(input, parts),
    sourceNote(input.source, parts.marks),
    legend(input, parts),
    sourceTable(input.source, parts),
    testsSection(parts.tests)
  ]
  return renderPage({
    page: input.page,
    title: figures.path,
    crumbs: input.crumbs,
    main: main.filter(Boolean).join('\n')
  })
}

function fileFigures(figures: FileFigures): string {
  const keys = rowSortKeys(figures.totals)
  const where = figures.outsideWorkspace ? ', outside the workspace' : ''
  return `<p>${LANGUAGE_NAMES[figures.language]}${where}</p>
<table id="file-totals"><thead><tr><th scope="col" class="num">Lines</th><th scope="col" class="num">Branches</th><th scope="col" class="num">Functions</th></tr></thead>
<tbody><tr>${countCell(figures.totals.lines, keys.lines)}${countCell(figures.totals.branches, keys.branches)}${countCell(figures.totals.functions, keys.functions)}</tr></tbody></table>`
}

/** Links to each uncovered range, each partly taken branch line and each changed run. */
function navigation(input: FilePageInput, parts: PageParts): string {
  const links = (runs: Array<[number, number]>) =>
    `<ul class="ranges">${runs
      .map(
        ([start, end]) =>
          `<li><a href="#L${start}">${start === end ? `line ${start}` : `lines ${start}–${end}`}</a></li>`
      )
      .join('')}</ul>`
  const sections: string[] = []
  const uncovered = uncoveredRanges(input.file).map(
    (range) => [range.startLine, range.endLine] as [number, number]
  )
  sections.push(
    uncovered.length > 0
      ? `<h2>Not covered</h2>\n${links(uncovered)}`
      : `<p>${input.file.lineNumbers.length > 0 ? 'Every instrumented line ran.' : 'No line of this file is instrumented.'}</p>`
  )
  const partial = [...parts.marks]
    .filter(([, mark]) => mark.status === 'partial')
    .map(([line]) => [line, line] as [number, number])
  if (partial.length > 0) sections.push(`<h2>Branches partly taken</h2>\n${links(partial)}`)
  if (input.changed !== undefined && input.changeName) {
    const changedRuns = lineRuns(parts.changed)
    sections.push(
      changedRuns.length > 0
        ? `<h2>Changed by ${escapeHtml(input.changeName)}</h2>\n${links(changedRuns)}`
        : `<p>No line of this file is changed by ${escapeHtml(input.changeName)}.</p>`
    )
  }
  return sections.join('\n')
}

function sourceNote(source: SourceText, marks: Map<number, LineMark>): string {
  if ('error' in source) {
    return `<p><strong>The source could not be read</strong> (${escapeHtml(source.error)}): the lines below are the instrumented ones, with their hits.</p>`
  }
  const lineCount = sourceLines(source.text).length
  const last = lastLine(marks)
  return last > lineCount
    ? `<p><strong>The source has ${formatCount(lineCount)} lines, and the report names line ${formatCount(last)}</strong>: the file may have changed since it was measured.</p>`
    : ''
}

function legend(input: FilePageInput, parts: PageParts): string {
  const items = ['<span>✗ not covered</span>']
  if (parts.withBranches) items.push('<span>◐ a branch not taken</span>')
  if (input.changed !== undefined && input.changeName) {
    items.push(`<span>Δ changed by ${escapeHtml(input.changeName)}</span>`)
  }
  return `<p class="legend" aria-hidden="true">${items.join('')}</p>`
}

/** The highest line the model names (a loop: a spread of 100,000 keys overflows the stack). */
function lastLine(marks: Map<number, LineMark>): number {
  let last = 0
  for (const line of marks.keys()) if (line > last) last = line
  return last
}

export function sourceLines(text: string): string[] {
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))
}

/**
 * The source as a table whose columns stay in one order — line, hits (with the marks), [branches],
 * [tests], source — so the stylesheet places them by position and no cell needs a class. Rows
 * use unquoted attributes and leave out the optional end tags of cells and rows (the next row,
 * or the end of the body, closes them); the line break goes after a row's start tag, where it is
 * no cell's text. A plain line costs about 26 bytes more than its text.
 */
function sourceTable(source: SourceText, parts: PageParts): string {
  const text = 'text' in source ? sourceLines(source.text) : undefined
  const numbers = text
    ? Array.from({ length: Math.max(text.length, lastLine(parts.marks)) }, (_, index) => index + 1)
    : [...parts.marks.keys()].sort((a, b) => a - b)
  const head = [
    '<th scope="col">Line</th>',
    '<th scope="col">Hits</th>',
    parts.withBranches ? '<th scope="col">Branches</th>' : '',
    parts.tests ? '<th scope="col">Tests</th>' : '',
    '<th scope="col">Source</th>'
  ].join('')
  const variant = [parts.withBranches ? ' with-branches' : '', parts.tests ? ' with-tests' : '']
  const rows = numbers.map((line) => sourceRow(line, text?.[line - 1] ?? '', parts))
  return `<table class="source${variant.join('')}" id="source">
<caption class="sr">Source with hits per line</caption>
<thead><tr>${head}</tr></thead>
<tbody>${rows.join('')}</tbody>
</table>`
}

/** Row classes: the line's status and whether the change touches it. */
export const ROW_CLASSES = { covered: 'hit', missed: 'miss', partial: 'part', changed: 'chg' }
const STATUS_WORDS = { covered: '', missed: 'not covered', partial: 'a branch not taken' }

function sourceRow(line: number, text: string, parts: PageParts): string {
  const mark = parts.marks.get(line)
  const changed = parts.changed.has(line)
  const extra = (parts.withBranches ? '<td>' : '') + (parts.tests ? '<td>' : '')
  if (!mark && !changed && !parts.tests) {
    return `<tr id=L${line}>\n<td>${line}<td>${extra}<td>${escapeSourceLine(text)}`
  }
  const classes = [mark && ROW_CLASSES[mark.status], changed ? ROW_CLASSES.changed : undefined]
    .filter(Boolean)
    .join(' ')
  const words = [mark ? STATUS_WORDS[mark.status] : '', changed ? 'changed' : '']
    .filter(Boolean)
    .join(', ')
  const hits = mark?.hits === undefined ? '' : formatCount(mark.hits)
  const cells = [
    `<td>${line}`,
    `<td>${hits}${words ? `<span class=sr> ${words}</span>` : ''}`,
    parts.withBranches ? branchCell(mark) : '',
    parts.tests ? testsCell(parts.tests, line) : '',
    `<td>${escapeSourceLine(text)}`
  ]
  const attribute = !classes
    ? ''
    : classes.includes(' ')
      ? ` class="${classes}"`
      : ` class=${classes}`
  return `<tr id=L${line}${attribute}>\n${cells.join('')}`
}

function branchCell(mark: LineMark | undefined): string {
  const branches = mark?.branches
  if (!branches) return '<td>'
  const missing =
    branches.notTaken.length > 0
      ? ` <span class="muted">not taken: ${escapeHtml(branches.notTaken.join(', '))}</span>`
      : ''
  return `<td>${branches.hit}/${branches.found}${missing}`
}

function testsCell(tests: TestSets, line: number): string {
  const index = tests.byLine.get(line)
  if (index === undefined) return '<td>'
  const count = (tests.sets[index] as string[]).length
  return `<td><a href="#t${index + 1}">${count} test${count === 1 ? '' : 's'}</a>`
}

/** Each distinct set of tests once, with the lines it ran. */
function testsSection(tests: TestSets | undefined): string {
  if (!tests) return ''
  const linesOf = new Map<number, number[]>()
  for (const [line, index] of tests.byLine) {
    const lines = linesOf.get(index) ?? []
    lines.push(line)
    linesOf.set(index, lines)
  }
  const items = tests.sets.map((names, index) => {
    const lines = linesOf.get(index) ?? []
    const runs = lineRuns(lines)
      .map(([start, end]) => (start === end ? `${start}` : `${start}–${end}`))
      .join(', ')
    const list = names
      .map((name) => `<li>${name === '' ? '<em>outside any test</em>' : escapeHtml(name)}</li>`)
      .join('')
    return `<li id="t${index + 1}"><p>${lines.length === 1 ? 'Line' : 'Lines'} ${runs}</p><ul>${list}</ul></li>`
  })
  return `<h2 id="tests">Tests that ran each line</h2>\n<ol>${items.join('\n')}</ol>`
}
