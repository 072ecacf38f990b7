/**
 * per-test: true on examples/pyo3-demo with the real toolchain (cargo-llvm-cov, LLVM 22,
 * cargo nextest, maturin, coverage.py, pytest), run as a runner runs it. Exact line sets per
 * test in tests.json, each checked against an independent measurement of the same test:
 *   - Python: coverage.py's own context report (`coverage json --show-contexts`) of the run;
 *   - Rust: each test run alone, in the same target directory, under the plain profile runtime
 *     (no continuous mode, no plugin), its profile exported with llvm-cov.
 * (A pull request: per-test-pr.test.ts.)
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { runAction, type RunActionResult } from '../../scripts/runner.mjs'
import { PYTHON_HOOK_DIR } from '../../src/assets.js'
import { lcovLines } from '../helpers/lcov-lines.js'
import { byTest, lines, range, type TestsJson } from '../helpers/tests-json.js'
import {
  CARGO_TARGET,
  EXAMPLE,
  LLVM_BIN,
  REPO_ROOT,
  venvEnv,
  workDirOf
} from '../helpers/toolchain.js'

const CORE = 'examples/pyo3-demo/core/src/lib.rs'
const EXT = 'examples/pyo3-demo/ext/src/lib.rs'
const PY_INIT = 'examples/pyo3-demo/python/pyo3_demo/__init__.py'
const PY_WORKER = 'examples/pyo3-demo/python/pyo3_demo/worker.py'
const CHECKSUM = 'tests/test_api.py::test_checksum_from_rust'
const DESCRIBE = 'tests/test_api.py::test_describe'
const WORKER = 'tests/test_worker.py::test_worker_scales_in_a_subprocess'
const FIBONACCI = 'demo-core tests::fibonacci_of_ten'

let result: RunActionResult
let document: TestsJson
let tests: Map<string, Record<string, number[]>>

beforeAll(async () => {
  execFileSync('cargo', ['nextest', '--version'], { stdio: 'ignore' }) // scripts/setup.sh
  result = await runAction({
    inputs: {
      'working-directory': 'examples/pyo3-demo',
      'upload-artifact': 'false',
      'per-test': 'true',
      'rust-test-command': 'cargo nextest run --workspace'
    },
    env: venvEnv()
  })
  if (result.exitCode !== 0) throw new Error(`action failed:\n${result.stdout.slice(-6000)}`)
  document = JSON.parse(
    readFileSync(join(REPO_ROOT, 'coverage', 'tests.json'), 'utf8')
  ) as TestsJson
  tests = byTest(document)
}, 900_000)

describe('tests.json of pyo3-demo', () => {
  it('lists every test with exactly the lines it ran, in both languages', () => {
    expect(document.tests.map((test) => [test.id, test.kind, test.context])).toEqual([
      [CHECKSUM, 'pytest', 'test_api.test_checksum_from_rust'],
      [DESCRIBE, 'pytest', 'test_api.test_describe'],
      [WORKER, 'pytest', 'test_worker.test_worker_scales_in_a_subprocess'],
      [FIBONACCI, 'rust-test', undefined]
    ])
    const checksum = { [CORE]: range(4, 10), [EXT]: range(7, 9) }
    expect(Object.fromEntries(tests)).toEqual({
      [CHECKSUM]: checksum,
      [DESCRIBE]: { ...checksum, [PY_INIT]: [10, 11, 13] },
      // All of it in the subprocess the test starts (and stops with SIGTERM): the worker's
      // import of the package, its Python and the Rust it reaches.
      [WORKER]: {
        [CORE]: range(24, 26),
        [EXT]: range(13, 16),
        [PY_INIT]: [3, 5, 8],
        [PY_WORKER]: [3, 4, 6, 9, ...range(11, 16), 19, 20]
      },
      [FIBONACCI]: { [CORE]: [...range(13, 21), ...range(39, 41)] }
    })
  })

  it('tells apart the Rust functions a Python test reaches from those it does not', () => {
    const checksum = tests.get(CHECKSUM) as Record<string, number[]>
    expect(checksum[EXT]).toEqual(expect.arrayContaining([7, 8, 9]))
    for (const line of [13, 14, 15, 16, 20]) expect(checksum[EXT]).not.toContain(line)
    for (const line of [13, 24, 25, 29]) expect(checksum[CORE]).not.toContain(line)
  })

  it('gives a line two tests share to both, and shows a test that covers nothing new', () => {
    const holders = [...tests].filter(([, files]) => files[CORE]?.includes(7)).map(([id]) => id)
    expect(holders).toEqual([CHECKSUM, DESCRIBE])
    // Every line test_checksum_from_rust runs, another test runs too.
    const others = [...tests].filter(([id]) => id !== CHECKSUM)
    for (const [file, ran] of Object.entries(tests.get(CHECKSUM) as object)) {
      for (const line of ran as number[]) {
        expect([file, line, others.some(([, files]) => files[file]?.includes(line))]).toEqual([
          file,
          line,
          true
        ])
      }
    }
  })

  it('keeps the coverable and covered lines of the merged report beside the tests', () => {
    const at = (path: string) => document.files.indexOf(path)
    expect(lines(document.coverable[at(EXT)])).toEqual([
      ...range(7, 9),
      ...range(13, 16),
      ...range(20, 23)
    ])
    expect(lines(document.covered[at(EXT)])).toEqual([...range(7, 9), ...range(13, 16)])
    expect(document.commit).toBe(
      execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim()
    )
  })

  it('measures the whole run as without per-test', () => {
    expect(result.outputs).toMatchObject({
      'line-coverage': '79.66',
      'rust-line-coverage': '78.38',
      'python-line-coverage': '81.82',
      'lines-found': '59',
      'lines-hit': '47'
    })
    const merged = lcovLines(readFileSync(result.outputs['lcov-path'] as string, 'utf8'))
    expect(Object.fromEntries(merged.get(CORE) ?? [])).toMatchObject({ 6: 4, 15: 10, 25: 3, 29: 0 })
    expect(Object.fromEntries(merged.get(EXT) ?? [])).toMatchObject({ 7: 2, 13: 1, 20: 0 })
  })
})

describe('each test against an independent measurement', () => {
  it("gives each test's Python lines as coverage.py's own context report of the run", () => {
    const dataFile = join(workDirOf(result), 'python', '.coverage')
    const json = execFileSync(
      join(venvEnv().VIRTUAL_ENV as string, 'bin', 'python'),
      ['-m', 'coverage', 'json', '--show-contexts', '--data-file', dataFile, '-o', '-'],
      { cwd: EXAMPLE, encoding: 'utf8' }
    )
    const report = JSON.parse(json) as {
      files: Record<
        string,
        { executed_lines: number[]; missing_lines: number[]; contexts: Record<string, string[]> }
      >
    }
    const expected = new Map<string, Record<string, number[]>>()
    for (const [name, file] of Object.entries(report.files)) {
      const coverable = new Set([...file.executed_lines, ...file.missing_lines])
      for (const [line, labels] of Object.entries(file.contexts)) {
        for (const label of labels.filter((label) => label !== '')) {
          const files = expected.get(label) ?? {}
          const path = `examples/pyo3-demo/${name}`
          if (coverable.has(Number(line))) files[path] = [...(files[path] ?? []), Number(line)]
          expected.set(label, files)
        }
      }
    }
    const python = new Map(
      document.tests
        .filter((test) => test.context)
        .map((test) => {
          const files = Object.entries(tests.get(test.id) ?? {}).filter(([path]) =>
            path.endsWith('.py')
          )
          return [test.context as string, Object.fromEntries(files)]
        })
    )
    for (const files of expected.values())
      for (const ran of Object.values(files)) ran.sort((a, b) => a - b)
    // test_checksum_from_rust runs no measured Python line: coverage.py has no label for it.
    expect(python.get('test_api.test_checksum_from_rust')).toEqual({})
    python.delete('test_api.test_checksum_from_rust')
    expect(python).toEqual(expected)
  })

  it("gives each test's Rust lines as running that test alone does", () => {
    const ranAlone = rustLinesOfPytestAlone
    // Importing the extension runs only its #[pymodule], which LCOV_EXCL markers leave out:
    // nothing to take away from a test run alone, but taken away all the same.
    const collectOnly = ranAlone(['--collect-only'])
    expect(collectOnly).toEqual(new Map())
    for (const id of [CHECKSUM, DESCRIBE, WORKER]) {
      const alone = ranAlone([id])
      const expected: Record<string, number[]> = {}
      for (const file of [CORE, EXT]) {
        const ran = (alone.get(file) ?? []).filter(
          (line) => !(collectOnly.get(file) ?? []).includes(line)
        )
        if (ran.length) expected[file] = ran
      }
      const measured = Object.fromEntries(
        Object.entries(tests.get(id) ?? {}).filter(([path]) => path.endsWith('.rs'))
      )
      expect([id, measured]).toEqual([id, expected])
    }
    // The shared target dir may hold older builds of the crate (other features, toolchains):
    // the newest test binary is the one this run built.
    const deps = join(CARGO_TARGET, 'debug', 'deps')
    const binary = readdirSync(deps)
      .filter((name) => /^demo_core-[0-9a-f]{16}$/.test(name))
      .map((name) => ({ name, time: statSync(join(deps, name)).mtimeMs }))
      .sort((a, b) => b.time - a.time)[0]?.name as string
    const test = rustLinesAlone(join(deps, binary), ['--exact', 'tests::fibonacci_of_ten'])
    expect(tests.get(FIBONACCI)).toEqual({ [CORE]: test.get(CORE) })
  })
})

/** Coverable lines of a file in tests.json, to compare like with like (exclusions applied). */
function coverable(path: string): Set<number> {
  return new Set(lines(document.coverable[document.files.indexOf(path)]))
}

