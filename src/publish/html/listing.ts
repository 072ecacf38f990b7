/**
 * Tables of the HTML report's index and directory pages: the totals per language and the
 * listing of a directory (its folders, then its files), with the values the sorting script
 * orders by. Figures are shown as the step summary shows them: percent with two decimals
 * (coverage/percent.ts, the JSON summary's rounding) and hit/found. Pure.
 */
import { formatPercent, LANGUAGE_NAMES, LANGUAGES, type Language } from '../../coverage/index.js'
import { escapeHtml } from '../escape.js'
import type { Count, CoverageFigures, Totals } from '../figures.js'
import { formatCount } from '../summary-html.js'
import { relativeHref } from './page.js'
import type { TreeDirectory } from './tree.js'

/** What a listing row sorts by; -1 stands for "no data" (first when ascending). */
export interface RowSortKeys {
  lines: number
  missed: number
  branches: number
  functions: number
}

/** The exact ratio a count sorts by; -1 without data. */
export function ratioKey(count: Count): number {
  return count.found === 0 ? -1 : count.hit / count.found
}

export function rowSortKeys(totals: Totals): RowSortKeys {
  return {
    lines: ratioKey(totals.lines),
    missed: totals.lines.found - totals.lines.hit,
    branches: ratioKey(totals.branches),
    functions: ratioKey(totals.functions)
  }
}

/**
 * A figure cell: bar, `79.66% (47/59)`, or a dash without data. data-hit and data-found carry
 * the exact counts (the tests read them), data-sort the ratio.
 */
export function countCell(count: Count, sortKey: number, bar = true): string {
  const data = `data-sort="${sortKey}" data-hit="${count.hit}" data-found="${count.found}"`
  if (count.found === 0) return `<td class="num nodata" ${data}>—</td>`
  const percent = formatPercent(count.hit, count.found)
  const width = Math.floor((count.hit / count.found) * 100)
  const shown = bar ? `<span class="bar"><span class="w${width}"></span></span>` : ''
  return `<td class="num" ${data}>${shown}${percent}% <span class="muted">(${formatCount(count.hit)}/${formatCount(count.found)})</span></td>`
}

/** Totals per language and overall: the same figures as coverage-summary.json. */
export function totalsTable(figures: CoverageFigures): string {
  const fileCounts: Record<Language, number> = { rust: 0, python: 0, other: 0 }
  for (const file of figures.files) fileCounts[file.language]++
  const row = (label: string, totals: Totals, files: number, key: string) => {
    const keys = rowSortKeys(totals)
    return `<tr data-totals="${key}"><th scope="row">${label}</th>${countCell(totals.lines, keys.lines)}${countCell(totals.branches, keys.branches)}${countCell(totals.functions, keys.functions)}<td class="num">${formatCount(files)}</td></tr>`
  }
  const rows = LANGUAGES.filter((language) => language !== 'other' || fileCounts.other > 0).map(
    (language) =>
      row(LANGUAGE_NAMES[language], figures.byLanguage[language], fileCounts[language], language)
  )
  rows.push(row('Total', figures.total, figures.files.length, 'total'))
  return `<table id="totals">
<caption class="sr">Coverage per language</caption>
<thead><tr><td></td><th scope="col" class="num">Lines</th><th scope="col" class="num">Branches</th><th scope="col" class="num">Functions</th><th scope="col" class="num">Files</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`
}

/** A directory's folders and files, each a link to its page, in one sortable table. */
export function listingTable(directory: TreeDirectory, fromPage: string): string {
  const row = (name: string, page: string, totals: Totals, kind: string, extra: string) => {
    const keys = rowSortKeys(totals)
    const link = `<a href="${relativeHref(fromPage, page)}">${escapeHtml(name)}</a>${extra}`
    return `<tr><td class="name">${kind}${link}</td>${countCell(totals.lines, keys.lines)}<td class="num" data-sort="${keys.missed}">${formatCount(keys.missed)}</td>${countCell(totals.branches, keys.branches, false)}${countCell(totals.functions, keys.functions, false)}</tr>`
  }
  const folders = directory.directories.map((sub) =>
    row(`${sub.name}/`, sub.page, sub.totals, '<span class="sr">Folder </span>', '')
  )
  const files = directory.files.map((file) =>
    row(
      file.name,
      file.page,
      file.figures.totals,
      '',
      file.figures.language === 'other'
        ? ''
        : ` <span class="muted">${LANGUAGE_NAMES[file.figures.language]}</span>`
    )
  )
  const bodies = [folders, files]
    .filter((rows) => rows.length > 0)
    .map((rows) => `<tbody>\n${rows.join('\n')}\n</tbody>`)
  return `<table data-sortable id="listing">
<caption class="sr">Folders and files, by name</caption>
<thead><tr><th scope="col" data-sort-kind="text">Name</th><th scope="col" class="num" data-sort-kind="number">Lines</th><th scope="col" class="num" data-sort-kind="number">Not covered</th><th scope="col" class="num" data-sort-kind="number">Branches</th><th scope="col" class="num" data-sort-kind="number">Functions</th></tr></thead>
${bodies.join('\n')}
</table>`
}
