/**
 * Small HTML builders for the step summary. Every block starts with a tag GitHub's Markdown
 * treats as an HTML block (<p>, <table>, <details>, <ul>, <pre>) and has no blank line inside,
 * so nothing in it is read as Markdown. Cell contents are HTML already escaped by the caller.
 */
import { formatPercent } from '../coverage/index.js'
import type { Count } from './figures.js'
import { formatRange, type LineRange } from './ranges.js'

export function paragraph(html: string): string {
  return `<p>${html}</p>`
}

export function tableHead(headers: readonly string[]): string {
  return `<table>\n<tr>${headers.map((header) => `<th>${header}</th>`).join('')}</tr>`
}

export function tableRow(cells: readonly string[]): string {
  return `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`
}

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  return [tableHead(headers), ...rows.map(tableRow), '</table>'].join('\n')
}

export function list(items: readonly string[]): string {
  return `<ul>\n${items.map((item) => `<li>${item}</li>`).join('\n')}\n</ul>`
}

/** `85.10% (851/1000)`, or a dash when nothing was found. */
export function countCell(count: Count): string {
  if (count.found === 0) return '—'
  return `${formatPercent(count.hit, count.found)}% (${count.hit}/${count.found})`
}

/** `12–15, 20, 31–40 …and 3 more` */
export function rangesCell(ranges: readonly LineRange[], total = ranges.length): string {
  if (total === 0) return ''
  const shown = ranges.map(formatRange).join(', ')
  return total > ranges.length ? `${shown} …and ${total - ranges.length} more` : shown
}

/** A URL for an href: only the characters that could leave the attribute are escaped. */
export function hrefValue(url: string): string {
  return url.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
}

/** 1234567 → `1,234,567` (fixed format, independent of the runner's locale). */
export function formatCount(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}
