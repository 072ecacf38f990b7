/**
 * Which crates are measured, on a binding whose core is a path dependency outside its Cargo
 * workspace (helpers/split-demo.ts), through the bundled action with the real toolchain. The
 * core is reached from Python through the binding and by its own Rust test; both count, line by
 * line, as the same commands run by hand in the same target directory count them.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runAction, type RunActionResult } from '../../scripts/runner.mjs'
import { lcovLines, toObject, type LineHits } from '../helpers/lcov-lines.js'
import {
  BINDING,
  BINDING_INPUT,
  BINDING_LIB,
  BINDING_LINES,
  CORE_LIB,
  CORE_LINES,
  CORE_TEST_COMMAND,
  writeSplitDemo
} from '../helpers/split-demo.js'
import { CARGO_TARGET, LLVM_BIN, REPO_ROOT, venvEnv } from '../helpers/toolchain.js'

function runOnSplitDemo(inputs: Record<string, string> = {}): Promise<RunActionResult> {
  return runAction({
    inputs: {
      'working-directory': BINDING_INPUT,
      'upload-artifact': 'false',
      'rust-test-command': CORE_TEST_COMMAND,
      ...inputs
    },
    env: venvEnv()
  })
}

function mergedLines(result: RunActionResult): Map<string, LineHits> {
  if (result.exitCode !== 0)
    throw new Error(`action failed (${result.exitCode}):\n${result.stdout.slice(-6000)}`)
  return lcovLines(readFileSync(result.outputs['lcov-path'] as string, 'utf8'))
}

/**
 * The recipe by hand: show-env's variables with the core added to the wrapper's crates, both
 * crates cleaned, the core's test, the extension build, pytest, and `cargo llvm-cov report` told
 * of the core's test executable (it looks only for the members' names).
 */
const HAND_RECIPE = `
eval "$(cargo llvm-cov show-env --sh 2>/dev/null)"
export __CARGO_LLVM_COV_RUSTC_WRAPPER_CRATE_NAMES="$__CARGO_LLVM_COV_RUSTC_WRAPPER_CRATE_NAMES,split_core,split_core_tests"
export CARGO_TARGET_DIR="$CARGO_LLVM_COV_TARGET_DIR"
cargo llvm-cov clean --workspace
cargo clean -p split-core
cargo test -p split-core
MATURIN_PEP517_ARGS="--profile dev" python -m pip install -q --disable-pip-version-check --no-build-isolation -e .
python -m pytest -q -p no:cacheprovider tests
export LLVM_COV_FLAGS="-object=$(find "$CARGO_TARGET_DIR/debug/deps" -maxdepth 1 -type f -perm -u+x -name 'split_core-*')"
cargo llvm-cov report --lcov
`

function handRecipeLines(): Map<string, LineHits> {
  const lcov = execFileSync(
    'bash',
    ['--noprofile', '--norc', '-euo', 'pipefail', '-c', HAND_RECIPE],
    {
      cwd: BINDING,
      env: {
        ...process.env,
        ...venvEnv(),
        CARGO_TARGET_DIR: CARGO_TARGET,
        LLVM_COV: `${LLVM_BIN}/llvm-cov`,
        LLVM_PROFDATA: `${LLVM_BIN}/llvm-profdata`
      },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024
    }
  )
  return lcovLines(lcov)
}

/**
 * The core built without instrumentation into the shared target directory, as a cache restored
 * from an ordinary build leaves it. Cargo's fingerprint ignores cargo-llvm-cov's wrapper, so a
 * run that does not clean the core reuses this build: the core has no coverage at all.
 */
function buildCoreUninstrumented(): void {
  const env = { ...process.env, CARGO_TARGET_DIR: CARGO_TARGET }
  for (const args of [
    ['clean', '-p', 'split-core'],
    ['build', '-p', 'split-core']
  ]) {
    execFileSync('cargo', args, { cwd: BINDING, env, stdio: 'ignore' })
  }
}

