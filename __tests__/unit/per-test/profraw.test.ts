/**
 * Raw profiles written by rustc 1.95's profile runtime (LLVM 22, raw version 10): the
 * extension's profile in continuous mode after `checksum(b"abc")` (the pyo3-demo extension),
 * and a `cargo test` process of demo-core. Layouts are checked against the file sizes the
 * runtime wrote; counters against `llvm-profdata show --counts` of the same files.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  nonZeroCounters,
  profileWithCounters,
  ProfrawError,
  readLayout
} from '../../../src/per-test/profraw.js'

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'per-test')
const extension = readFileSync(join(FIXTURES, 'extension-continuous.profraw'))
const rustTest = readFileSync(join(FIXTURES, 'rust-test.profraw'))

describe('readLayout', () => {
  it('finds the counters after the header, the binary id and 8 data records of 64 bytes', () => {
    expect(readLayout(extension)).toEqual({
      version: 10,
      binaryId: '1f8541f6beed5c6fb2ab7f6684e4b55e06f7da49',
      countersOffset: 128 + 32 + 8 * 64,
      counterCount: 15,
      bitmapOffset: 672 + 15 * 8,
      bitmapBytes: 0
    })
    // Then the names (239 bytes) padded to 8: the whole file.
    expect(extension.length).toBe(672 + 15 * 8 + 239 + 1)
  })

  it('reads a test executable’s profile the same way', () => {
    expect(readLayout(rustTest)).toMatchObject({
      binaryId: 'b6c560289404acd769e7f3273038a06e054da8c2',
      countersOffset: 128 + 32 + 2 * 64,
      counterCount: 4
    })
  })

  it('refuses other files and layouts, saying which', () => {
    const other = Buffer.from(extension)
    other.writeBigUInt64LE(9n, 8)
    expect(() => readLayout(other)).toThrow(/raw profile version 9; version 10 is read/)
    other.writeBigUInt64LE(10n | (1n << 60n), 8)
    expect(() => readLayout(other)).toThrow(/single-byte counters/)
    expect(() => readLayout(Buffer.alloc(200))).toThrow(/not an LLVM raw profile/)
    expect(() => readLayout(extension.subarray(0, 100))).toThrow(ProfrawError)
  })
})

describe('counters', () => {
  it('lists the non-zero counters: the module init, checksum and its loop', () => {
    expect(nonZeroCounters(extension, readLayout(extension))).toEqual([
      [2, 1],
      [9, 1],
      [10, 1],
      [12, 1],
      [13, 4]
    ])
    expect(nonZeroCounters(rustTest, readLayout(rustTest))).toEqual([
      [0, 1],
      [1, 11],
      [2, 1],
      [3, 1]
    ])
  })

  it('makes a profile of the same build with only the given counters', () => {
    const layout = readLayout(extension)
    const made = profileWithCounters(extension, layout, [
      [9, 1],
      [13, 3]
    ])
    expect(made.length).toBe(extension.length)
    expect(readLayout(made)).toEqual(layout)
    expect(nonZeroCounters(made, layout)).toEqual([
      [9, 1],
      [13, 3]
    ])
    // Everything but the counters is the template's: the data records, the names.
    expect(made.subarray(0, layout.countersOffset)).toEqual(
      extension.subarray(0, layout.countersOffset)
    )
    expect(made.subarray(layout.bitmapOffset)).toEqual(extension.subarray(layout.bitmapOffset))
    expect(() => profileWithCounters(extension, layout, [[15, 1]])).toThrow(
      /counter 15 is outside the 15 counters/
    )
  })

  it('refuses a cut-off profile', () => {
    const cut = extension.subarray(0, 700)
    expect(() => nonZeroCounters(cut, readLayout(cut))).toThrow(/cut off: 700 of 792 bytes/)
  })
})
