/**
 * Attribute values of the current start tag as byte ranges: their length, a short escaped
 * excerpt for a message, a comparison with ASCII text. None decodes the whole value, so a
 * value longer than a JavaScript string may be is measured or refused instead of decoded.
 */
import { shownXmlText } from './xml-text.js'

interface AttributeRanges {
  readonly data: Uint8Array
  readonly attributeValueStart: Int32Array
  readonly attributeValueEnd: Int32Array
}

/** Bytes of attribute value `index`. */
export function attributeBytes(tag: AttributeRanges, index: number): number {
  return (tag.attributeValueEnd[index] as number) - (tag.attributeValueStart[index] as number)
}

/** Attribute value `index`, shortened and escaped for a message. */
export function attributeShown(tag: AttributeRanges, index: number, maxChars = 40): string {
  const start = tag.attributeValueStart[index] as number
  return shownXmlText(tag.data, start, tag.attributeValueEnd[index] as number, maxChars)
}

/** Whether attribute value `index` is the ASCII `text`, in any letter case. */
export function attributeIs(tag: AttributeRanges, index: number, text: string): boolean {
  const start = tag.attributeValueStart[index] as number
  if (attributeBytes(tag, index) !== text.length) return false
  for (let offset = 0; offset < text.length; offset++) {
    if (((tag.data[start + offset] as number) | 0x20) !== (text.charCodeAt(offset) | 0x20)) {
      return false
    }
  }
  return true
}
