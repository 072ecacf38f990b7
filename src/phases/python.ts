/**
 * Python phases: find the interpreter, build the extension into the instrumented target
 * directory (debug profile), run the tests under coverage.py, export coverage.py's JSON.
 */
import { existsSync, readFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { PYTHON_HELPER, PYTHON_HOOK_DIR } from '../assets.js'
import { firstLine, quoteForDisplay } from '../errors.js'
import { exec, runShell } from '../exec.js'
import type { PythonEnvironment } from '../python-env/types.js'
import type { InstrumentedEnv } from './env.js'

export interface PythonInfo {
  /** argv prefix that runs the interpreter (e.g. ['python'] or ['uv', 'run', 'python']). */
  command: string[]
  executable: string
  version: string
  inVirtualenv: boolean
  scriptsDir: string
  coverage: string | null
  pytest: string | null
  pytestCov: string | null
  maturin: string | null
  pip: string | null
}

/** The helper printed no JSON result: something in the interpreter wrote to stdout instead. */
export class HelperOutputError extends Error {
  constructor(command: readonly string[], stdout: string, stderrTail: string) {
    const output = `${stdout.trim().split('\n').slice(-10).join('\n')}\n${stderrTail.trim()}`
    super(
      `The action's Python helper \`${command.map(quoteForDisplay).join(' ')}\` gave no JSON result (does a sitecustomize or .pth file of that interpreter print to stdout?). The last lines of its output:\n${output.trim() || '(none)'}`
    )
    this.name = 'HelperOutputError'
  }
}

async function runHelper<T>(
  python: string[],
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv }
): Promise<T> {
  const argv = [...python, PYTHON_HELPER, ...args]
  const result = await exec(argv, { ...options, captureStdout: true, silent: true })
  const lastLine = result.stdout.trim().split('\n').pop() ?? ''
  try {
    const parsed: unknown = JSON.parse(lastLine)
    if (parsed !== null && typeof parsed === 'object') return parsed as T
  } catch {
    // not JSON: reported below, with the output
  }
  throw new HelperOutputError(argv, result.stdout, result.stderrTail)
}

/**
 * Environment of the helper commands: no coverage.py start-up, and a scratch file for any LLVM
 * profile, so that a helper that loads the instrumented extension adds no coverage of its own.
 */
export function helperEnv(env: NodeJS.ProcessEnv, scratchDir: string): NodeJS.ProcessEnv {
  const rest = without(env, ['COVERAGE_PROCESS_CONFIG', 'COVERAGE_PROCESS_START'])
  return { ...rest, LLVM_PROFILE_FILE: join(scratchDir, 'helper-%p.profraw') }
}

function without(env: NodeJS.ProcessEnv, names: string[]): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !names.includes(name)))
}

/** The first of the candidate interpreter commands that answers the probe. */
export async function findPython(
  candidates: readonly (readonly string[])[],
  cwd: string,
  env: NodeJS.ProcessEnv
): Promise<PythonInfo> {
  const failures: string[] = []
  for (const given of candidates) {
    const command = [...given]
    try {
      const probe = await runHelper<Record<string, unknown>>(command, ['probe'], { cwd, env })
      return {
        command,
        executable: String(probe.executable),
        version: String(probe.version),
        inVirtualenv: Boolean(probe.in_virtualenv),
        scriptsDir: String(probe.scripts_dir),
        coverage: (probe.coverage as string | null) ?? null,
        pytest: (probe.pytest as string | null) ?? null,
        pytestCov: (probe.pytest_cov as string | null) ?? null,
        maturin: (probe.maturin as string | null) ?? null,
        pip: (probe.pip as string | null) ?? null
      }
    } catch (error) {
      failures.push(`${command.join(' ')}: ${firstLine(error)}`)
    }
  }
  throw new Error(
    `No usable Python interpreter. Tried:\n  - ${failures.join('\n  - ')}\nSet up Python (actions/setup-python) or set the 'python' input.`
  )
}

