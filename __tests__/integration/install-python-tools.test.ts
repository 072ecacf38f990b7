// The Python-tool check and the uv functions with real interpreters: a fresh virtual
// environment (no coverage in it) probed by src/python/mc_coverage.py, pip installing from
// PyPI; and a uv project made from examples/pyo3-demo (a uv.lock generated here), prepared,
// probed, completed with `uv pip`, built through `uv sync` in the debug profile with
// cargo-llvm-cov's instrumented environment, and tested with `uv run pytest` kept from
// re-syncing, which must leave Rust profiles behind; the same as the member of a uv workspace
// whose root is virtual, built through the action's own default build (buildExtension).
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PYTHON_HELPER } from '../../src/assets.js'
import { exec } from '../../src/exec.js'
import {
  ensurePythonTools,
  MissingPythonToolsError,
  type PythonToolsProbe
} from '../../src/install/python-tools.js'
import {
  detectUvProject,
  prepareUvProject,
  uvBuildArgv,
  uvPythonCommand,
  uvTestEnv,
  uvVersion
} from '../../src/install/uv.js'
import { buildExtension } from '../../src/phases/python.js'
import { PIP_INSTALLER, uvInstaller } from '../../src/python-env/index.js'
import { UvEnvironment } from '../../src/python-env/uv.js'

jest.setTimeout(300_000)

const EXAMPLE = join(import.meta.dirname, '../../examples/pyo3-demo')

async function probe(
  command: string[],
  cwd: string
): Promise<PythonToolsProbe & { scriptsDir: string }> {
  const { stdout } = await exec([...command, PYTHON_HELPER, 'probe'], {
    cwd,
    captureStdout: true,
    silent: true
  })
  const raw = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Record<string, string | null>
  return {
    command,
    executable: String(raw.executable),
    version: String(raw.version),
    scriptsDir: String(raw.scripts_dir),
    coverage: raw.coverage ?? null,
    pytest: raw.pytest ?? null,
    pytestCov: raw.pytest_cov ?? null,
    maturin: raw.maturin ?? null,
    pip: raw.pip ?? null
  }
}

