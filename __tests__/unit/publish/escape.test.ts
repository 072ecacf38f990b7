import { describe, expect, it } from '@jest/globals'
import {
  escapeHtml,
  htmlPath,
  MAX_SHOWN_PATH,
  shorten,
  showControls
} from '../../../src/publish/escape.js'

describe('escapeHtml', () => {
  it('leaves no character that HTML or Markdown would act on', () => {
    const escaped = escapeHtml(
      '<img src=x>|*_[x](y)`code` ~~s~~ \\ & "q" \'a\' #h !i :j @k {l} $m ^n +o'
    )
    expect(escaped).not.toMatch(/[<>|*_[\]()`~\\&"'#!:@{}$^+=](?![#\d]*;)/)
    expect(escaped).toBe(
      '&#60;img src&#61;x&#62;&#124;&#42;&#95;&#91;x&#93;&#40;y&#41;&#96;code&#96; &#126;&#126;s&#126;&#126; &#92; &#38; &#34;q&#34; &#39;a&#39; &#35;h &#33;i &#58;j &#64;k &#123;l&#125; &#36;m &#94;n &#43;o'
    )
  })

  it('shows line breaks and bidi overrides instead of obeying them', () => {
    expect(showControls('a\nb\rc\td\u202Ee\u2066f\u0000')).toBe(
      'a\\nb\\rc\\td\\u{202e}e\\u{2066}f\\u{0}'
    )
    expect(escapeHtml('x\n\ny')).not.toContain('\n')
  })
})

describe('shorten', () => {
  it('keeps short names whole and cuts long ones in the middle, keeping the end', () => {
    expect(shorten('src/lib.rs', 20)).toBe('src/lib.rs')
    const long = `${'d/'.repeat(200)}file.py`
    const shown = shorten(long, 40)
    expect(Array.from(shown)).toHaveLength(40)
    expect(shown).toMatch(/^d\/d\/.*….*file\.py$/)
  })

  it('never cuts a surrogate pair', () => {
    const emoji = '😀'.repeat(300)
    const shown = shorten(emoji, 11)
    expect(shown).toBe(`${'😀'.repeat(4)}…${'😀'.repeat(6)}`)
    expect(htmlPath(emoji).length).toBeLessThan(MAX_SHOWN_PATH * 2 + 2)
  })
})
