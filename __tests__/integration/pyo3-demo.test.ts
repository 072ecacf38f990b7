/**
 * The bundled action on examples/pyo3-demo with the real toolchain (cargo-llvm-cov, LLVM 22,
 * maturin, coverage.py), run as a runner runs it. Exact per-line results, checked against
 * what the independent tools report from the same run.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runAction, type RunActionResult } from '../../scripts/runner.mjs'
import { indexTotals, type ShownTotals } from '../helpers/html-totals.js'
import { excludedByMarkers, lcovLines, toObject, type LineHits } from '../helpers/lcov-lines.js'
import {
  CARGO_TARGET,
  EXAMPLE,
  LLVM_BIN,
  REPO_ROOT,
  machinePython,
  systemPythonEnv,
  venvEnv,
  workDirOf
} from '../helpers/toolchain.js'

const CORE = 'examples/pyo3-demo/core/src/lib.rs'
const EXT = 'examples/pyo3-demo/ext/src/lib.rs'
const PY_INIT = 'examples/pyo3-demo/python/pyo3_demo/__init__.py'
const PY_WORKER = 'examples/pyo3-demo/python/pyo3_demo/worker.py'
const PY_UNUSED = 'examples/pyo3-demo/python/pyo3_demo/unused.py'

async function runOnExample(env: Record<string, string | undefined>): Promise<RunActionResult> {
  const result = await runAction({
    inputs: { 'working-directory': 'examples/pyo3-demo', 'upload-artifact': 'false' },
    env
  })
  if (result.exitCode !== 0)
    throw new Error(`action failed (${result.exitCode}):\n${result.stdout.slice(-6000)}`)
  return result
}

function mergedLines(result: RunActionResult): Map<string, LineHits> {
  return lcovLines(readFileSync(result.outputs['lcov-path'] as string, 'utf8'))
}

let result: RunActionResult
let lines: Map<string, LineHits>

describe('pyo3-demo with a virtual environment active', () => {
  beforeAll(async () => {
    result = await runOnExample(venvEnv())
    lines = mergedLines(result)
  }, 900_000)

  it('counts the #[pyfunction] body, reached only from pytest through the extension', () => {
    expect(toObject(lines.get(EXT))).toMatchObject({ 7: 2, 8: 2, 9: 2 })
    expect(toObject(lines.get(CORE))).toMatchObject({ 4: 2, 5: 2, 6: 4, 7: 4, 8: 4, 9: 2, 10: 2 })
  })

  it('counts Rust reached only from a Python subprocess stopped with SIGTERM', () => {
    expect(toObject(lines.get(EXT))).toMatchObject({ 13: 1, 14: 1, 15: 1, 16: 1 })
    expect(toObject(lines.get(CORE))).toMatchObject({ 24: 1, 25: 3, 26: 1 })
  })

  it('counts the Rust function reached only by cargo test', () => {
    expect(toObject(lines.get(CORE))).toMatchObject({ 13: 1, 14: 1, 15: 10, 19: 10, 20: 1, 21: 1 })
  })

  it('gives 0 hits to never-run lines in both languages', () => {
    expect(toObject(lines.get(CORE))).toMatchObject({ 29: 0, 30: 0, 31: 0, 32: 0 })
    expect(toObject(lines.get(EXT))).toMatchObject({ 20: 0, 21: 0, 22: 0, 23: 0 })
    expect(toObject(lines.get(PY_UNUSED))).toEqual({ 4: 0, 5: 0, 6: 0 })
    expect(lines.get(PY_INIT)?.get(12)).toBe(0)
  })

  it('leaves out the #[pymodule] lines between LCOV_EXCL_START and LCOV_EXCL_STOP', () => {
    const ext = lines.get(EXT) as LineHits
    for (let line = 25; line <= 33; line++) expect(ext.has(line)).toBe(false)
    expect([...ext.keys()].sort((a, b) => a - b)).toEqual([7, 8, 9, 13, 14, 15, 16, 20, 21, 22, 23])
  })

  it('covers the Python lines that only the subprocess runs', () => {
    const worker = [3, 4, 6, 9, 11, 12, 13, 14, 15, 16, 19, 20]
    expect(toObject(lines.get(PY_WORKER))).toEqual(
      Object.fromEntries(worker.map((line) => [line, 1]))
    )
  })

  it('equals cargo llvm-cov report --lcov of the same run, after exclusions', () => {
    const independent = execFileSync('cargo', ['llvm-cov', 'report', '--lcov'], {
      cwd: EXAMPLE,
      env: {
        ...process.env,
        CARGO_TARGET_DIR: CARGO_TARGET,
        // Where show-env pointed the action's run; without it report looks in llvm-cov-target/.
        CARGO_LLVM_COV_TARGET_DIR: CARGO_TARGET,
        LLVM_COV: `${LLVM_BIN}/llvm-cov`,
        LLVM_PROFDATA: `${LLVM_BIN}/llvm-profdata`
      },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const rust = lcovLines(independent)
    for (const file of [CORE, EXT]) {
      const excluded = excludedByMarkers(readFileSync(join(REPO_ROOT, file), 'utf8'))
      const expected = new Map(
        [...(rust.get(join(REPO_ROOT, file)) ?? [])].filter(([line]) => !excluded.has(line))
      )
      expect([file, toObject(lines.get(file))]).toEqual([file, toObject(expected)])
    }
  })

  it("equals coverage.py's own report of the same data", () => {
    const dataFile = join(workDirOf(result), 'python', '.coverage')
    const json = execFileSync(
      join(venvEnv().VIRTUAL_ENV as string, 'bin', 'python'),
      ['-m', 'coverage', 'json', '--data-file', dataFile, '-o', '-'],
      {
        cwd: EXAMPLE,
        encoding: 'utf8'
      }
    )
    const report = JSON.parse(json) as {
      files: Record<string, { executed_lines: number[]; missing_lines: number[] }>
    }
    const files = Object.entries(report.files)
    expect(files.map(([name]) => name).sort()).toEqual([
      'python/pyo3_demo/__init__.py',
      'python/pyo3_demo/unused.py',
      'python/pyo3_demo/worker.py'
    ])
    for (const [name, data] of files) {
      const expected: Record<number, number> = {}
      for (const line of data.executed_lines) expected[line] = 1
      for (const line of data.missing_lines) expected[line] = 0
      const path = `examples/pyo3-demo/${name}`
      expect([path, toObject(lines.get(path))]).toEqual([path, expected])
    }
  })

  it('sets the outputs from the merged numbers: Rust 29/37 lines, Python 18/22, 47/59 in all', () => {
    expect(result.outputs).toMatchObject({
      'line-coverage': '79.66',
      'rust-line-coverage': '78.38',
      'python-line-coverage': '81.82',
      'lines-found': '59',
      'lines-hit': '47',
      'branch-coverage': '',
      'tests-passed': 'true',
      'lcov-path': join(REPO_ROOT, 'coverage', 'lcov.info'),
      'summary-json-path': join(REPO_ROOT, 'coverage', 'coverage-summary.json')
    })
    expect(readFileSync(result.outputs['cobertura-path'] as string, 'utf8')).toMatch(/^<\?xml/)
  })

  it('writes the same totals into coverage-summary.json', () => {
    const summary = JSON.parse(
      readFileSync(result.outputs['summary-json-path'] as string, 'utf8')
    ) as { totals: object; languages: Record<string, object> }
    const count = (found: number, hit: number, percent: number | null) => ({ found, hit, percent })
    // No branch data: no percent (schema mixed-coverage-summary/2), not 100.
    const branches = count(0, 0, null)
    // Functions by identity: Rust checksum, fibonacci, scale and its closure, never_called,
    // the #[test] fibonacci_of_ten; the extension's checksum, worker_scale, unused_native (the
    // #[pymodule] is excluded). Python describe, never_called, worker main. Never called: 2 + 1.
    expect(summary.totals).toEqual({
      lines: count(59, 47, 79.66),
      branches,
      functions: count(12, 9, 75)
    })
    expect(summary.languages['rust']).toEqual({
      lines: count(37, 29, 78.38),
      branches,
      functions: count(9, 7, 77.78)
    })
    expect(summary.languages['python']).toEqual({
      lines: count(22, 18, 81.82),
      branches,
      functions: count(3, 2, 66.67)
    })
    expect(result.outputs['function-coverage']).toBe('75.00')
  })

  it('writes the HTML report, whose index shows the totals of coverage-summary.json', () => {
    const summary = JSON.parse(
      readFileSync(result.outputs['summary-json-path'] as string, 'utf8')
    ) as { totals: ShownTotals; languages: Record<string, ShownTotals> }
    const index = join(REPO_ROOT, 'coverage', 'html', 'index.html')
    const shown = indexTotals(readFileSync(index, 'utf8'))
    expect(shown).toEqual({
      rust: summary.languages['rust'],
      python: summary.languages['python'],
      total: summary.totals
    })
    // The tools' own reports are kept next to it and linked from the index.
    for (const tool of ['rust', 'python']) {
      expect(existsSync(join(REPO_ROOT, 'coverage', 'html', 'tools', tool, 'index.html'))).toBe(
        true
      )
      expect(readFileSync(index, 'utf8')).toContain(`href="tools/${tool}/index.html"`)
    }
  })

  it('logs each phase in its own group with its duration', () => {
    for (const phase of ['Rust tests', 'Build the extension', 'Python tests', 'Rust report']) {
      expect(result.stdout).toMatch(new RegExp(`::group::${phase}`))
      expect(result.stdout).toMatch(new RegExp(`${phase}[^\\n]*: done in \\d`))
    }
  })
})

describe('pyo3-demo on the machine interpreter, no virtual environment', () => {
  // The action installs the example editable into the machine's interpreter, where another
  // clone may have left its own (a .pth pointing there): start without any, and leave none.
  beforeAll(() => void machinePython(['-m', 'pip', 'uninstall', '-y', '-q', 'pyo3-demo']))
  afterAll(() => void machinePython(['-m', 'pip', 'uninstall', '-y', '-q', 'pyo3-demo']))

  it('gives the same numbers as the run in a virtual environment', async () => {
    const system = await runOnExample(systemPythonEnv())
    expect(result.stdout).toMatch(/\(Python [\d.]+, virtual environment\)/)
    expect(system.stdout).toMatch(/\(Python [\d.]+\)/)
    // The interpreter imports the package and the extension of this clone's example.
    const imported = machinePython([
      '-c',
      'import pyo3_demo, pyo3_demo._native as n; print(pyo3_demo.__file__); print(n.__file__)'
    ])
    for (const file of imported.trim().split('\n')) {
      expect([file, file.startsWith(`${EXAMPLE}/`)]).toEqual([file, true])
    }
    const systemLines = mergedLines(system)
    expect([...systemLines.keys()].sort()).toEqual([...lines.keys()].sort())
    for (const [file, hits] of lines) {
      expect([file, toObject(systemLines.get(file))]).toEqual([file, toObject(hits)])
    }
  }, 900_000)
})

describe('pyo3-demo with subprocess measurement turned off', () => {
  it('loses exactly what only the SIGTERM-stopped subprocess ran, in both languages', async () => {
    const off = await runAction({
      inputs: {
        'working-directory': 'examples/pyo3-demo',
        'upload-artifact': 'false',
        'python-subprocess-coverage': 'false'
      },
      env: venvEnv()
    })
    expect(off.exitCode).toBe(0)
    const offLines = mergedLines(off)
    // The worker dies by the signal: no LLVM profile and no coverage.py data from it.
    expect(toObject(offLines.get(EXT))).toMatchObject({ 13: 0, 14: 0, 15: 0, 16: 0 })
    expect(toObject(offLines.get(CORE))).toMatchObject({ 24: 0, 25: 0, 26: 0 })
    expect(offLines.get(PY_WORKER)?.get(12)).toBe(0)
    // Everything the pytest process itself ran is still there.
    expect(toObject(offLines.get(EXT))).toMatchObject({ 7: 2, 8: 2, 9: 2 })
  }, 900_000)
})