/** Environment with the interpreter's scripts directory first on PATH (maturin, pytest). */
export function withScriptsOnPath(env: NodeJS.ProcessEnv, python: PythonInfo): NodeJS.ProcessEnv {
  // Windows keeps the variable as `Path`; write it back under the name it already has.
  const key = Object.keys(env).find((name) => name.toUpperCase() === 'PATH') ?? 'PATH'
  return { ...env, [key]: [python.scriptsDir, env[key] ?? ''].filter(Boolean).join(delimiter) }
}

export function buildEnv(ienv: InstrumentedEnv, python: PythonInfo): NodeJS.ProcessEnv {
  const env = withScriptsOnPath(ienv.env, python)
  const userArgs = env.MATURIN_PEP517_ARGS ?? ''
  const choosesProfile = /(^|\s)(--release|-r|--profile)(\s|=|$)/.test(userArgs)
  return {
    ...env,
    MATURIN_PEP517_ARGS: choosesProfile ? userArgs : `${userArgs} --profile dev`.trim()
  }
}

/**
 * Builds the extension into the instrumented target directory: the user's command, or the
 * environment's default build (editable, maturin's PEP 517 backend, debug profile).
 */
export async function buildExtension(
  command: string,
  python: PythonInfo,
  ienv: InstrumentedEnv,
  cwd: string,
  environment: Pick<PythonEnvironment, 'defaultBuild'>
): Promise<void> {
  const env = buildEnv(ienv, python)
  if (command !== 'auto') {
    await runShell(command, { cwd, env })
    return
  }
  assertMaturinProject(cwd)
  const build = environment.defaultBuild(python, cwd)
  await exec(build.argv, { cwd, env, hint: build.hint })
}

