/**
 * examples/extension-module: one crate that is the extension and the Rust library, with pyo3's
 * extension-module feature (deprecated since pyo3 0.26, still in many projects) and a Rust test
 * that calls Python — a shape whose `cargo test` cannot link. Run as a new user would (working directory only), with
 * the real toolchain: the step fails naming the crate, the cause and the input to set, and the
 * Rust code reached from the Python tests is measured all the same; with the input the message
 * names, the step passes with the same lines.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runAction, type RunActionResult } from '../../scripts/runner.mjs'
import { lcovLines, toObject } from '../helpers/lcov-lines.js'
import { TMP, VENV, venvEnv } from '../helpers/toolchain.js'

const PROJECT = 'examples/extension-module'
const LIB = `${PROJECT}/src/lib.rs`
const TESTS = `${PROJECT}/tests/test_add.py`

/** lib.rs: add (4–6), add_from_python (10–12) and the module init (15–17), once each. */
const RUST_FROM_PYTHON = { 4: 1, 5: 1, 6: 1, 10: 1, 11: 1, 12: 1, 15: 1, 16: 1, 17: 1 }

function run(inputs: Record<string, string> = {}): Promise<RunActionResult> {
  return runAction({
    inputs: {
      'working-directory': PROJECT,
      'upload-artifact': 'false',
      'output-dir': mkdtempSync(join(TMP, 'extension-module-out-')),
      ...inputs
    },
    env: venvEnv()
  })
}

/** Whether the running interpreter exports each name (functions and data alike, through dlsym). */
function pythonExports(names: string[]): boolean[] {
  const check =
    'import ctypes, json, sys; print(json.dumps([hasattr(ctypes.pythonapi, n) for n in sys.argv[1:]]))'
  const out = execFileSync(join(VENV, 'bin', 'python'), ['-c', check, ...names], {
    encoding: 'utf8'
  })
  return JSON.parse(out) as boolean[]
}

function lines(result: RunActionResult, file: string): Record<number, number> {
  const lcov = readFileSync(result.outputs['lcov-path'] as string, 'utf8')
  return toObject(lcovLines(lcov).get(file))
}

let plain: RunActionResult
let advised: RunActionResult

beforeAll(async () => {
  plain = await run()
  advised = await run({ 'rust-test-command': '' })
}, 900_000)

describe('the default Rust test command on a crate built with extension-module', () => {
  it('fails the step with one message: the test build, the cause and the inputs that fix it', () => {
    expect(plain.exitCode).toBe(1)
    const errors = plain.stdout.split('\n').filter((line) => line.startsWith('::error'))
    expect(errors).toHaveLength(1)
    const error = errors[0] as string
    // rust-lld stops at its error limit (20), and which Python symbols come first follows
    // parallel code generation: the message names the first three in sorted order, and no count
    // when the linker stopped early (a linker that lists them all, e.g. GNU ld, gives one).
    const named =
      /^::error::The Rust tests failed \(exit code 101\): the test build of ext-module-demo \(lib test\) could not be linked: it calls Python, and the Python symbols \((\w+), (\w+), (\w+) and (?:\d+ )?more\) are undefined\. /.exec(
        error
      )
    expect(named).not.toBeNull()
    const symbols = (named as RegExpExecArray).slice(1)
    expect(symbols).toEqual([...symbols].sort())
    expect(pythonExports(symbols)).toEqual([true, true, true])
    expect(pythonExports(['Py_NotAnApiOfPython'])).toEqual([false])
    expect(error).toContain('With pyo3 0.26 or later, remove the feature')
    expect(error).toContain(
      "(rust-test-command: '' — every crate of the workspace is among them). The Python tests measure the crate's Rust code either way. Coverage was still measured and reported."
    )
    expect(plain.outputs['tests-passed']).toBe('false')
    expect(plain.summary).toContain(
      '<p>Rust tests: the test build of ext-module-demo &#40;lib test&#41; could not be linked&#58; it calls Python'
    )
  })

  it('still measures the Rust code the Python tests reach, line by line', () => {
    expect(lines(plain, LIB)).toEqual(RUST_FROM_PYTHON)
    expect(lines(plain, TESTS)).toEqual({ 1: 1, 4: 1, 5: 1 })
    expect(plain.outputs['rust-line-coverage']).toBe('100.00')
  })
})

describe('with the input the message names', () => {
  it('passes, with the same lines', () => {
    expect(advised.exitCode).toBe(0)
    expect(advised.outputs['tests-passed']).toBe('true')
    expect(lines(advised, LIB)).toEqual(RUST_FROM_PYTHON)
  })
})
