/**
 * The shell every page of the HTML report shares: doctype, a Content-Security-Policy that allows
 * the sibling stylesheet and at most the sorting script (by hash) and nothing from the network,
 * a skip link, breadcrumbs of real links, the main landmark and a footer. Pages are opened from
 * disk (file://) with no server: every link and the stylesheet are relative.
 */
import { escapeHtml } from '../escape.js'
import { SORT_SCRIPT, SORT_SCRIPT_HASH } from './sort-script.js'

export interface Crumb {
  label: string
  /** Page relative to the report's directory; absent for the current page. */
  page?: string
}

export interface PageInput {
  /** The page's own name relative to the report's directory ('index.html', 'files/3-x.html'). */
  page: string
  /** Plain text (escaped here). */
  title: string
  crumbs: readonly Crumb[]
  /** HTML, already escaped by the caller. */
  main: string
  /** Whether the page has sortable tables (the one script is added). */
  sortable?: boolean
}

export const STYLESHEET_FILE = 'style.css'

/** The path from `from` to `to`, both relative to the report's directory. */
export function relativeHref(from: string, to: string): string {
  const depth = from.split('/').length - 1
  return `${'../'.repeat(depth)}${to}`
}

export function renderPage(input: PageInput): string {
  const script = input.sortable ? SORT_SCRIPT_HASH : "'none'"
  const policy = `default-src 'none'; style-src 'self'; script-src ${script}; img-src 'none'; base-uri 'none'; form-action 'none'`
  const crumbs = input.crumbs
    .map((crumb) =>
      crumb.page === undefined
        ? `<li aria-current="page">${escapeHtml(crumb.label)}</li>`
        : `<li><a href="${relativeHref(input.page, crumb.page)}">${escapeHtml(crumb.label)}</a></li>`
    )
    .join('')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(input.title)} · coverage</title>
<link rel="stylesheet" href="${relativeHref(input.page, STYLESHEET_FILE)}">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header><nav aria-label="Breadcrumb"><ol>${crumbs}</ol></nav></header>
<main id="main" tabindex="-1">
${input.main}
</main>
<footer><p>Written by mixed-coverage from the merged Rust and Python coverage.</p></footer>
${input.sortable ? `<script>${SORT_SCRIPT}</script>\n` : ''}</body>
</html>
`
}
