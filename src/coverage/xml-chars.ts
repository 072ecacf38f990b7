/** Byte classes of the XML subset xml-scanner.ts reads. */

export const LT = 0x3c
export const GT = 0x3e
export const SLASH = 0x2f
export const QUESTION = 0x3f
export const BANG = 0x21
export const EQUALS = 0x3d
export const AMPERSAND = 0x26

export function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09
}

export function isNameByte(byte: number | undefined): boolean {
  return (
    byte !== undefined &&
    !isSpace(byte) &&
    byte !== SLASH &&
    byte !== GT &&
    byte !== LT &&
    byte !== EQUALS &&
    byte !== 0x22 &&
    byte !== 0x27
  )
}
