/**
 * Sorting of the directory listings, as progressive enhancement: the tables are complete and
 * readable without it (directories, then files, by name). With it, each sortable column heading
 * becomes a button; a click sorts every body of the table by that column (ascending, then
 * descending) and says so in aria-sort. Numbers come from the cells' data-sort values, which the
 * renderer writes (listing.ts), so the script never parses shown numbers; names sort by their
 * link's text.
 *
 * The pages allow exactly this script, by its hash (page.ts): no other inline or injected script
 * can run even if some text escaped its escaping.
 */
import { createHash } from 'node:crypto'

export const SORT_SCRIPT = `for (const table of document.querySelectorAll('table[data-sortable]')) {
  const heads = [...table.tHead.rows[0].cells]
  const key = (cell, kind) =>
    kind === 'number'
      ? Number(cell.dataset.sort)
      : (cell.querySelector('a') ?? cell).textContent.toLowerCase()
  heads.forEach((head, column) => {
    const kind = head.dataset.sortKind
    if (!kind) return
    const button = document.createElement('button')
    button.type = 'button'
    button.textContent = head.textContent
    head.replaceChildren(button)
    button.addEventListener('click', () => {
      const ascending = head.getAttribute('aria-sort') !== 'ascending'
      for (const other of heads) other.removeAttribute('aria-sort')
      head.setAttribute('aria-sort', ascending ? 'ascending' : 'descending')
      for (const body of table.tBodies) {
        const rows = [...body.rows].map((row) => [key(row.cells[column], kind), row])
        rows.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0) * (ascending ? 1 : -1))
        body.append(...rows.map(([, row]) => row))
      }
    })
  })
}`

/** The CSP source that allows SORT_SCRIPT and nothing else. */
export const SORT_SCRIPT_HASH = `'sha256-${createHash('sha256').update(SORT_SCRIPT).digest('base64')}'`