describe('a virtual environment without coverage.py and without pip', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mc-pytools-'))
  const python = join(dir, 'venv', 'bin', 'python')
  beforeAll(() => {
    execFileSync('python3', ['-m', 'venv', '--without-pip', join(dir, 'venv')])
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('refuses a missing project tool with the exact pip command, before installing anything', async () => {
    const before = await probe([python], dir)
    expect(before.coverage).toBeNull()
    const error = await ensurePythonTools(
      before,
      { pytest: true, pipBuild: false },
      {
        install: false,
        installer: PIP_INSTALLER,
        reprobe: () => probe([python], dir)
      }
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MissingPythonToolsError)
    expect((error as Error).message).toContain(
      `Missing in ${python}: pytest. Install with:\n  ${python} -m ensurepip --upgrade && ${python} -m pip install --disable-pip-version-check pytest\n`
    )
    expect((await probe([python], dir)).pip).toBeNull()
  })

  it('brings coverage.py itself (pinned) without install-python-tools, pip from ensurepip first', async () => {
    const before = await probe([python], dir)
    const logged: string[] = []
    const after = await ensurePythonTools(
      before,
      { pytest: false, pipBuild: false },
      {
        install: false,
        installer: PIP_INSTALLER,
        reprobe: () => probe([python], dir),
        log: (line) => logged.push(line)
      }
    )
    expect(before.pip).toBeNull()
    expect(after.pip).not.toBeNull()
    expect(after.coverage).toBe('7.17.3')
    expect(after).not.toBe(before)
    expect(logged).toEqual([
      `coverage is missing in ${python}: installing coverage==7.17.3, the version this action is tested with (coverage.py is the action's instrument, as cargo-llvm-cov is).`
    ])
  })
})

const uvInstalled = execFileSync('sh', ['-c', 'command -v uv || true']).toString().trim() !== ''
const describeWithUv = uvInstalled ? describe : describe.skip
if (!uvInstalled)
  process.stdout.write('    (uv is not installed: the uv project tests are skipped)\n')

/** One Cargo target directory for both uv projects: pyo3 is compiled once. */
const uvTarget = mkdtempSync(join(tmpdir(), 'mc-uvtarget-'))
const uvEnv = { ...process.env, CARGO_TARGET_DIR: uvTarget }
afterAll(() => rmSync(uvTarget, { recursive: true, force: true }))

/** examples/pyo3-demo copied to `dir`, with pytest as a dev dependency for uv. */
function copyExample(dir: string): void {
  // Without the extension an earlier build left in the example's sources.
  const filter = (source: string) => !/\.(so|pyd|dylib)$/.test(source)
  for (const entry of ['Cargo.toml', 'Cargo.lock', 'pyproject.toml', 'core', 'ext', 'python']) {
    cpSync(join(EXAMPLE, entry), join(dir, entry), { recursive: true, filter })
  }
  cpSync(join(EXAMPLE, 'tests'), join(dir, 'tests'), { recursive: true })
  appendFileSync(join(dir, 'pyproject.toml'), '\n[dependency-groups]\ndev = ["pytest>=8"]\n')
}

function profiles(targetDir: string): string[] {
  return readdirSync(targetDir).filter((name) => name.endsWith('.profraw'))
}

describeWithUv('a uv project (examples/pyo3-demo with a uv.lock)', () => {
  const root = mkdtempSync(join(tmpdir(), 'mc-uvproject-'))
  const env = uvEnv

  beforeAll(async () => {
    copyExample(root)
    await exec(['uv', 'lock'], { cwd: root, env, silent: true })
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('is detected from a directory inside it, which names no project itself', () => {
    expect(detectUvProject(join(root, 'python', 'pyo3_demo'))).toEqual({
      root,
      lockfile: join(root, 'uv.lock'),
      dir: join(root, 'python', 'pyo3_demo'),
      name: undefined,
      // The workspace root's dev group holds pytest.
      testGroups: ['dev']
    })
    expect(detectUvProject(root)?.name).toBe('pyo3-demo')
  })

  it('is prepared without the project, probed through uv run, and completed with uv pip', async () => {
    const project = detectUvProject(root)!
    expect(await uvVersion(env)).toMatch(/^\d+\.\d+/)
    await prepareUvProject(project, [], env, root)
    const before = await probe(uvPythonCommand(project), root)
    expect(before.executable).toBe(join(root, '.venv', 'bin', 'python'))
    expect([before.pytest !== null, before.coverage, before.pytestCov]).toEqual([true, null, null])
    expect(readdirSync(join(root, '.venv', 'lib'), { recursive: true })).not.toContainEqual(
      expect.stringMatching(/_native\./)
    )
    const after = await ensurePythonTools(
      before,
      { pytest: true, pipBuild: false },
      {
        install: true,
        installer: uvInstaller(project),
        env,
        cwd: root,
        reprobe: () => probe(uvPythonCommand(project), root)
      }
    )
    expect([after.coverage !== null, after.pytestCov]).toEqual([true, null])
  })

  it('builds the extension instrumented in the debug profile, and its tests write profiles', async () => {
    const project = detectUvProject(root)!
    const instrumented = await cargoLlvmCovEnv(root)
    const buildEnv = { ...env, ...instrumented, MATURIN_PEP517_ARGS: '--profile dev' }
    await exec(uvBuildArgv(project), { cwd: root, env: buildEnv, silent: true })
    const targetDir = instrumented.CARGO_TARGET_DIR ?? ''
    expect(readdirSync(join(targetDir, 'debug'))).toContain('lib_native.so')
    const python = await probe(uvPythonCommand(project), root)
    expect(python.coverage).not.toBeNull() // --inexact kept what uv pip installed
    const testEnv = uvTestEnv({ ...env, ...instrumented }, python.scriptsDir)
    const before = profiles(targetDir)
    await exec(['uv', 'run', 'pytest', '-q'], { cwd: root, env: testEnv, silent: true })
    expect(profiles(targetDir).length).toBeGreaterThan(before.length)
  })
})

describeWithUv('a uv workspace: a virtual root with the maturin project as a member', () => {
  const root = mkdtempSync(join(tmpdir(), 'mc-uvworkspace-'))
  const member = join(root, 'ext')

  beforeAll(async () => {
    mkdirSync(member)
    copyExample(member)
    writeFileSync(join(root, 'pyproject.toml'), '[tool.uv.workspace]\nmembers = ["ext"]\n')
    await exec(['uv', 'lock'], { cwd: root, env: uvEnv, silent: true })
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('prepares the environment without building the member, then builds it instrumented', async () => {
    const project = detectUvProject(member)!
    expect(project).toMatchObject({ root, dir: member, name: 'pyo3-demo' })
    await prepareUvProject(project, [], uvEnv, member)
    const python = await probe(uvPythonCommand(project), member)
    const listed = await exec(['uv', 'pip', 'list', '--python', python.executable], {
      env: uvEnv,
      captureStdout: true,
      silent: true
    })
    // --no-install-project alone would have built the member in release (uninstrumented).
    expect(listed.stdout).not.toMatch(/pyo3-demo/)
    const instrumented = await cargoLlvmCovEnv(member)
    const targetDir = instrumented.CARGO_TARGET_DIR ?? ''
    const ienv = { env: { ...uvEnv, ...instrumented }, targetDir, variables: instrumented }
    const info = { ...python, version: '', inVirtualenv: true, maturin: null, pip: null }
    await buildExtension('auto', info, ienv, member, new UvEnvironment(project, []))
    // The editable install puts the extension next to the Python sources, instrumented.
    const pkg = join(member, 'python', 'pyo3_demo')
    const built = readdirSync(pkg).filter((name) => /^_native\..*\.so$/.test(name))
    expect(built).toHaveLength(1)
    expect(readFileSync(join(pkg, built[0]!)).includes('LLVM_PROFILE_FILE')).toBe(true)
    const before = profiles(targetDir)
    const testEnv = uvTestEnv(ienv.env, python.scriptsDir)
    await exec(['uv', 'run', 'pytest', '-q'], { cwd: member, env: testEnv, silent: true })
    expect(profiles(targetDir).length).toBeGreaterThan(before.length)
  })
})

/** `cargo llvm-cov show-env --sh` read into variables (values are single-quoted when needed). */
async function cargoLlvmCovEnv(cwd: string): Promise<Record<string, string>> {
  const { stdout } = await exec(['cargo', 'llvm-cov', 'show-env', '--sh'], {
    cwd,
    env: uvEnv,
    captureStdout: true,
    silent: true
  })
  const variables: Record<string, string> = {}
  for (const line of stdout.split('\n')) {
    const match = /^export ([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim())
    if (match?.[1]) variables[match[1]] = (match[2] ?? '').replace(/^'(.*)'$/, '$1')
  }
  variables.CARGO_TARGET_DIR = variables.CARGO_LLVM_COV_TARGET_DIR ?? join(cwd, 'target')
  return variables
}
