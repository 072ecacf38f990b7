import { describe, expect, it } from '@jest/globals'
import { candidatePairs, parseRustcVersion } from '../../src/install/llvm-tools.js'

const RUSTC_VV = `rustc 1.95.0 (59807616e 2026-04-14)
binary: rustc
commit-hash: 59807616e1fa2540724bfbac14d7976d7e4a3860
commit-date: 2026-04-14
host: x86_64-unknown-linux-gnu
release: 1.95.0
LLVM version: 22.1.2
`

describe('parseRustcVersion', () => {
  it('reads host, release and the LLVM major version', () => {
    expect(parseRustcVersion(RUSTC_VV)).toEqual({
      host: 'x86_64-unknown-linux-gnu',
      release: '1.95.0',
      llvmMajor: 22
    })
  })
  it('refuses output without an LLVM version', () => {
    expect(() => parseRustcVersion('rustc 1.0\n')).toThrow(/unexpected 'rustc -vV' output/)
  })
})

describe('candidatePairs', () => {
  const rustc = parseRustcVersion(RUSTC_VV)
  it('tries LLVM_COV/LLVM_PROFDATA first, then rustup, then a system LLVM of the same major', () => {
    const origins = candidatePairs(rustc, '/rust/sysroot', {
      LLVM_COV: '/x/llvm-cov',
      LLVM_PROFDATA: '/x/llvm-profdata'
    }).map((c) => c.llvmCov)
    expect(origins.slice(0, 3)).toEqual([
      '/x/llvm-cov',
      '/rust/sysroot/lib/rustlib/x86_64-unknown-linux-gnu/bin/llvm-cov',
      '/usr/lib/llvm-22/bin/llvm-cov'
    ])
    expect(origins).toContain('llvm-cov-22')
  })
  it('skips LLVM_COV when LLVM_PROFDATA is not set with it', () => {
    const first = candidatePairs(rustc, undefined, { LLVM_COV: '/x/llvm-cov' })[0]
    expect(first?.llvmCov).toBe('/usr/lib/llvm-22/bin/llvm-cov')
  })
})
