/**
 * What per-test: true changes in the instrumented environment, phase by phase.
 *
 * Every phase: the measured crates are built with LLVM's counter relocation
 * (`-runtime-counter-relocation`), added to the flags cargo-llvm-cov's wrapper gives them. The
 * code then finds its counters through a bias the profile runtime sets: 0 (its own counters,
 * written at exit as usual) unless the profile is opened in continuous mode.
 *
 * Rust tests: a target runner (runner/mc-rust-test-runner.sh) gives each test process a profile
 * of its own and writes down what the process ran.
 *
 * Python tests: continuous mode (`%c` in LLVM_PROFILE_FILE): the extension's counters live in
 * its mapped profile file, so the pytest plugin (python/hook/_mixed_coverage_per_test.py) can
 * read them at test boundaries; the start-up hook has pytest load it.
 */
import { basename, dirname, join } from 'node:path'
import { RUST_TEST_RUNNER } from '../assets.js'
import type { InstrumentedEnv } from '../phases/env.js'

export const WRAPPER_RUSTFLAGS = '__CARGO_LLVM_COV_RUSTC_WRAPPER_RUSTFLAGS'
export const COUNTER_RELOCATION = 'llvm-args=-runtime-counter-relocation'
/** cargo-llvm-cov separates the wrapper's flags as CARGO_ENCODED_RUSTFLAGS does. */
const FLAG_SEPARATOR = '\x1f'

/** Where the plugin writes one JSON line per test, per pytest process. */
export const PER_TEST_DIR_VARIABLE = 'MIXED_COVERAGE_PER_TEST_DIR'

/** The directories the per-test records of one run go to. */
export interface PerTestDirs {
  /** The pytest plugin's records (pytest-<pid>.jsonl). */
  pytest: string
  /** The Rust test runner's records (run.<id>). */
  rustRuns: string
}

export function perTestDirs(workDir: string): PerTestDirs {
  return {
    pytest: join(workDir, 'per-test', 'pytest'),
    rustRuns: join(workDir, 'per-test', 'rust')
  }
}

/**
 * The instrumented environment with counter relocation for the measured crates: through the
 * wrapper's flags (cargo-llvm-cov 0.7 and later), else through RUSTFLAGS, which instrument
 * every crate there (the option changes nothing in a crate that is not instrumented).
 */
export function withCounterRelocation(ienv: InstrumentedEnv): InstrumentedEnv {
  const env = { ...ienv.env }
  const wrapperFlags = env[WRAPPER_RUSTFLAGS]
  if (wrapperFlags !== undefined) {
    env[WRAPPER_RUSTFLAGS] = [wrapperFlags, '-C', COUNTER_RELOCATION]
      .filter(Boolean)
      .join(FLAG_SEPARATOR)
  } else {
    env.RUSTFLAGS = `${env.RUSTFLAGS ?? ''} -C ${COUNTER_RELOCATION}`.trim()
  }
  return { ...ienv, env }
}

/** `CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUNNER` for a target triple. */
export function runnerVariable(triple: string): string {
  return `CARGO_TARGET_${triple.toUpperCase().replace(/[-.]/g, '_')}_RUNNER`
}

/**
 * The Rust tests' environment: the runner for the target the tests build for, the profile
 * pattern it names each process's profile after, and any runner set before, which it chains to.
 */
export function rustTestsEnv(
  env: NodeJS.ProcessEnv,
  hostTriple: string,
  dirs: PerTestDirs
): NodeJS.ProcessEnv {
  const variable = runnerVariable(env.CARGO_BUILD_TARGET || hostTriple)
  const pattern = env.LLVM_PROFILE_FILE ?? ''
  return {
    ...env,
    [variable]: RUST_TEST_RUNNER,
    MIXED_COVERAGE_NEXT_RUNNER: env[variable] ?? '',
    MIXED_COVERAGE_RUST_RUNS_DIR: dirs.rustRuns,
    MIXED_COVERAGE_RUST_PROFILE_DIR: dirname(pattern),
    MIXED_COVERAGE_RUST_PROFILE_NAME: basename(pattern)
  }
}

/** `%c` (continuous mode) in a profile pattern, once. */
export function continuousPattern(pattern: string): string {
  if (/%c/.test(pattern)) return pattern
  return pattern.endsWith('.profraw')
    ? `${pattern.slice(0, -'.profraw'.length)}%c.profraw`
    : `${pattern}%c`
}

/**
 * The Python tests' environment: continuous-mode profiles, and where the pytest plugin writes.
 * The start-up hook asks pytest to load the plugin (sitecustomize.py), in the processes where
 * the hook runs and the plugin can be imported.
 */
export function pythonTestsEnv(env: NodeJS.ProcessEnv, dirs: PerTestDirs): NodeJS.ProcessEnv {
  const pattern = env.LLVM_PROFILE_FILE
  return {
    ...env,
    ...(pattern ? { LLVM_PROFILE_FILE: continuousPattern(pattern) } : {}),
    [PER_TEST_DIR_VARIABLE]: dirs.pytest
  }
}