function assertMaturinProject(cwd: string): void {
  const pyproject = join(cwd, 'pyproject.toml')
  if (!existsSync(pyproject)) {
    throw new Error(
      `no pyproject.toml in ${cwd}: the default python-build-command builds a maturin project; set python-build-command for other layouts, or '' to skip the build`
    )
  }
  if (!/build-backend\s*=\s*["']maturin["']/.test(readFileSync(pyproject, 'utf8'))) {
    throw new Error(
      `${pyproject} does not use the maturin build backend: set python-build-command to a command that builds the extension in the debug profile into CARGO_TARGET_DIR`
    )
  }
}

export interface CoverageSetup {
  serialized: string
  source: string[]
  sourceOrigin: 'input' | 'user-config' | 'pyproject' | 'none'
  configFilesRead: string[]
  package: string | null
  extensionModule: string | null
  branch: boolean
  /** coverage.py's dynamic_context (per-test: test_function unless the user chose one). */
  dynamicContext: string | null
  /** The user's static context ([run] context), which every context label starts with. */
  staticContext: string | null
  /** The configuration as an INI file for a `coverage run` in the test command (COVERAGE_RCFILE). */
  rcfile: string | null
  /** Why there is no such file, when it could not be written faithfully. */
  rcfileProblem: string | null
  warnings: string[]
}

/** The user's coverage.py configuration with ours layered on top, read by coverage.py itself. */
export async function coverageSetup(
  python: PythonInfo,
  cwd: string,
  workDir: string,
  options: { source: string[]; subprocess: boolean; perTest?: boolean }
): Promise<CoverageSetup> {
  const args = ['config', '--project', cwd, '--data-file', join(workDir, '.coverage')]
  args.push('--record', join(workDir, 'coverage-config.json'))
  args.push('--rcfile', join(workDir, 'coveragerc.ini'))
  for (const source of options.source) args.push('--source', source)
  if (options.subprocess) args.push('--subprocess')
  if (options.perTest) args.push('--per-test')
  const env = helperEnv(process.env, workDir)
  const raw = await runHelper<Record<string, unknown>>(python.command, args, { cwd, env })
  return {
    serialized: String(raw.serialized),
    source: raw.source as string[],
    sourceOrigin: raw.source_origin as CoverageSetup['sourceOrigin'],
    configFilesRead: raw.config_files_read as string[],
    package: (raw.package as string | null) ?? null,
    extensionModule: (raw.extension_module as string | null) ?? null,
    branch: Boolean(raw.branch),
    dynamicContext: (raw.dynamic_context as string | null) ?? null,
    staticContext: (raw.static_context as string | null) ?? null,
    rcfile: (raw.rcfile as string | null) ?? null,
    rcfileProblem: (raw.rcfile_problem as string | null) ?? null,
    warnings: raw.warnings as string[]
  }
}

/**
 * Environment of the Python test command: coverage.py in its Python processes (all, or only its
 * own), SIGTERM an exit that writes coverage, a `coverage run` in it given the action's settings.
 */
export function testEnv(
  ienv: InstrumentedEnv,
  python: PythonInfo,
  setup: CoverageSetup,
  subprocess: boolean
): NodeJS.ProcessEnv {
  const scripts = withScriptsOnPath(ienv.env, python)
  // COVERAGE_FILE would send the data of a `coverage run` elsewhere again.
  const env = setup.rcfile ? without(scripts, ['COVERAGE_FILE']) : scripts
  const pythonPath = [PYTHON_HOOK_DIR, env.PYTHONPATH].filter(Boolean).join(delimiter)
  // pytest-cov would start a second tracer in the pytest process; coverage is already on.
  const addopts = python.pytestCov
    ? [env.PYTEST_ADDOPTS, '--no-cov'].filter(Boolean).join(' ')
    : env.PYTEST_ADDOPTS
  return {
    ...env,
    COVERAGE_PROCESS_CONFIG: setup.serialized,
    PYTHONPATH: pythonPath,
    MIXED_COVERAGE_SIGTERM: subprocess ? '1' : '0',
    MIXED_COVERAGE_SUBPROCESS: subprocess ? '1' : '0',
    ...(setup.rcfile ? { COVERAGE_RCFILE: setup.rcfile } : {}),
    ...(addopts ? { PYTEST_ADDOPTS: addopts } : {})
  }
}

export async function runPythonTests(
  command: string,
  env: NodeJS.ProcessEnv,
  cwd: string
): Promise<number> {
  return (await runShell(command, { cwd, env, allowFailure: true })).exitCode ?? 1
}

export interface PythonReport {
  dataFiles: number
  measuredFiles: number
  /** Data files left out, each with coverage.py's reason. */
  skipped: string[]
}

/** Combines the per-process data files and writes coverage.py's JSON report to `jsonPath`. */
export async function exportPythonReport(
  python: PythonInfo,
  setup: CoverageSetup,
  dirs: { cwd: string; workDir: string },
  jsonPath: string,
  htmlDir?: string
): Promise<PythonReport> {
  const { cwd, workDir } = dirs
  const env = { ...helperEnv(process.env, workDir), MIXED_COVERAGE_CONFIG: setup.serialized }
  const args = ['report', '--json', jsonPath, ...(htmlDir ? ['--html', htmlDir] : [])]
  const raw = await runHelper<Record<string, unknown>>(python.command, args, { cwd, env })
  return {
    dataFiles: Number(raw.data_files ?? 0),
    measuredFiles: Number(raw.measured_files ?? 0),
    skipped: (raw.skipped as string[] | undefined) ?? []
  }
}

/** What each coverage.py context ran (per-test: true), from the combined data, into `outputPath`. */
export async function exportContexts(
  python: PythonInfo,
  setup: CoverageSetup,
  dirs: { cwd: string; workDir: string },
  outputPath: string
): Promise<{ contexts: number }> {
  const env = { ...helperEnv(process.env, dirs.workDir), MIXED_COVERAGE_CONFIG: setup.serialized }
  const raw = await runHelper<Record<string, unknown>>(
    python.command,
    ['contexts', '--output', outputPath],
    { cwd: dirs.cwd, env }
  )
  return { contexts: Number(raw.contexts ?? 0) }
}

export interface ExtensionInfo {
  module: string
  file: string | null
  instrumented?: boolean
  mtime?: number
}

/** Where the test interpreter would import `module` from, found without importing it. */
export async function inspectExtension(
  python: PythonInfo,
  module: string,
  dirs: { cwd: string; workDir: string },
  env: NodeJS.ProcessEnv
): Promise<ExtensionInfo> {
  return runHelper<ExtensionInfo>(python.command, ['extension', '--module', module], {
    cwd: dirs.cwd,
    env: helperEnv(env, dirs.workDir)
  })
}
