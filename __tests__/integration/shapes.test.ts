/**
 * Layouts and environments real PyO3 projects have, each run as a new user would run the
 * action — only the working directory given — with the real toolchain, and compared line for
 * line with the hand recipe run in the same target directory (helpers/recipe.ts):
 *
 * - examples/uv-test-group: a uv project whose pytest sits in a `test` dependency group (uv
 *   syncs only `dev` by default), and the same project in a workflow that activated a virtual
 *   environment with pip and has no uv, and no coverage.py either;
 * - examples/cargo-root: a Cargo workspace at the root with the maturin project in
 *   crates/root-python and a virtual uv workspace root, run from the root and from the member,
 *   the latter with failing Rust and Python tests;
 * - examples/pyo3-demo in a virtual environment that `uv venv` made (no pip), activated, with
 *   no uv project: tools and the build go through `uv pip`; compared with a pip environment.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { runAction, type RunActionResult } from '../../scripts/runner.mjs'
import { toObject } from '../helpers/lcov-lines.js'
import { actionLines, runRecipe } from '../helpers/recipe.js'
import {
  CARGO_TARGET,
  REPO_ROOT,
  TMP,
  TOOL_CACHE,
  pathWithoutVenvs,
  systemPythonEnv
} from '../helpers/toolchain.js'

const UV_GROUP = 'examples/uv-test-group'
const PYO3_DEMO = 'examples/pyo3-demo'
const CARGO_ROOT = 'examples/cargo-root'
const MEMBER = `${CARGO_ROOT}/crates/root-python`

/** A virtual environment as a workflow makes it with pip: maturin and pytest, no coverage.py. */
function pipVenv(): string {
  mkdirSync(TMP, { recursive: true })
  const venv = join(mkdtempSync(join(TMP, 'shape-venv-')), 'venv')
  execFileSync('python3', ['-m', 'venv', venv])
  const pip = [join(venv, 'bin', 'pip'), 'install', '-q', '--disable-pip-version-check']
  execFileSync(pip[0] as string, [...pip.slice(1), 'maturin==1.16.0', 'pytest==9.2.0'])
  return venv
}

/** A virtual environment as `uv venv` makes it (no pip), with maturin and pytest from `uv pip`. */
function uvVenv(): string {
  mkdirSync(TMP, { recursive: true })
  const venv = join(mkdtempSync(join(TMP, 'shape-uv-venv-')), 'venv')
  execFileSync('uv', ['venv', '-q', '--python', 'python3', venv])
  const python = join(venv, 'bin', 'python')
  execFileSync('uv', [
    'pip',
    'install',
    '-q',
    '--python',
    python,
    'maturin==1.16.0',
    'pytest==9.2.0'
  ])
  return venv
}

/** PATH without uv anywhere on it (and without other virtual environments). */
function pathWithoutUv(): string {
  return pathWithoutVenvs()
    .split(delimiter)
    .filter((dir) => !existsSync(join(dir, 'uv')))
    .join(delimiter)
}

async function run(
  workingDirectory: string,
  env: Record<string, string | undefined>,
  inputs: Record<string, string> = {}
): Promise<RunActionResult> {
  // Each run its own output directory: the runs of a describe all finish before its tests.
  const outputDir = mkdtempSync(join(TMP, 'shape-out-'))
  return runAction({
    inputs: {
      'working-directory': workingDirectory,
      'upload-artifact': 'false',
      'output-dir': outputDir,
      ...inputs
    },
    env: { CARGO_TARGET_DIR: CARGO_TARGET, RUNNER_TOOL_CACHE: TOOL_CACHE, ...env }
  })
}

/** The exit code, with the end of the log when it is not the one expected. */
function expectExit(result: RunActionResult, code: number): void {
  if (result.exitCode !== code) {
    throw new Error(`expected exit ${code}, got ${result.exitCode}:\n${result.stdout.slice(-8000)}`)
  }
}

/** The action's lines equal the recipe's, file by file, for every file of the recipe. */
function expectRecipeLines(result: RunActionResult, recipe: ReturnType<typeof runRecipe>) {
  const ours = actionLines(result.outputs['lcov-path'] as string)
  for (const [file, hits] of recipe.lines) {
    expect([file, toObject(ours.get(file))]).toEqual([file, toObject(hits)])
  }
  expect([...ours.keys()].sort()).toEqual([...recipe.lines.keys()].sort())
}