/** Rust lines (count > 0, coverable) of a profile written by `run`, exported for `object`. */
function exportedLines(dir: string, object: string): Map<string, number[]> {
  const profiles = readdirSync(dir)
    .filter((name) => name.endsWith('.profraw'))
    .map((name) => join(dir, name))
  const profdata = join(dir, 'merged.profdata')
  execFileSync(`${LLVM_BIN}/llvm-profdata`, ['merge', '-sparse', '-o', profdata, ...profiles])
  const lcov = execFileSync(
    `${LLVM_BIN}/llvm-cov`,
    ['export', '-format=lcov', `-instr-profile=${profdata}`, object],
    {
      encoding: 'utf8',
      maxBuffer: 64 << 20
    }
  )
  const found = new Map<string, number[]>()
  for (const [path, hits] of lcovLines(lcov)) {
    const file = relative(REPO_ROOT, path)
    const ran = [...hits]
      .filter(([line, count]) => count > 0 && coverable(file).has(line))
      .map(([line]) => line)
    if (ran.length)
      found.set(
        file,
        ran.sort((a, b) => a - b)
      )
  }
  rmSync(dir, { recursive: true, force: true })
  return found
}

/** pytest on the example, alone, as the plain pipeline runs it: profiles written at exit. */
function rustLinesOfPytestAlone(args: string[]): Map<string, number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mc-alone-'))
  const env = {
    ...process.env,
    ...venvEnv(),
    PYTHONPATH: PYTHON_HOOK_DIR, // SIGTERM stops the worker with its exit handlers (a profile)
    MIXED_COVERAGE_SIGTERM: '1',
    LLVM_PROFILE_FILE: join(dir, 'alone-%p-%m.profraw')
  }
  const python = join(venvEnv().VIRTUAL_ENV as string, 'bin', 'python')
  const run = spawnSync(python, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', ...args], {
    cwd: EXAMPLE,
    env,
    encoding: 'utf8'
  })
  if (run.status !== 0) throw new Error(`pytest ${args.join(' ')}: ${run.stdout}${run.stderr}`)
  return exportedLines(dir, join(CARGO_TARGET, 'debug', 'lib_native.so'))
}

function rustLinesAlone(executable: string, args: string[]): Map<string, number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mc-alone-'))
  const env = { ...process.env, LLVM_PROFILE_FILE: join(dir, 'alone-%p-%m.profraw') }
  execFileSync(executable, args, { cwd: join(EXAMPLE, 'core'), env, stdio: 'ignore' })
  return exportedLines(dir, executable)
}
