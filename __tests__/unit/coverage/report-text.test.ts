import { describe, expect, it } from '@jest/globals'
import { decodeStrictUtf8 } from '../../../src/coverage/report-text.js'
import { seededRandom } from './helpers/shards.js'

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

function reference(data: Uint8Array, start: number, end: number): string | undefined {
  try {
    return strict.decode(data.subarray(start, end))
  } catch {
    return undefined
  }
}

describe('decodeStrictUtf8', () => {
  it('gives what the strict decoder gives, ASCII or not, in views at any offset', () => {
    const random = seededRandom(3)
    const memory = new Uint8Array(4096)
    // Mostly ASCII (the fast path), some UTF-8 sequences and some invalid bytes.
    for (let index = 0; index < memory.length; index++) {
      const roll = random()
      memory[index] =
        roll < 0.9 ? Math.floor(random() * 0x80) : roll < 0.97 ? 0xc3 : Math.floor(random() * 256)
    }
    for (let round = 0; round < 2000; round++) {
      const offset = Math.floor(random() * 512)
      const data = memory.subarray(offset, offset + 1024 + Math.floor(random() * 1024))
      const start = Math.floor(random() * 600)
      const end = start + Math.floor(random() * 300)
      expect(decodeStrictUtf8(data, start, end)).toBe(reference(data, start, end))
    }
  })

  it('answers undefined for bytes whose buffer was handed to another thread', () => {
    const buffer = new ArrayBuffer(16)
    const data = new Uint8Array(buffer, 4, 8)
    data.set(new TextEncoder().encode('abcdefgh'))
    // A view over this buffer is now the one kept for decoding.
    expect(decodeStrictUtf8(data, 0, 4)).toBe('abcd')
    structuredClone(buffer, { transfer: [buffer] })
    expect(data.length).toBe(0)
    expect(decodeStrictUtf8(data, 0, 4)).toBeUndefined()
  })
})
