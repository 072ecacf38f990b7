// What the Python test command gets from the action (testEnv), what it is told about a
// `coverage run` in it, and how a helper that prints no JSON result is reported.
import { describe, expect, it } from '@jest/globals'
import { delimiter } from 'node:path'
import { PYTHON_HOOK_DIR } from '../../../src/assets.js'
import { coverageRunWarnings } from '../../../src/measure/python.js'
import {
  coverageSetup,
  findPython,
  helperEnv,
  HelperOutputError,
  testEnv,
  type CoverageSetup,
  type PythonInfo
} from '../../../src/phases/python.js'

const PYTHON: PythonInfo = {
  command: ['python3'],
  executable: '/usr/bin/python3',
  version: '3.12.1',
  inVirtualenv: false,
  scriptsDir: '/usr/local/bin',
  coverage: '7.10.4',
  pytest: '8.4.2',
  pytestCov: null,
  maturin: '1.16.0',
  pip: '25.1'
}
const SETUP: CoverageSetup = {
  serialized: 'eyJ9',
  source: ['/w/python/pkg'],
  sourceOrigin: 'pyproject',
  configFilesRead: [],
  package: 'pkg',
  extensionModule: 'pkg._native',
  branch: false,
  dynamicContext: null,
  staticContext: null,
  rcfile: '/tmp/run/python/coveragerc.ini',
  rcfileProblem: null,
  warnings: []
}
const IENV = {
  env: { PATH: '/usr/bin', PYTHONPATH: '/mine', COVERAGE_FILE: '/elsewhere/.coverage' },
  targetDir: '/w/target',
  variables: {}
}

describe('testEnv', () => {
  it('measures every process, exits on SIGTERM, and points `coverage run` at our settings', () => {
    const env = testEnv(IENV, PYTHON, SETUP, true)
    expect(env).toEqual({
      PATH: `/usr/local/bin${delimiter}/usr/bin`,
      PYTHONPATH: `${PYTHON_HOOK_DIR}${delimiter}/mine`,
      COVERAGE_PROCESS_CONFIG: 'eyJ9',
      COVERAGE_RCFILE: '/tmp/run/python/coveragerc.ini',
      MIXED_COVERAGE_SIGTERM: '1',
      MIXED_COVERAGE_SUBPROCESS: '1'
    })
  })

  it('with subprocess coverage off: only the command own processes, SIGTERM untouched', () => {
    const env = testEnv(IENV, PYTHON, SETUP, false)
    expect([env.MIXED_COVERAGE_SIGTERM, env.MIXED_COVERAGE_SUBPROCESS]).toEqual(['0', '0'])
  })

  it('keeps COVERAGE_FILE when there is no configuration file, and adds --no-cov for pytest-cov', () => {
    const env = testEnv(
      { ...IENV, env: { ...IENV.env, PYTEST_ADDOPTS: '-x' } },
      { ...PYTHON, pytestCov: '7.1.0' },
      { ...SETUP, rcfile: null },
      true
    )
    expect([env.COVERAGE_FILE, env.COVERAGE_RCFILE]).toEqual(['/elsewhere/.coverage', undefined])
    expect(env.PYTEST_ADDOPTS).toBe('-x --no-cov')
  })
})

describe('helperEnv', () => {
  it('starts no coverage.py and sends any LLVM profile to a scratch file', () => {
    const env = helperEnv(
      { PATH: '/bin', COVERAGE_PROCESS_CONFIG: 'x', COVERAGE_PROCESS_START: 'y' },
      '/tmp/run/python'
    )
    expect(env).toEqual({ PATH: '/bin', LLVM_PROFILE_FILE: '/tmp/run/python/helper-%p.profraw' })
  })
})

describe('coverageRunWarnings', () => {
  it.each(['pytest', 'python -m pytest -x', 'uv run pytest', 'tox -e py312'])(
    'says nothing about %s',
    (command) => {
      expect(coverageRunWarnings(command, SETUP)).toEqual([])
      expect(coverageRunWarnings(command, { ...SETUP, rcfile: null })).toEqual([])
    }
  )

  it.each([
    'coverage run -m pytest',
    'python -m coverage run -m pytest tests',
    '.venv/bin/coverage run -p -m pytest && coverage combine',
    'make build; uv run coverage run -m pytest'
  ])('accepts %s with the configuration file, warns without it', (command) => {
    expect(coverageRunWarnings(command, SETUP)).toEqual([])
    const [message] = coverageRunWarnings(command, {
      ...SETUP,
      rcfile: null,
      rcfileProblem: 'some of its settings cannot be written to an INI file'
    })
    expect(message).toMatch(/runs `coverage run`, which .* pauses the action's measurement/)
    expect(message).toMatch(/\(some of its settings cannot be written to an INI file\)/)
    expect(message).toMatch(/`pytest` or `python -m pytest`/)
  })

  it('warns about options that defeat the configuration file', () => {
    const [message] = coverageRunWarnings(
      'coverage run --rcfile=ci.cfg --branch --data-file .cov -m pytest',
      SETUP
    )
    expect(message).toMatch(
      /with --rcfile .*, --data-file .*, --branch \(.*set `branch = true` in your coverage.py configuration/
    )
    expect(
      coverageRunWarnings('coverage run --branch -m pytest', { ...SETUP, branch: true })
    ).toEqual([])
  })
})

describe('a helper that prints no JSON result', () => {
  // `sh -c` stands in for an interpreter whose start-up prints to stdout.
  const noisy = ['sh', '-c', 'echo "welcome to this environment"; echo "(no JSON)" >&2', 'sh']

  it('is named with its command and the end of its output', async () => {
    const error = await coverageSetup({ ...PYTHON, command: noisy }, '/tmp', '/tmp', {
      source: [],
      subprocess: true
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HelperOutputError)
    const message = (error as Error).message
    expect(message).toMatch(
      /^The action's Python helper `sh -c .*\/mc_coverage\.py config --project/
    )
    expect(message).toMatch(/gave no JSON result/)
    expect(message).toMatch(/welcome to this environment\n\(no JSON\)$/)
  })

  it('makes that interpreter unusable, with the reason, when it is probed', async () => {
    const error = await findPython([noisy], '/tmp', process.env).catch((e: unknown) => e)
    expect((error as Error).message).toMatch(
      /^No usable Python interpreter\. Tried:\n {2}- sh -c .*: The action's Python helper .* gave no JSON result/
    )
  })
})
