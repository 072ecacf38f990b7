import { describe, expect, it } from '@jest/globals'
import { parseShowEnv, unquote } from '../../src/phases/show-env.js'

// Verbatim shape of `cargo llvm-cov show-env` 0.9.1 output (values with the unit
// separator \x1f are single-quoted).
const SHOW_ENV = [
  "LLVM_PROFILE_FILE='/work/demo/target/demo-%p-%2m.profraw'",
  '__CARGO_LLVM_COV_RUSTC_WRAPPER=1',
  "__CARGO_LLVM_COV_RUSTC_WRAPPER_RUSTFLAGS='-C\x1finstrument-coverage\x1f--cfg=coverage'",
  '__CARGO_LLVM_COV_RUSTC_WRAPPER_CRATE_NAMES=demo_core,demo_core_tests,_native',
  'RUSTC_WRAPPER=/root/.cargo/bin/cargo-llvm-cov',
  'CARGO_LLVM_COV=1',
  'CARGO_LLVM_COV_TARGET_DIR=/work/demo/target',
  ''
].join('\n')

describe('parseShowEnv', () => {
  it('reads every variable and removes the quoting', () => {
    const vars = parseShowEnv(SHOW_ENV)
    expect(vars.LLVM_PROFILE_FILE).toBe('/work/demo/target/demo-%p-%2m.profraw')
    expect(vars.__CARGO_LLVM_COV_RUSTC_WRAPPER_RUSTFLAGS).toBe(
      '-C\x1finstrument-coverage\x1f--cfg=coverage'
    )
    expect(vars.RUSTC_WRAPPER).toBe('/root/.cargo/bin/cargo-llvm-cov')
    expect(Object.keys(vars)).toHaveLength(7)
  })

  it('accepts the --sh form with export prefixes and CRLF', () => {
    expect(parseShowEnv("export A='x y'\r\nexport B=2\r\n")).toEqual({ A: 'x y', B: '2' })
  })

  it('refuses lines that are not assignments', () => {
    expect(() => parseShowEnv('warning: something\n')).toThrow(/unexpected line/)
  })
})

describe('unquote', () => {
  it('handles escaped single quotes, double quotes and concatenation', () => {
    expect(unquote("'it'\\''s'")).toBe("it's")
    expect(unquote('"a \\"b\\" $"')).toBe('a "b" $')
    expect(unquote("pre'mid'post")).toBe('premidpost')
  })
  it('refuses an unterminated quote', () => {
    expect(() => unquote("'open")).toThrow(/unterminated single quote/)
  })
})
