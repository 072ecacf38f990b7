import { AMPERSAND, GT, LT } from './xml-chars.js'

const OPEN_BRACKET = 0x5b
const PERCENT = 0x25
const DOUBLE_QUOTE = 0x22
const SINGLE_QUOTE = 0x27

/**
 * The end of `<!DOCTYPE name [SYSTEM "id" | PUBLIC "id" "id"]>` starting at `start`: the
 * position just after its `>`. An internal subset (`[`), markup or an entity inside is refused
 * through `fail`: that is where entity declarations would live, and none are ever expanded.
 */
export function doctypeEnd(
  data: Uint8Array,
  start: number,
  fail: (offset: number, message: string) => never
): number {
  let position = start + '<!DOCTYPE'.length
  for (;;) {
    const byte = data[position]
    if (byte === undefined) fail(start, 'expected > to close <!DOCTYPE')
    if (byte === OPEN_BRACKET) {
      fail(position, 'expected no internal DTD subset (entity declarations are refused)')
    }
    if (byte === GT) return position + 1
    if (byte === DOUBLE_QUOTE || byte === SINGLE_QUOTE) {
      const close = data.indexOf(byte, position + 1)
      if (close < 0) fail(position, 'expected the closing quote in <!DOCTYPE')
      position = close
    } else if (byte === LT || byte === AMPERSAND || byte === PERCENT) {
      fail(position, 'expected no markup or entity inside <!DOCTYPE')
    }
    position++
  }
}