let venv: string
beforeAll(() => {
  venv = pipVenv()
}, 300_000)
afterAll(() => rmSync(join(venv, '..'), { recursive: true, force: true }))

describe('a uv project with its test tools in a `test` dependency group', () => {
  let result: RunActionResult
  beforeAll(async () => {
    result = await run(UV_GROUP, systemPythonEnv())
  }, 900_000)

  it('syncs the group that holds pytest, brings coverage.py, and passes', () => {
    expectExit(result, 0)
    expect(result.stdout).toContain(
      `uv sync --project ${join(REPO_ROOT, UV_GROUP)} --frozen --no-install-project --no-install-package uv-group-demo --group test`
    )
    expect(result.stdout).toMatch(
      /coverage is missing in \S+\/examples\/uv-test-group\/\.venv\/bin\/python: installing coverage==7\.17\.3/
    )
  })

  it('measures Rust reached from Python, from cargo test, and Python, line by line', () => {
    const lines = actionLines(result.outputs['lcov-path'] as string)
    expect(toObject(lines.get(`${UV_GROUP}/core/src/lib.rs`))).toEqual({
      ...{ 4: 1, 5: 1, 6: 1 },
      ...{ 9: 2, 10: 2, 11: 1, 12: 1, 13: 1, 15: 0, 17: 2 },
      ...{ 20: 0, 21: 0, 22: 0, 29: 1, 30: 1, 31: 1, 32: 1 }
    })
    expect(toObject(lines.get(`${UV_GROUP}/ext/src/lib.rs`))).toEqual({
      ...{ 7: 1, 8: 1, 9: 1, 12: 1, 13: 1, 14: 1, 15: 1 }
    })
    expect(toObject(lines.get(`${UV_GROUP}/python/uv_group_demo/__init__.py`))).toEqual({
      ...{ 3: 1, 6: 1, 7: 1, 8: 1, 9: 0, 10: 1 }
    })
  })
})

describe('the same project in a workflow with a pip virtual environment and no uv', () => {
  let result: RunActionResult
  beforeAll(async () => {
    const env = { VIRTUAL_ENV: venv, PATH: [join(venv, 'bin'), pathWithoutUv()].join(delimiter) }
    result = await run(UV_GROUP, env)
  }, 900_000)

  it('runs in the active environment with a notice, and brings coverage.py into it', () => {
    expectExit(result, 0)
    expect(result.stdout).toContain(
      `::notice::${join(REPO_ROOT, UV_GROUP, 'uv.lock')} is there, but uv is not installed: this workflow does not use uv, so the Python phases run in the active virtual environment ${venv}.`
    )
    expect(result.stdout).toContain(
      `coverage is missing in ${venv}/bin/python: installing coverage==7.17.3`
    )
    expect(result.stdout).not.toMatch(/\[command\]uv /)
  })

  it('equals the hand recipe in one target directory, line by line', () => {
    const recipe = runRecipe({
      cargoRoot: join(REPO_ROOT, UV_GROUP),
      pythonDir: join(REPO_ROOT, UV_GROUP),
      venv
    })
    expect(recipe.exits).toEqual({ rust: 0, python: 0 })
    expectRecipeLines(result, recipe)
  })
})

describe('a project without uv.lock in a virtual environment uv made (no pip), activated', () => {
  let uvEnv: string
  let result: RunActionResult
  let withPip: RunActionResult
  beforeAll(async () => {
    uvEnv = uvVenv()
    result = await run(PYO3_DEMO, {
      VIRTUAL_ENV: uvEnv,
      PATH: [join(uvEnv, 'bin'), pathWithoutVenvs()].join(delimiter)
    })
    withPip = await run(PYO3_DEMO, {
      VIRTUAL_ENV: venv,
      PATH: [join(venv, 'bin'), pathWithoutVenvs()].join(delimiter)
    })
  }, 900_000)
  afterAll(() => rmSync(join(uvEnv, '..'), { recursive: true, force: true }))

  it('brings coverage.py and builds the extension through uv pip, and passes', () => {
    expectExit(result, 0)
    const python = join(uvEnv, 'bin', 'python')
    expect(result.stdout).toContain(`[command]uv pip install --python ${python} coverage==7.17.3`)
    expect(result.stdout).toContain(
      `[command]uv pip install --python ${python} --reinstall-package pyo3-demo --no-build-isolation -e ${join(REPO_ROOT, PYO3_DEMO)}`
    )
  })

  it('measures every line as the same project in a pip virtual environment does', () => {
    // Not the hand recipe: it loses the worker subprocess that SIGTERM stops (core lines 24–26).
    expectExit(withPip, 0)
    const lines = (run: RunActionResult) =>
      new Map(
        [...actionLines(run.outputs['lcov-path'] as string)].map(([file, hits]) => [
          file,
          toObject(hits)
        ])
      )
    const ours = lines(result)
    expect(ours.get(`${PYO3_DEMO}/core/src/lib.rs`)).toMatchObject({ 24: 1, 25: 3, 26: 1 })
    expect(ours).toEqual(lines(withPip))
  })
})

