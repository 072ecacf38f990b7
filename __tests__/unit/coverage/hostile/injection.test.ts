/**
 * Hostile inputs, class 1: record injection. A control character (C0, DEL, C1) in any text that
 * becomes a path or a name must be refused with the report file and line, never written out as
 * an extra lcov record, an extra XML element or an extra log line.
 */
import { describe, expect, it } from '@jest/globals'
import { parseCobertura } from '../../../../src/coverage/cobertura-reader.js'
import { parseCoveragePyJson } from '../../../../src/coverage/coveragepy-json.js'
import { parseLcov } from '../../../../src/coverage/lcov-reader.js'
import { expectInertMessage, parseRefusal, utf8 } from '../helpers/hostile.js'

const lcov = (text: string) => parseLcov(utf8(text), 'evil.info')
const cobertura = (text: string) => parseCobertura(utf8(text), 'evil.xml')
const json = (value: unknown) =>
  parseCoveragePyJson(utf8(JSON.stringify(value, null, 1)), 'evil.json')

const xml = (body: string, sources = '<source>/w</source>') =>
  `<?xml version="1.0" ?>\n<coverage line-rate="1" branch-rate="1" version="x" timestamp="0">\n` +
  `<sources>\n${sources}\n</sources>\n<packages><package name="p"><classes>\n${body}\n` +
  '</classes></package></packages>\n</coverage>\n'

const classOf = (filename: string, extra = '', name = 'a.py') =>
  `<class name="${name}" filename="${filename}"><methods>${extra}</methods>` +
  '<lines><line number="1" hits="1"/></lines></class>'

/** The refusal names the file and line, and shows the offending text inertly. */
function expectRefusedAt(action: () => unknown, file: string, line: number): void {
  const error = parseRefusal(action)
  expect(error.file).toBe(file)
  expect(error.line).toBe(line)
  expectInertMessage(error.message)
}

describe('lcov: control characters in SF, FN, FNDA and FNA', () => {
  it.each([
    ['NEL (U+0085, C1)', '\u0085'],
    ['CSI (U+009B, C1)', '\u009b'],
    ['DEL', '\u007f']
  ])('refuses %s in an SF path', (_, char) => {
    expectRefusedAt(() => lcov(`TN:\nSF:/w/a${char}b.rs\nDA:1,1\nend_of_record\n`), 'evil.info', 2)
  })

  it('refuses NUL, ESC and a CR inside an SF path', () => {
    for (const char of ['\u0000', '\u001b', '\r']) {
      expectRefusedAt(() => lcov(`SF:/w/a${char}b.rs\nDA:1,1\nend_of_record\n`), 'evil.info', 1)
    }
  })

  it('refuses C1 characters in FN, FNDA and FNA names', () => {
    const fn = 'SF:/w/a.rs\nFN:1,main\u0085FN:2,evil\nDA:1,1\nend_of_record\n'
    expectRefusedAt(() => lcov(fn), 'evil.info', 2)
    const fnda = 'SF:/w/a.rs\nFN:1,main\nFNDA:1,other\u009b2J\nDA:1,1\nend_of_record\n'
    expectRefusedAt(() => lcov(fnda), 'evil.info', 3)
    const fna = 'SF:/w/a.rs\nFNL:0,1,2\nFNA:0,1,alias\u0085x\nDA:1,1\nend_of_record\n'
    expectRefusedAt(() => lcov(fna), 'evil.info', 3)
  })
})

describe('Cobertura: control characters, also as character references', () => {
  it('refuses a <source> root holding &#10; (it would become extra lcov records)', () => {
    const sources = '<source>/w/src&#10;end_of_record&#10;SF:/w/evil</source>'
    expectRefusedAt(() => cobertura(xml(classOf('a.py'), sources)), 'evil.xml', 4)
  })

  it('refuses a <source> root with a line break in CDATA, or with &#133; (NEL)', () => {
    const cdata = '<source><![CDATA[/w/src\nSF:/w/evil]]></source>'
    expectRefusedAt(() => cobertura(xml(classOf('a.py'), cdata)), 'evil.xml', 4)
    const nel = '<source>/w/src&#133;x</source>'
    expectRefusedAt(() => cobertura(xml(classOf('a.py'), nel)), 'evil.xml', 4)
  })

  it('refuses filename= holding &#133;, &#x85; or a raw C1 character', () => {
    for (const name of ['a&#133;b.py', 'a&#x85;b.py', 'a\u009bb.py', 'a&#x7f;b.py']) {
      expectRefusedAt(() => cobertura(xml(classOf(name))), 'evil.xml', 7)
    }
  })

  it('refuses a method name or signature with a line break instead of dropping it silently', () => {
    const method = (attributes: string) =>
      xml(
        classOf('a.py', `<method ${attributes}><lines><line number="1" hits="1"/></lines></method>`)
      )
    expectRefusedAt(() => cobertura(method('name="f&#10;FN:1,g" signature=""')), 'evil.xml', 7)
    expectRefusedAt(() => cobertura(method('name="f" signature="()&#13;V"')), 'evil.xml', 7)
  })

  it('refuses a class name or package name with a control character', () => {
    expectRefusedAt(() => cobertura(xml(classOf('a.py', '', 'A&#10;B'))), 'evil.xml', 7)
    const packaged = xml(classOf('a.py')).replace('name="p"', 'name="p&#133;q"')
    expectRefusedAt(() => cobertura(packaged), 'evil.xml', 6)
  })
})

describe('coverage.py JSON: control characters in keys, region names and contexts', () => {
  const meta = { format: 3, version: '7.13.0', branch_coverage: false, show_contexts: true }
  const file = { executed_lines: [1, 2], missing_lines: [], excluded_lines: [] }

  it('refuses a file key holding a C1 character', () => {
    const error = parseRefusal(() => json({ meta, files: { 'a\u0085b.py': file } }))
    expect(error.line).toBe(9)
    expectInertMessage(error.message)
  })

  it('refuses a function or class region name with a line break instead of dropping it', () => {
    const region = { executed_lines: [2], missing_lines: [], excluded_lines: [] }
    const functions = { 'f\nFN:1,g': { ...region, summary: { covered_lines: 1 } } }
    expectInertMessage(
      parseRefusal(() => json({ meta, files: { 'a.py': { ...file, functions } } })).message
    )
    const classes = { 'C\u0085': { ...region, summary: { covered_lines: 1 } } }
    expectInertMessage(
      parseRefusal(() => json({ meta, files: { 'a.py': { ...file, classes } } })).message
    )
  })

  it('refuses a context name with a line break', () => {
    const contexts = { '1': ['test_a|run', 'test_b\n::error::pwned'] }
    const error = parseRefusal(() => json({ meta, files: { 'a.py': { ...file, contexts } } }))
    expectInertMessage(error.message)
  })
})
