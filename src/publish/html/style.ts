/**
 * The report's one stylesheet, written once as style.css next to index.html (every page links
 * it: no per-page copy, no network). Light and dark follow prefers-color-scheme. Coverage marks
 * never rely on colour alone: each marked row also carries a symbol and words for screen readers
 * (file-page.ts), and the bars repeat the percent shown beside them.
 */

const BAR_WIDTHS = Array.from({ length: 101 }, (_, percent) => `.w${percent}{width:${percent}%}`)

export const STYLESHEET = `:root {
  color-scheme: light dark;
  --fg: #1f2328; --bg: #ffffff; --muted: #59636e; --line: #d1d9e0; --head: #f6f8fa;
  --link: #0550ae; --focus: #0969da;
  --hit: #dafbe1; --miss: #ffebe9; --part: #fff8c5; --changed: #8250df;
  --bar-hit: #1a7f37; --bar-miss: #cf222e;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d; --head: #151b23;
    --link: #4493f8; --focus: #4493f8;
    --hit: #12361f; --miss: #4c1d1d; --part: #3d3212; --changed: #ab7df8;
    --bar-hit: #3fb950; --bar-miss: #f85149;
  }
}
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
header, main, footer { padding: 0 1.25rem; max-width: 80rem; }
header { padding-top: .75rem; }
footer { color: var(--muted); font-size: .85rem; padding-bottom: 1rem; }
h1 { font-size: 1.4rem; margin: .5rem 0; overflow-wrap: anywhere; }
h2 { font-size: 1.1rem; margin: 1.25rem 0 .5rem; }
a { color: var(--link); }
a:focus-visible, button:focus-visible, summary:focus-visible, main:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 2px;
}
.skip { position: absolute; left: -10000px; top: .5rem; background: var(--bg); padding: .25rem .5rem; }
.skip:focus { left: .5rem; z-index: 1; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
nav ol { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem; }
nav li + li::before { content: "/"; margin-right: .25rem; color: var(--muted); }
nav li { overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .25rem .6rem; text-align: left; vertical-align: top; }
thead th { background: var(--head); }
th button { font: inherit; font-weight: bold; color: var(--link); background: none; border: 0; padding: 0; cursor: pointer; text-decoration: underline; }
th[aria-sort=ascending] button::after { content: " ▲"; }
th[aria-sort=descending] button::after { content: " ▼"; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.name { overflow-wrap: anywhere; max-width: 40rem; }
.bar { display: inline-block; width: 5rem; height: .6rem; margin-right: .4rem; background: var(--bar-miss); vertical-align: middle; }
.bar > span { display: block; height: 100%; background: var(--bar-hit); }
.nodata .bar { background: var(--line); }
${BAR_WIDTHS.join('')}
.muted { color: var(--muted); }
ul.ranges { display: flex; flex-wrap: wrap; gap: .25rem .75rem; list-style: none; padding: 0; margin: .25rem 0; }
table.source { width: 100%; font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
table.source th { font-family: system-ui, sans-serif; font-size: .85rem; }
table.source td { border: 0; padding: 0 .5rem; }
/* Columns by position: line, hits and marks, [branches], [tests], source (file-page.ts). */
table.source td:nth-child(-n+2) { text-align: right; color: var(--muted); white-space: nowrap; user-select: none; }
table.source td:nth-child(2) { min-width: 4.5rem; }
table.source.with-branches td:nth-child(3) { text-align: right; white-space: nowrap; color: var(--muted); }
table.source td:last-child { white-space: pre-wrap; overflow-wrap: anywhere; tab-size: 4; width: 100%; color: var(--fg); }
table.source td a { white-space: nowrap; }
tr.hit td:nth-child(2), tr.hit td:last-child { background: var(--hit); }
tr.miss td:nth-child(2), tr.miss td:last-child { background: var(--miss); }
tr.part td:nth-child(2), tr.part td:last-child, .with-branches tr.part td:nth-child(3) { background: var(--part); }
tr.miss td:nth-child(2)::after { content: " ✗"; color: var(--fg); }
tr.part td:nth-child(2)::after { content: " ◐"; color: var(--fg); }
tr.chg td:first-child { box-shadow: inset 4px 0 var(--changed); }
tr.chg td:first-child::before { content: "Δ "; color: var(--changed); font-weight: bold; }
tr:target td { outline: 2px solid var(--focus); }
.legend span { margin-right: 1rem; }
`
