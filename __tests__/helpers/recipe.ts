/**
 * The hand recipe a project runs without the action, in one target directory: cargo-llvm-cov's
 * show-env variables, clean, the Rust tests from the Cargo workspace root, an editable debug
 * build into the same target directory, the Python tests under `coverage run`, then both
 * reports. The shape tests compare the action's per-line numbers with these. Test failures are
 * allowed (their exit codes are returned): the recipe measures as far as the tests go.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join, relative } from 'node:path'
import { lcovLines, type LineHits } from './lcov-lines.js'
import { CARGO_TARGET, LLVM_BIN, REPO_ROOT } from './toolchain.js'

export interface RecipeRun {
  cargoRoot: string
  pythonDir: string
  /** A virtual environment with maturin, pytest and coverage.py. */
  venv: string
  /** Extra environment (SHAPE_FAIL=1 for the failing-tests shape). */
  env?: Record<string, string>
}

export interface RecipeResult {
  /** Per repository-relative file: Rust lines from cargo llvm-cov, Python lines from coverage.py. */
  lines: Map<string, LineHits>
  exits: { rust: number; python: number }
}

export function runRecipe(run: RecipeRun): RecipeResult {
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    ...run.env,
    VIRTUAL_ENV: run.venv,
    PATH: [join(run.venv, 'bin'), process.env.PATH].join(delimiter),
    CARGO_TARGET_DIR: CARGO_TARGET,
    LLVM_COV: `${LLVM_BIN}/llvm-cov`,
    LLVM_PROFDATA: `${LLVM_BIN}/llvm-profdata`
  }
  const shown = command(['cargo', 'llvm-cov', 'show-env', '--sh'], run.cargoRoot, base)
  const env = { ...base, ...parseShellAssignments(shown.stdout) }
  env.CARGO_TARGET_DIR = env.CARGO_LLVM_COV_TARGET_DIR
  command(['cargo', 'llvm-cov', 'clean', '--workspace'], run.cargoRoot, env)
  const rust = command(['cargo', 'test', '--workspace'], run.cargoRoot, env, true).status
  const python = join(run.venv, 'bin', 'python')
  const buildEnv = { ...env, MATURIN_PEP517_ARGS: '--profile dev' }
  const pip = [python, '-m', 'pip', 'install', '-q', '--no-build-isolation', '-e', '.']
  command(pip, run.pythonDir, buildEnv)
  const data = join(mkdtempSync(join(tmpdir(), 'mc-recipe-')), '.coverage')
  const coverage = [python, '-m', 'coverage']
  const tests = [...coverage, 'run', `--data-file=${data}`, '--source=python', '-m', 'pytest']
  const pythonExit = command([...tests, '-q', '-p', 'no:cacheprovider'], run.pythonDir, env, true)
  const json = command([...coverage, 'json', `--data-file=${data}`, '-o', '-'], run.pythonDir, env)
  const lcov = command(['cargo', 'llvm-cov', 'report', '--lcov'], run.cargoRoot, env)
  const lines = new Map<string, LineHits>()
  for (const [path, hits] of lcovLines(lcov.stdout)) lines.set(relative(REPO_ROOT, path), hits)
  const report = JSON.parse(json.stdout) as {
    files: Record<string, { executed_lines: number[]; missing_lines: number[] }>
  }
  for (const [name, file] of Object.entries(report.files)) {
    const hits: LineHits = new Map()
    for (const line of file.executed_lines) hits.set(line, 1)
    for (const line of file.missing_lines) hits.set(line, 0)
    lines.set(relative(REPO_ROOT, join(run.pythonDir, name)), hits)
  }
  return { lines, exits: { rust: rust ?? -1, python: pythonExit.status ?? -1 } }
}

function command(argv: string[], cwd: string, env: NodeJS.ProcessEnv, mayFail = false) {
  const [file, ...args] = argv as [string, ...string[]]
  const result = spawnSync(file, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20 })
  if (!mayFail && result.status !== 0) {
    throw new Error(`${argv.join(' ')} in ${cwd} failed (${result.status}):\n${result.stderr}`)
  }
  return result
}

/** KEY=value lines of `show-env --sh`; values single-quoted when they need it. */
function parseShellAssignments(text: string): Record<string, string> {
  const variables: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const match = /^(?:export )?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim())
    if (!match) continue
    const raw = match[2] as string
    variables[match[1] as string] = raw.startsWith("'")
      ? raw.slice(1, -1).replace(/'\\''/g, "'")
      : raw
  }
  return variables
}

/** The action's lcov read as the recipe's lines are: repository-relative file → line hits. */
export function actionLines(lcovPath: string): Map<string, LineHits> {
  return lcovLines(readFileSync(lcovPath, 'utf8'))
}