describe("a core crate outside the binding's Cargo workspace", () => {
  let result: RunActionResult
  let lines: Map<string, LineHits>

  beforeAll(async () => {
    writeSplitDemo()
    buildCoreUninstrumented()
    result = await runOnSplitDemo()
    lines = mergedLines(result)
  }, 900_000)

  it('reports the core line by line: reached from Python, and by its own Rust test', () => {
    expect([...lines.keys()]).toContain(CORE_LIB)
    expect(toObject(lines.get(CORE_LIB))).toEqual(CORE_LINES)
    expect(toObject(lines.get(BINDING_LIB))).toEqual(BINDING_LINES)
  })

  it('logs which crates it instruments: the members, and the path dependencies it adds', () => {
    expect(result.stdout).toContain(
      'Workspace members measured (instrumented by cargo-llvm-cov): split-binding (.)'
    )
    expect(result.stdout).toContain(
      'Path dependencies measured (added to its instrumented crates): split-core (../../core)'
    )
    expect(result.stdout).toContain(
      '__CARGO_LLVM_COV_RUSTC_WRAPPER_CRATE_NAMES=split_binding,split_binding_tests,_native,split_core,split_core_tests\n'
    )
    expect(result.stdout).toContain('[command]cargo clean -p split-core\n')
  })

  it('counts what the same commands run by hand count, in the same target directory', () => {
    const hand = handRecipeLines()
    for (const file of [CORE_LIB, BINDING_LIB]) {
      const byHand = toObject(hand.get(join(REPO_ROOT, file)))
      expect([file, toObject(lines.get(file))]).toEqual([file, byHand])
    }
    expect(toObject(hand.get(join(REPO_ROOT, CORE_LIB)))).toEqual(CORE_LINES)
  }, 600_000)
})

describe('the repository root as working directory, with no Cargo.toml of its own', () => {
  it("runs the Rust phases in the binding's workspace, measuring the same lines", async () => {
    writeSplitDemo()
    const fromRoot = await runOnSplitDemo({ 'working-directory': '.tmp/split-demo' })
    const rootLines = mergedLines(fromRoot)
    expect(fromRoot.stdout).toContain(`Cargo workspace: ${BINDING}\n`)
    expect(fromRoot.stdout).toContain(`Python project: ${BINDING}\n`)
    expect(toObject(rootLines.get(CORE_LIB))).toEqual(CORE_LINES)
    expect(toObject(rootLines.get(BINDING_LIB))).toEqual(BINDING_LINES)
  }, 600_000)
})

describe('packages and exclude-packages', () => {
  beforeAll(() => writeSplitDemo())

  it('refuses a name that is no local crate, listing the local crates', async () => {
    const refused = await runOnSplitDemo({ packages: 'split-core, serde' })
    expect(refused.exitCode).toBe(1)
    expect(refused.commands).toContain(
      "::error::Input 'packages': no local crate is named 'serde'. The local crates are: " +
        'split-binding (workspace member), split-core (path dependency). ' +
        'Registry and git crates are never measured.'
    )
    expect(refused.stdout).not.toContain('::group::Clean old coverage data')
  }, 600_000)

  it('leaves an excluded path dependency uninstrumented and out of the report', async () => {
    const excluded = await runOnSplitDemo({ 'exclude-packages': 'split-core' })
    const excludedLines = mergedLines(excluded)
    expect(excludedLines.has(CORE_LIB)).toBe(false)
    expect(toObject(excludedLines.get(BINDING_LIB))).toEqual(BINDING_LINES)
    expect(excluded.stdout).toContain(
      'Local crates left out of the report: split-core (../../core)'
    )
    expect(excluded.stdout).toContain(
      'Path dependencies measured (added to its instrumented crates): none'
    )
    // The wrapper's list is show-env's, unchanged; the core is still cleaned of earlier builds.
    expect(excluded.stdout).not.toMatch(/WRAPPER_CRATE_NAMES=[^\n]*split_core/)
    expect(excluded.stdout).toContain('[command]cargo clean -p split-core\n')
  }, 600_000)

  it("reports only the packages chosen: a member's files are left out by its directory", async () => {
    const chosen = await runOnSplitDemo({ packages: 'split-c*' })
    const chosenLines = mergedLines(chosen)
    expect(chosenLines.has(BINDING_LIB)).toBe(false)
    expect(toObject(chosenLines.get(CORE_LIB))).toEqual(CORE_LINES)
    expect(chosen.stdout).toContain('Local crates left out of the report: split-binding (.)')
  }, 600_000)
})