describe('a Cargo workspace at the root with the maturin project in crates/root-python', () => {
  let fromRoot: RunActionResult
  let fromMember: RunActionResult
  beforeAll(async () => {
    fromRoot = await run(CARGO_ROOT, systemPythonEnv())
    fromMember = await run(MEMBER, { ...systemPythonEnv(), SHAPE_FAIL: '1' })
  }, 900_000)

  it('from the root: finds the Python project below and the Cargo workspace, and passes', () => {
    expectExit(fromRoot, 0)
    expect(fromRoot.stdout).toContain(`Cargo workspace: ${join(REPO_ROOT, CARGO_ROOT)}\n`)
    expect(fromRoot.stdout).toContain(`Python project: ${join(REPO_ROOT, MEMBER)}\n`)
    const lines = actionLines(fromRoot.outputs['lcov-path'] as string)
    expect(toObject(lines.get(`${CARGO_ROOT}/crates/root-core/src/lib.rs`))).toEqual({
      ...{ 4: 1, 5: 1, 6: 4, 7: 4, 8: 4, 9: 1, 10: 1, 13: 1, 14: 1, 15: 1 },
      ...{ 18: 0, 19: 0, 20: 0, 27: 1, 28: 1, 29: 1, 32: 1, 34: 1, 35: 1 }
    })
    expect(toObject(lines.get(`${MEMBER}/python/cargo_root_demo/__init__.py`))).toEqual({
      ...{ 3: 1, 6: 1, 7: 1, 8: 1, 9: 0, 10: 1 }
    })
  })

  it('from the member with failing tests: runs the Rust tests from the root, reports all, fails', () => {
    expectExit(fromMember, 1)
    expect(fromMember.stdout).toContain(`Cargo workspace: ${join(REPO_ROOT, CARGO_ROOT)}\n`)
    expect(fromMember.stdout).toContain(
      '::error::The Rust tests failed (exit code 101); The Python tests failed (exit code 1). Coverage was still measured and reported.'
    )
    expect(fromMember.outputs['tests-passed']).toBe('false')
    expect(fromMember.summary).toContain('Tests — Rust: ❌')
    expect(fromMember.summary).toMatch(/Python: ❌/)
    const lines = actionLines(fromMember.outputs['lcov-path'] as string)
    // The failing Rust test stops at its assertion: the line after it is not run.
    expect(lines.get(`${CARGO_ROOT}/crates/root-core/src/lib.rs`)?.get(35)).toBe(0)
  })

  it('from the member with failing tests: equals the hand recipe, line by line', () => {
    const recipe = runRecipe({
      cargoRoot: join(REPO_ROOT, CARGO_ROOT),
      pythonDir: join(REPO_ROOT, MEMBER),
      venv,
      env: { SHAPE_FAIL: '1' }
    })
    expect(recipe.exits).toEqual({ rust: 101, python: 1 })
    expectRecipeLines(fromMember, recipe)
  })
})

describe('a working directory with several maturin projects below it', () => {
  it('stops before measuring and names the input to set', async () => {
    const workspace = mkdtempSync(join(TMP, 'shape-two-'))
    for (const name of ['one', 'two']) {
      mkdirSync(join(workspace, 'bindings', name), { recursive: true })
      writeFileSync(
        join(workspace, 'bindings', name, 'pyproject.toml'),
        '[build-system]\nbuild-backend = "maturin"\n'
      )
    }
    const result = await runAction({
      workspace,
      inputs: { 'upload-artifact': 'false' },
      env: { CARGO_TARGET_DIR: CARGO_TARGET, RUNNER_TOOL_CACHE: TOOL_CACHE }
    })
    rmSync(workspace, { recursive: true, force: true })
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain(
      `::error::Input 'working-directory': ${workspace} holds several maturin projects (bindings/one, bindings/two); set working-directory to the one whose Python tests to run`
    )
    expect(result.stdout).not.toMatch(/\[command\]/)
  })
})
