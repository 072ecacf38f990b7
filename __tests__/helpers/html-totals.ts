/**
 * The totals table of the HTML report's index, read from its markup: each row of
 * `<table id="totals">` is marked data-totals (rust, python, other, total) and each figure cell
 * carries data-hit and data-found; the shown percent is the text before '%'. Shaped like
 * coverage-summary.json's counts, so the two compare with toEqual.
 */
export interface ShownCount {
  found: number
  hit: number
  percent: number | null
}

export type ShownTotals = Record<'lines' | 'branches' | 'functions', ShownCount>

const ROW = /<tr data-totals="(\w+)">(.*?)<\/tr>/g
const CELL =
  /<td class="num[^"]*" data-sort="[^"]*" data-hit="(\d+)" data-found="(\d+)">(.*?)<\/td>/g

export function indexTotals(html: string): Record<string, ShownTotals> {
  const table = /<table id="totals">([\s\S]*?)<\/table>/.exec(html)?.[1]
  if (!table) throw new Error('the index has no totals table')
  const rows: Record<string, ShownTotals> = {}
  for (const [, key, cells] of table.matchAll(ROW)) {
    const counts = [...(cells as string).matchAll(CELL)].map(([, hit, found, text]) => ({
      found: Number(found),
      hit: Number(hit),
      // A count without data shows a dash; coverage-summary.json has no percent for it.
      percent: Number(found) === 0 ? null : Number(/([\d.]+)%/.exec(text as string)?.[1])
    }))
    const [lines, branches, functions] = counts
    if (!lines || !branches || !functions) throw new Error(`row ${key}: expected three figures`)
    rows[key as string] = { lines, branches, functions }
  }
  return rows
}
