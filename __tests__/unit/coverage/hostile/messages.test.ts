/**
 * Hostile inputs, class 7: messages are data. Text decoded from a report appears in a message
 * escaped (one line, no raw control character, never a `::command` at the start of a line), and
 * an encoding problem — UTF-16 or UTF-32 with or without a BOM, an XML declaration of another
 * encoding, bytes that are not UTF-8 — gets a message that says what the file is and what to do.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseCobertura } from '../../../../src/coverage/cobertura-reader.js'
import { parseCoveragePyJson } from '../../../../src/coverage/coveragepy-json.js'
import { detectFormat, parseReport } from '../../../../src/coverage/detect.js'
import { CoverageError } from '../../../../src/coverage/errors.js'
import { parseLcov } from '../../../../src/coverage/lcov-reader.js'
import { buildCli, type BuiltCli } from '../helpers/cli.js'
import { engineRefusal, expectInertMessage, parseRefusal, utf8 } from '../helpers/hostile.js'

let cli: BuiltCli
beforeAll(async () => (cli = await buildCli()), 30_000)
afterAll(() => cli.remove())

const SMUGGLED = '&#10;::error title=pwned::owned&#13;&#10;::set-output name=x::y'
const xml = (body: string, prolog = '<?xml version="1.0" ?>\n') =>
  `${prolog}<coverage line-rate="1" branch-rate="1" version="x" timestamp="0">\n` +
  `<sources><source>/w</source></sources>\n<packages><package name="p"><classes>\n${body}\n` +
  '</classes></package></packages>\n</coverage>\n'
const cobertura = (text: string | Uint8Array) =>
  parseCobertura(typeof text === 'string' ? utf8(text) : text, 'evil.xml')

describe('report text in messages is escaped', () => {
  it('escapes a smuggled line in an attribute that fails to parse (number=, hits=)', () => {
    const body = `<class name="a" filename="a.py"><lines><line number="1${SMUGGLED}" hits="1"/></lines></class>`
    const error = parseRefusal(() => cobertura(xml(body)))
    expect(error.line).toBe(5)
    expectInertMessage(error.message)
    expect(error.message).toContain('::error title=pwned')
  })

  it('escapes a smuggled line in condition-coverage', () => {
    const body = `<class name="a" filename="a.py"><lines><line number="1" hits="1" branch="true" condition-coverage="${SMUGGLED}"/></lines></class>`
    expectInertMessage(parseRefusal(() => cobertura(xml(body))).message)
  })

  it('escapes an unknown entity name holding a line break', () => {
    const body = '<class name="a" filename="a&\n::x;.py"><lines/></class>'
    expectInertMessage(parseRefusal(() => cobertura(xml(body))).message)
  })

  it('escapes C1 characters in element names of a mismatched end tag', () => {
    const text = '<coverage><packages>\u0085::error::x</packages\u0085::error::y></coverage>'
    expectInertMessage(parseRefusal(() => cobertura(text)).message)
    const open = '<coverage><a\u0085::error::x>'
    expectInertMessage(parseRefusal(() => cobertura(open)).message)
  })

  it('escapes a coverage.py JSON key shown in a message', () => {
    const text = '{"meta": {}, "files": {"a\\u0085::error::x": 5}}'
    expectInertMessage(parseRefusal(() => parseCoveragePyJson(utf8(text), 'evil.json')).message)
  })

  it('escapes the start of a file of unknown format', () => {
    const error = engineRefusal(() => detectFormat(utf8('\u0085::error::x\u2028::y'), 'x.txt'))
    expectInertMessage(error.message)
  })

  it('escapes a report file name holding a line break', () => {
    const error = parseRefusal(() => parseLcov(utf8('SF:/a.rs\nDA:0,1\n'), 'x\n::error::y.info'))
    expectInertMessage(error.message)
  })
})

describe('the CLI prints every message as one line of text', () => {
  it('never lets a report start a line of its output with ::', () => {
    const bad = join(cli.directory, 'bad.xml')
    const body = `<class name="a" filename="a.py"><lines><line number="1${SMUGGLED}" hits="1"/></lines></class>`
    writeFileSync(bad, xml(body))
    const result = cli.run(['merge', '-o', join(cli.directory, 'out'), bad])
    expect(result.code).toBe(1)
    expectInertMessage(result.stderr.trimEnd().replace(/\n/g, ' '))
    for (const line of result.stderr.split('\n')) expect(line).not.toMatch(/^\s*::/)
  })

  it('escapes a report file name that holds a line break, in errors and notes', () => {
    const name = join(cli.directory, 'x\n::error::y.info')
    writeFileSync(name, 'SF:/w/a.rs\nFNDA:1,nobody\nDA:1,1\nend_of_record\n')
    const result = cli.run(['merge', '-o', join(cli.directory, 'out2'), '--root', '/w', name])
    expect(result.code).toBe(0)
    for (const line of result.stderr.split('\n')) expect(line).not.toMatch(/^\s*::/)
    expect(result.stderr).toContain('note: ')
  })
})

describe('encoding problems get a readable message', () => {
  const utf16le = (text: string, bom: boolean) =>
    Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')])
  const utf16be = (text: string, bom: boolean) => {
    const little = utf16le(text, false)
    for (let index = 0; index < little.length; index += 2) {
      const low = little[index] as number
      little[index] = little[index + 1] as number
      little[index + 1] = low
    }
    return Buffer.concat([bom ? Buffer.from([0xfe, 0xff]) : Buffer.alloc(0), little])
  }
  const lcovText = 'SF:/w/a.rs\nDA:1,1\nend_of_record\n'

  it.each([
    ['UTF-16LE with a BOM', utf16le(lcovText, true)],
    ['UTF-16LE without a BOM', utf16le(lcovText, false)],
    ['UTF-16BE with a BOM', utf16be(xml(''), true)],
    ['UTF-16BE without a BOM', utf16be('{"meta": {}, "files": {}}', false)],
    ['UTF-32LE with a BOM', Buffer.from([0xff, 0xfe, 0, 0, 0x53, 0, 0, 0])]
  ])('%s: says it is UTF-16 or UTF-32, and how to convert', (_, data) => {
    const error = engineRefusal(() => parseReport(data, 'wide.report'))
    expect(error).toBeInstanceOf(CoverageError)
    expect(error.message).toMatch(/^wide\.report:1: .*UTF-(16|32).*UTF-8/)
    expectInertMessage(error.message)
  })

  it('says so when a reader is called directly on UTF-16', () => {
    expect(parseRefusal(() => parseLcov(utf16le(lcovText, true), 'w.info')).message).toMatch(
      /UTF-16/
    )
    expect(
      parseRefusal(() => parseCoveragePyJson(utf16le('{"files": {}}', false), 'w.json')).message
    ).toMatch(/UTF-16/)
  })
})

describe('encodings other than UTF-8 inside a report get a readable message', () => {
  it('refuses a declared non-UTF-8 encoding that the bytes use, naming it', () => {
    const prolog = '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
    const latin1 = Buffer.from(
      xml(
        '<class name="a" filename="caf\u00e9.py"><lines><line number="1" hits="1"/></lines></class>',
        prolog
      ),
      'latin1'
    )
    const error = parseRefusal(() => cobertura(latin1))
    expect(error.line).toBe(1)
    expect(error.message).toMatch(/ISO-8859-1.*UTF-8/)
  })

  it('accepts such a declaration on a document that is plain ASCII (the bytes are the same)', () => {
    const prolog = '<?xml version="1.0" encoding="windows-1252"?>\n'
    const text = xml(
      '<class name="a" filename="a.py"><lines><line number="1" hits="1"/></lines></class>',
      prolog
    )
    expect(cobertura(text).files.size).toBe(1)
  })

  it('refuses bytes that are not UTF-8 in a path or name, with the line', () => {
    const latin1Path = Buffer.from('TN:\nSF:/w/caf\u00e9.rs\nDA:1,1\nend_of_record\n', 'latin1')
    const lcovError = parseRefusal(() => parseLcov(latin1Path, 'l.info'))
    expect(lcovError.line).toBe(2)
    expect(lcovError.message).toMatch(/UTF-8/)
    const name = Buffer.from('SF:/w/a.rs\nFN:1,f\u00ff\nDA:1,1\nend_of_record\n', 'latin1')
    expect(parseRefusal(() => parseLcov(name, 'l.info')).line).toBe(2)
    const attribute = Buffer.from(
      xml('<class name="a" filename="caf\u00e9.py"><lines/></class>'),
      'latin1'
    )
    expect(parseRefusal(() => cobertura(attribute)).message).toMatch(/UTF-8/)
    const json = Buffer.from('{"meta": {},\n "files": {"caf\u00e9.py": {}}}', 'latin1')
    const jsonError = parseRefusal(() => parseCoveragePyJson(json, 'j.json'))
    expect(jsonError.line).toBe(2)
    expect(jsonError.message).toMatch(/UTF-8/)
  })
})
