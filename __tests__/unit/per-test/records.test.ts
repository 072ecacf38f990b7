/**
 * What the test processes write down: the Rust test runner (the real script, run as cargo and
 * cargo nextest run it), the pytest plugin's lines, and the profiles named after a test.
 */
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { RUST_TEST_RUNNER } from '../../../src/assets.js'
import {
  readPytestRecords,
  readRustRuns,
  rustTestOf,
  taggedProfiles
} from '../../../src/per-test/records.js'

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'mc-records-'))
}

describe('the Rust test runner', () => {
  const dir = scratch()
  const runs = join(dir, 'runs')
  mkdirSync(runs)
  const env = {
    PATH: process.env.PATH,
    MIXED_COVERAGE_RUST_RUNS_DIR: runs,
    MIXED_COVERAGE_RUST_PROFILE_DIR: '/target',
    MIXED_COVERAGE_RUST_PROFILE_NAME: 'demo-%p-%2m.profraw'
  }
  // A stand-in test executable: prints the profile pattern it was given and its arguments.
  const executable = join(dir, 'demo_core-25c8bd995d8225d3')
  writeFileSync(executable, '#!/bin/sh\necho "$LLVM_PROFILE_FILE|$*"\n', { mode: 0o755 })

  it('gives each process its own profile, named after the record of what it ran', () => {
    const nextest = { ...env, NEXTEST_BINARY_ID: 'demo-core' }
    const args = [executable, '--exact', 'tests::fibonacci_of_ten', '--nocapture']
    const printed = execFileSync(RUST_TEST_RUNNER, args, { env: nextest, encoding: 'utf8' })
    const [run] = readRustRuns(runs)
    expect(run).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9]{8}$/),
      binaryId: 'demo-core',
      argv: args
    })
    expect(printed).toBe(
      `/target/mcrt-${run?.id}-demo-%p-%2m.profraw|--exact tests::fibonacci_of_ten --nocapture\n`
    )
    expect(rustTestOf(run!)).toEqual({
      id: 'demo-core tests::fibonacci_of_ten',
      kind: 'rust-test',
      executable
    })
  })

  it('chains to a runner set before, split on blanks as cargo splits it', () => {
    const chained = { ...env, MIXED_COVERAGE_NEXT_RUNNER: 'env MARK=chained' }
    const script = join(dir, 'mark')
    writeFileSync(script, '#!/bin/sh\necho "$MARK"\n', { mode: 0o755 })
    expect(execFileSync(RUST_TEST_RUNNER, [script], { env: chained, encoding: 'utf8' })).toBe(
      'chained\n'
    )
  })
})

describe('rustTestOf', () => {
  const run = (argv: string[], binaryId?: string) => ({ id: 'x', binaryId, argv })
  it('names a cargo test process after its executable: all its tests in one group', () => {
    expect(rustTestOf(run(['/t/debug/deps/demo_core-25c8bd995d8225d3']))).toEqual({
      id: 'demo_core',
      kind: 'rust-binary',
      executable: '/t/debug/deps/demo_core-25c8bd995d8225d3'
    })
    // Test-name filters without --exact still run any number of tests.
    expect(rustTestOf(run(['/t/integration-0123456789abcdef', 'parse']))?.id).toBe('integration')
  })
  it('skips a listing, which runs no test', () => {
    expect(rustTestOf(run(['/t/a-0123456789abcdef', '--list', '--format', 'terse']))).toBe(
      undefined
    )
  })
})

describe('readPytestRecords', () => {
  it('reads each test line and each unreadable profile, past a line cut off', () => {
    const dir = scratch()
    const lines = [
      { tag: '7-0', nodeid: 't.py::test_a', context: 't.test_a', profiles: { '/p': [[3, 5]] } },
      { unreadable: '/q', reason: 'not a raw profile of version 10 with 8-byte counters' },
      { tag: '7-1', nodeid: 't.py::test_b', context: null, profiles: {} }
    ].map((line) => JSON.stringify(line))
    writeFileSync(join(dir, 'pytest-7.jsonl'), `${lines.join('\n')}\n{"tag": "7-2", "no`)
    writeFileSync(join(dir, 'other.txt'), 'not a record')
    const records = readPytestRecords(dir)
    expect(records.unreadable).toEqual([
      { path: '/q', reason: 'not a raw profile of version 10 with 8-byte counters' }
    ])
    expect(records.tests).toEqual([
      {
        tag: '7-0',
        nodeid: 't.py::test_a',
        context: 't.test_a',
        profiles: new Map([['/p', [[3, 5]]]])
      },
      { tag: '7-1', nodeid: 't.py::test_b', context: null, profiles: new Map() }
    ])
  })
})

describe('taggedProfiles', () => {
  it('finds the profiles of a pytest test’s subprocesses and of each Rust test process', () => {
    const dir = scratch()
    const names = [
      'mct-4242-3-demo-4300-115737_0.profraw',
      'mct-4242-3-demo-4301-115737_1.profraw',
      'mcrt-Ab12Cd34-demo-4400-161756_0.profraw',
      'demo-4242-115737_0.profraw',
      'mct-4242-3-notes.txt'
    ]
    for (const name of names) writeFileSync(join(dir, name), '')
    const found = taggedProfiles(dir)
    expect(found.pytest).toEqual(
      new Map([['4242-3', [join(dir, names[0]!), join(dir, names[1]!)]]])
    )
    expect(found.rust).toEqual(new Map([['Ab12Cd34', [join(dir, names[2]!)]]]))
  })
})
