import { lineNumberAt } from './bytes.js'
import { checkEncoding, checkXmlDeclaration, notUtf8Error } from './encoding.js'
import { ReportParseError } from './errors.js'
import { MAX_XML_DEPTH } from './limits.js'
import { decodeStrictUtf8 } from './report-text.js'
import { doctypeEnd } from './xml-doctype.js'
import { decodeXmlText, shownXmlText } from './xml-text.js'
import { BANG, EQUALS, GT, isNameByte, isSpace, LT, QUESTION, SLASH } from './xml-chars.js'

export const XML_EOF = 0
export const XML_START = 1
export const XML_END = 2
export const XML_TEXT = 3

const MAX_ATTRIBUTES = 64

/**
 * A small pull scanner for the XML subset coverage reports use: elements, attributes, text,
 * comments, processing instructions, CDATA and a DOCTYPE that only names an external DTD
 * (`<!DOCTYPE coverage SYSTEM "…coverage-04.dtd">`, never fetched).
 *
 * It is safe on hostile input by construction: an internal DTD subset, `<!ENTITY …>` and any
 * entity other than the five predefined ones and numeric character references are refused,
 * so nothing ever expands (no billion laughs, no external entities); every construct is
 * scanned once, so time is linear and memory bounded by the depth cap. Text and attribute
 * values stay byte ranges until a reader asks for them, so a text node or value longer than a
 * JavaScript string may be is skipped (or refused by length) instead of crashing the decoder.
 */
export class XmlScanner {
  private position = 0
  private readonly openNames: number[] = []
  private rootSeen = false
  private pendingEnd = false
  /** Name of the current START or END element, as a byte range. */
  nameStart = 0
  nameEnd = 0
  selfClosing = false
  attributeCount = 0
  readonly attributeNameStart = new Int32Array(MAX_ATTRIBUTES)
  readonly attributeNameEnd = new Int32Array(MAX_ATTRIBUTES)
  readonly attributeValueStart = new Int32Array(MAX_ATTRIBUTES)
  readonly attributeValueEnd = new Int32Array(MAX_ATTRIBUTES)
  /** Byte range of the current TEXT token (character data or the inside of a CDATA section). */
  textStart = 0
  textEnd = 0
  private textIsCdata = false

