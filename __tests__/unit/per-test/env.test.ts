/** What per-test: true changes in the environment of each phase (per-test/env.ts). */
import { describe, expect, it } from '@jest/globals'
import { RUST_TEST_RUNNER } from '../../../src/assets.js'
import {
  continuousPattern,
  pythonTestsEnv,
  runnerVariable,
  rustTestsEnv,
  withCounterRelocation
} from '../../../src/per-test/env.js'

const DIRS = { pytest: '/run/per-test/pytest', rustRuns: '/run/per-test/rust' }

describe('withCounterRelocation', () => {
  it('adds the option to the flags cargo-llvm-cov’s wrapper gives the measured crates', () => {
    const ienv = {
      env: {
        __CARGO_LLVM_COV_RUSTC_WRAPPER_RUSTFLAGS: '-C\x1finstrument-coverage\x1f--cfg=coverage'
      },
      targetDir: '/t',
      variables: {}
    }
    expect(withCounterRelocation(ienv).env.__CARGO_LLVM_COV_RUSTC_WRAPPER_RUSTFLAGS).toBe(
      '-C\x1finstrument-coverage\x1f--cfg=coverage\x1f-C\x1fllvm-args=-runtime-counter-relocation'
    )
    expect(withCounterRelocation(ienv).env.RUSTFLAGS).toBeUndefined()
    // The environment given is left as it was.
    expect(ienv.env.__CARGO_LLVM_COV_RUSTC_WRAPPER_RUSTFLAGS).toBe(
      '-C\x1finstrument-coverage\x1f--cfg=coverage'
    )
  })
  it('uses RUSTFLAGS where cargo-llvm-cov instruments through them (before 0.7)', () => {
    const ienv = { env: { RUSTFLAGS: '-C instrument-coverage' }, targetDir: '/t', variables: {} }
    expect(withCounterRelocation(ienv).env.RUSTFLAGS).toBe(
      '-C instrument-coverage -C llvm-args=-runtime-counter-relocation'
    )
  })
})

describe('rustTestsEnv', () => {
  it('sets the runner of the host target, and chains to one set before', () => {
    const env = {
      LLVM_PROFILE_FILE: '/t/demo-%p-%2m.profraw',
      CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUNNER: 'valgrind -q'
    }
    expect(rustTestsEnv(env, 'x86_64-unknown-linux-gnu', DIRS)).toEqual({
      ...env,
      CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUNNER: RUST_TEST_RUNNER,
      MIXED_COVERAGE_NEXT_RUNNER: 'valgrind -q',
      MIXED_COVERAGE_RUST_RUNS_DIR: '/run/per-test/rust',
      MIXED_COVERAGE_RUST_PROFILE_DIR: '/t',
      MIXED_COVERAGE_RUST_PROFILE_NAME: 'demo-%p-%2m.profraw'
    })
  })
  it('takes the target the tests build for when CARGO_BUILD_TARGET says', () => {
    const env = rustTestsEnv(
      { CARGO_BUILD_TARGET: 'aarch64-apple-darwin' },
      'x86_64-unknown-linux-gnu',
      DIRS
    )
    expect(env[runnerVariable('aarch64-apple-darwin')]).toBe(RUST_TEST_RUNNER)
    expect(runnerVariable('thumbv7em-none-eabihf')).toBe(
      'CARGO_TARGET_THUMBV7EM_NONE_EABIHF_RUNNER'
    )
  })
})

describe('pythonTestsEnv', () => {
  it('opens the profiles in continuous mode and says where the pytest plugin writes', () => {
    const env = pythonTestsEnv(
      { LLVM_PROFILE_FILE: '/t/demo-%p-%2m.profraw', PYTEST_ADDOPTS: '-x --no-cov' },
      DIRS
    )
    expect(env).toEqual({
      LLVM_PROFILE_FILE: '/t/demo-%p-%2m%c.profraw',
      PYTEST_ADDOPTS: '-x --no-cov',
      MIXED_COVERAGE_PER_TEST_DIR: '/run/per-test/pytest'
    })
  })
  it('adds %c once', () => {
    expect(continuousPattern('/t/a-%p%c.profraw')).toBe('/t/a-%p%c.profraw')
    expect(continuousPattern('/t/default')).toBe('/t/default%c')
  })
})
