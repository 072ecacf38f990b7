import { describe, expect, it } from '@jest/globals'
import { badgeOf, escapeXml, renderBadge, textWidth } from '../../../src/review/badge.js'

describe('coverage badges', () => {
  it('colours by percent and says n/a where nothing was measured', () => {
    expect(badgeOf('coverage', { hit: 47, found: 65 })).toEqual({
      label: 'coverage',
      value: '72.31%',
      color: '#a4a61d'
    })
    expect(badgeOf('coverage', { hit: 9, found: 10 }).color).toBe('#4c1')
    expect(badgeOf('coverage', { hit: 8, found: 10 }).color).toBe('#97ca00')
    expect(badgeOf('coverage', { hit: 6, found: 10 }).color).toBe('#dfb317')
    expect(badgeOf('coverage', { hit: 5, found: 10 }).color).toBe('#fe7d37')
    expect(badgeOf('coverage', { hit: 4, found: 10 }).color).toBe('#e05d44')
    // 99.996% shows as 99.99 (never a bound not reached), still the top colour
    expect(badgeOf('rust coverage', { hit: 99996, found: 100000 }).value).toBe('99.99%')
    expect(badgeOf('python coverage', { hit: 0, found: 0 })).toEqual({
      label: 'python coverage',
      value: 'n/a',
      color: '#9f9f9f'
    })
  })

  it('is as wide as its text', () => {
    // c o v e r a g e: 5.8 + 6.7 + 6.5 + 6.6 + 4.7 + 6.7 + 6.9 + 6.6 = 50.5 → 51
    expect(textWidth('coverage')).toBe(51)
    // four digits, a point and a percent sign: 28 + 3.9 + 12.1
    expect(textWidth('72.31%')).toBe(44)
    const svg = renderBadge(badgeOf('coverage', { hit: 47, found: 65 }))
    expect(svg).toContain(
      '<svg xmlns="http://www.w3.org/2000/svg" width="115" height="20" role="img" aria-label="coverage: 72.31%">'
    )
    expect(svg).toContain(
      '<rect width="61" height="20" fill="#555"/><rect x="61" width="54" height="20" fill="#a4a61d"/>'
    )
    expect(svg).toContain(
      '<text x="305" y="140" transform="scale(.1)" textLength="510">coverage</text>'
    )
    expect(svg).toContain(
      '<text x="880" y="140" transform="scale(.1)" textLength="440">72.31%</text>'
    )
    expect(
      renderBadge(badgeOf('a much longer label', { hit: 1, found: 1 })).length
    ).toBeGreaterThan(svg.length)
  })

  it('escapes its text: a label cannot open a tag or end an attribute', () => {
    const svg = renderBadge({ label: '<script>"&\'\u0007', value: 'x', color: '#4c1' })
    expect(svg).toContain('<title>&#60;script&#62;&#34;&#38;&#39;: x</title>')
    expect(svg).not.toContain('<script>')
    expect(escapeXml('a\u0000b\nc')).toBe('ab\nc')
  })
})