  constructor(
    readonly data: Uint8Array,
    readonly source: string
  ) {
    checkEncoding(data, source)
    if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) this.position = 3
    checkXmlDeclaration(data, this.position, source)
  }

  /** Decoded text of the current TEXT token (decoded on demand: most text is never needed). */
  get text(): string {
    if (!this.textIsCdata) return decodeXmlText(this, this.textStart, this.textEnd)
    const text = decodeStrictUtf8(this.data, this.textStart, this.textEnd)
    if (text === undefined) {
      throw notUtf8Error(this.data, this.textStart, this.textEnd, this.source, 'CDATA')
    }
    return text
  }

  get depth(): number {
    return this.openNames.length / 2
  }

  /** The next token: XML_START, XML_END, XML_TEXT or XML_EOF. */
  next(): number {
    if (this.pendingEnd) {
      this.pendingEnd = false
      this.popElement()
      return XML_END
    }
    const data = this.data
    for (;;) {
      if (this.position >= data.length) return this.endOfInput()
      if (data[this.position] !== LT) {
        if (this.readText()) return XML_TEXT
        continue
      }
      const second = data[this.position + 1]
      if (second === SLASH) return this.readEndTag()
      if (second === QUESTION) this.skipPast('?>', 'end of processing instruction ?>')
      else if (second === BANG) {
        if (this.readDeclaration()) return XML_TEXT
      } else return this.readStartTag()
    }
  }

  /** Compares the current element name with ASCII `name`. */
  nameIs(name: string): boolean {
    return this.rangeIs(this.nameStart, this.nameEnd, name)
  }

  /** Index of attribute `name` on the current start tag, or -1. */
  attribute(name: string): number {
    for (let index = 0; index < this.attributeCount; index++) {
      if (
        this.rangeIs(
          this.attributeNameStart[index] as number,
          this.attributeNameEnd[index] as number,
          name
        )
      ) {
        return index
      }
    }
    return -1
  }

  attributeText(index: number): string {
    const start = this.attributeValueStart[index] as number
    return decodeXmlText(this, start, this.attributeValueEnd[index] as number)
  }

  fail(offset: number, message: string): never {
    throw new ReportParseError(this.source, lineNumberAt(this.data, offset), message)
  }

  private rangeIs(start: number, end: number, name: string): boolean {
    if (end - start !== name.length) return false
    for (let index = 0; index < name.length; index++) {
      if (this.data[start + index] !== name.charCodeAt(index)) return false
    }
    return true
  }

  private endOfInput(): number {
    if (this.openNames.length > 0) {
      const start = this.openNames[this.openNames.length - 2] as number
      const end = this.openNames[this.openNames.length - 1] as number
      const name = shownXmlText(this.data, start, end, 60)
      this.fail(this.data.length, `expected </${name}> before the end of the file`)
    }
    if (!this.rootSeen) this.fail(this.data.length, 'expected a root element')
    return XML_EOF
  }

  /** Text up to the next `<`; outside the root only blanks are allowed. */
  private readText(): boolean {
    const data = this.data
    const start = this.position
    let end = data.indexOf(LT, start)
    if (end < 0) end = data.length
    this.position = end
    let blank = true
    for (let index = start; index < end; index++) {
      if (!isSpace(data[index])) {
        blank = false
        break
      }
    }
    if (blank) return false
    if (this.openNames.length === 0)
      this.fail(start, 'expected only markup outside the root element')
    this.textStart = start
    this.textEnd = end
    this.textIsCdata = false
    return true
  }

  private readStartTag(): number {
    const data = this.data
    const tagStart = this.position
    if (this.openNames.length === 0 && this.rootSeen)
      this.fail(tagStart, 'expected a single root element')
    let position = tagStart + 1
    const nameStart = position
    while (isNameByte(data[position])) position++
    if (position === nameStart) this.fail(tagStart, 'expected an element name after <')
    this.nameStart = nameStart
    this.nameEnd = position
    this.attributeCount = 0
    for (;;) {
      const hadSpace = isSpace(data[position])
      while (isSpace(data[position])) position++
      const byte = data[position]
      if (byte === GT || (byte === SLASH && data[position + 1] === GT)) {
        this.selfClosing = byte === SLASH
        this.position = position + (byte === SLASH ? 2 : 1)
        break
      }
      if (byte === undefined) this.fail(tagStart, 'expected > to close the start tag')
      if (!hadSpace) this.fail(position, 'expected a blank before the attribute')
      position = this.readAttribute(position)
    }
    if (this.openNames.length / 2 >= MAX_XML_DEPTH)
      this.fail(tagStart, `expected at most ${MAX_XML_DEPTH} nested elements`)
    this.openNames.push(this.nameStart, this.nameEnd)
    this.rootSeen = true
    this.pendingEnd = this.selfClosing
    return XML_START
  }

  private readAttribute(start: number): number {
    const data = this.data
    if (this.attributeCount === MAX_ATTRIBUTES)
      this.fail(start, `expected at most ${MAX_ATTRIBUTES} attributes`)
    let position = start
    while (isNameByte(data[position])) position++
    if (position === start) this.fail(start, 'expected an attribute name')
    const nameEnd = position
    while (isSpace(data[position])) position++
    if (data[position] !== EQUALS) this.fail(position, 'expected = after the attribute name')
    position++
    while (isSpace(data[position])) position++
    const quote = data[position]
    if (quote !== 0x22 && quote !== 0x27) this.fail(position, 'expected a quoted attribute value')
    const valueStart = position + 1
    position = valueStart
    for (;;) {
      const byte = data[position]
      if (byte === quote) break
      if (byte === undefined) this.fail(start, 'expected the closing quote of the attribute value')
      if (byte === LT) this.fail(position, 'expected no < inside an attribute value')
      position++
    }
    const index = this.attributeCount++
    this.attributeNameStart[index] = start
    this.attributeNameEnd[index] = nameEnd
    this.attributeValueStart[index] = valueStart
    this.attributeValueEnd[index] = position
    return position + 1
  }

  private readEndTag(): number {
    const data = this.data
    const tagStart = this.position
    let position = tagStart + 2
    const nameStart = position
    while (isNameByte(data[position])) position++
    const nameEnd = position
    while (isSpace(data[position])) position++
    if (data[position] !== GT) this.fail(position, 'expected > to close the end tag')
    this.position = position + 1
    const count = this.openNames.length
    if (count === 0) this.fail(tagStart, 'expected no end tag outside the root element')
    const openStart = this.openNames[count - 2] as number
    const openEnd = this.openNames[count - 1] as number
    let same = nameEnd - nameStart === openEnd - openStart
    for (let index = 0; same && index < nameEnd - nameStart; index++) {
      same = data[nameStart + index] === data[openStart + index]
    }
    if (!same) {
      this.fail(tagStart, `expected </${shownXmlText(data, openStart, openEnd, 60)}>`)
    }
    this.nameStart = nameStart
    this.nameEnd = nameEnd
    this.popElement()
    return XML_END
  }

  private popElement(): void {
    this.openNames.length -= 2
  }

  /** `<!--`, `<![CDATA[` (returns true: it is text) or the one allowed `<!DOCTYPE`. */
  private readDeclaration(): boolean {
    const start = this.position
    if (this.startsWith(start, '<!--')) {
      this.skipPast('-->', 'end of comment -->')
      return false
    }
    if (this.startsWith(start, '<![CDATA[')) {
      if (this.openNames.length === 0) this.fail(start, 'expected CDATA only inside an element')
      const end = this.skipPast(']]>', 'end of CDATA ]]>')
      this.textStart = start + 9
      this.textEnd = end
      this.textIsCdata = true
      return true
    }
    if (this.startsWith(start, '<!DOCTYPE') && !this.rootSeen) {
      this.position = doctypeEnd(this.data, start, (offset, message) => this.fail(offset, message))
      return false
    }
    return this.fail(start, 'expected no <!DOCTYPE or <!ENTITY declaration here')
  }

  private startsWith(start: number, text: string): boolean {
    return this.rangeIs(start, start + text.length, text)
  }

  /** Moves past `terminator`; returns where it starts. */
  private skipPast(terminator: string, expected: string): number {
    const bytes = new TextEncoder().encode(terminator)
    let index = this.data.indexOf(bytes[0] as number, this.position + 2)
    while (index >= 0 && !this.startsWith(index, terminator)) {
      index = this.data.indexOf(bytes[0] as number, index + 1)
    }
    if (index < 0) this.fail(this.position, `expected ${expected}`)
    this.position = index + terminator.length
    return index
  }
}
