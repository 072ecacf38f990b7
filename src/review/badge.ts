/**
 * Coverage badges as SVG, in the flat style READMEs show: a grey label on the left, the figure
 * on a coloured field on the right. The width comes from the text (Verdana 11px advance widths,
 * as badge services measure them), so no font is needed to lay it out. Pure.
 */
import { formatPercent, type Count } from '../coverage/index.js'

export interface Badge {
  label: string
  /** '85.10%', or 'n/a' when nothing was measured. */
  value: string
  color: string
}

/** Colour steps by percent, highest first. */
const COLORS: ReadonlyArray<[number, string]> = [
  [90, '#4c1'],
  [80, '#97ca00'],
  [70, '#a4a61d'],
  [60, '#dfb317'],
  [50, '#fe7d37'],
  [0, '#e05d44']
]
const NO_DATA_COLOR = '#9f9f9f'

export function badgeOf(label: string, count: Count): Badge {
  if (count.found === 0) return { label, value: 'n/a', color: NO_DATA_COLOR }
  const value = formatPercent(count.hit, count.found)
  const color = COLORS.find(([floor]) => Number(value) >= floor)?.[1] ?? NO_DATA_COLOR
  return { label, value: `${value}%`, color }
}

/** Advance widths of Verdana 11px for the characters badges use; others count as 'M'-wide. */
const WIDTHS: Record<string, number> = {
  ' ': 3.9,
  '%': 12.1,
  '.': 3.9,
  '/': 5.0,
  '-': 4.5,
  a: 6.7,
  b: 6.9,
  c: 5.8,
  d: 6.9,
  e: 6.6,
  f: 3.8,
  g: 6.9,
  h: 7.0,
  i: 3.0,
  j: 3.8,
  k: 6.5,
  l: 3.0,
  m: 10.7,
  n: 7.0,
  o: 6.7,
  p: 6.9,
  q: 6.9,
  r: 4.7,
  s: 5.7,
  t: 4.3,
  u: 7.0,
  v: 6.5,
  w: 9.0,
  x: 6.5,
  y: 6.5,
  z: 5.8
}
const DIGIT_WIDTH = 7.0
const WIDE = 10.0
const PADDING = 10

/** Width in pixels of `text` at 11px Verdana, rounded up. */
export function textWidth(text: string): number {
  let width = 0
  for (const ch of text) {
    width += /[0-9]/.test(ch) ? DIGIT_WIDTH : (WIDTHS[ch.toLowerCase()] ?? WIDE)
  }
  return Math.ceil(width)
}

export function renderBadge(badge: Badge): string {
  const label = escapeXml(badge.label)
  const value = escapeXml(badge.value)
  const left = textWidth(badge.label) + PADDING
  const right = textWidth(badge.value) + PADDING
  const width = left + right
  // Text is drawn at 10x scale (font-size 110, transform scale(.1)) for sub-pixel placement.
  const labelX = left * 5
  const valueX = left * 10 + right * 5
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${label}: ${value}">`,
    `<title>${label}: ${value}</title>`,
    '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>',
    `<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#r)"><rect width="${left}" height="20" fill="#555"/><rect x="${left}" width="${right}" height="20" fill="${badge.color}"/><rect width="${width}" height="20" fill="url(#s)"/></g>`,
    '<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="110">',
    `<text x="${labelX}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" textLength="${(left - PADDING) * 10}">${label}</text>`,
    `<text x="${labelX}" y="140" transform="scale(.1)" textLength="${(left - PADDING) * 10}">${label}</text>`,
    `<text x="${valueX}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" textLength="${(right - PADDING) * 10}">${value}</text>`,
    `<text x="${valueX}" y="140" transform="scale(.1)" textLength="${(right - PADDING) * 10}">${value}</text>`,
    '</g>',
    '</svg>',
    ''
  ].join('\n')
}

/** Text for SVG content and attribute values. Control characters are dropped (invalid in XML). */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
  )
}
