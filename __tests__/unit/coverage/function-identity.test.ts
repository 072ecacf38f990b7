import { describe, expect, it } from '@jest/globals'
import { isRustSymbol, lcovFunctionKey } from '../../../src/coverage/function-identity.js'

describe('function identity keys', () => {
  const key = lcovFunctionKey

  it('groups every instantiation of a Rust function by its start line', () => {
    // The same function in the lib and the test crate (different crate hashes).
    expect(key('_RNvCseKCbHOlR4XD_9demo_core5scale', 24)).toBe(
      key('_RNvCs5Obi4OqWDUO_9demo_core5scale', 24)
    )
    // Generic instances of one generic function.
    expect(key('_RINvNtCs1_4demo3div7div_arrKj4_EB4_', 9)).toBe(
      key('_RINvNtCs1_4demo3div7div_arrKj8_EB4_', 9)
    )
    // serde's derive expands many functions at one span: llvm-cov counts one.
    expect(key('_RNvXs0_NvXNvNtCs1_4demo1__Visitor9expecting', 8)).toBe(
      key('_RINvXNvXNvNtCs1_4demo1__Field9visit_strEB4_', 8)
    )
  })

  it('keeps a closure apart from its parent, and two closures of one line apart', () => {
    const parent = key('_RNvCs746dbCLxafh_9zero2prod4main', 6)
    const closure = key('_RNCNvCs746dbCLxafh_9zero2prod4main0B3_', 6)
    const otherBuild = key('_RNCNvCsbdCCTNydfJr_9zero2prod4main0B3_', 6)
    const secondClosure = key('_RNCNvCs746dbCLxafh_9zero2prod4mains_0B3_', 6)
    const nested = key('_RNCNCNvCs746dbCLxafh_9zero2prod4main00B5_', 6)
    expect(closure).not.toBe(parent)
    expect(closure).toBe(otherBuild)
    expect(new Set([parent, closure, secondClosure, nested]).size).toBe(4)
    // A generic closure: instances of its generic parent are one closure.
    expect(key('_RNCINvNtNtCsjI26GlMff0c_8big_bits5utils3div7div_arrKj4_E0B8_', 204)).toBe(
      key('_RNCINvNtNtCsjI26GlMff0c_8big_bits5utils3div7div_arrKj8_E0B8_', 204)
    )
  })

  it('reads legacy mangling, and keys everything else by name', () => {
    const legacy = '_ZN4demo5scale17h0123456789abcdefE'
    expect(isRustSymbol(legacy)).toBe(true)
    expect(key(legacy, 3)).toBe(key('_ZN4demo5scale17hfedcba9876543210E', 3))
    expect(key('_ZN4demo5scale28_$u7b$$u7b$closure$u7d$$u7d$17h0123456789abcdefE', 3)).not.toBe(
      key(legacy, 3)
    )
    expect(isRustSymbol('_ZN5boost6detail4initEv')).toBe(false)
    expect(key('_ZN5boost6detail4initEv', 3)).toBe('_ZN5boost6detail4initEv')
    expect(key('(anonymous_1)', 3)).toBe('(anonymous_1)')
    expect(key('main', 3)).not.toBe(key('other', 3))
  })
})
