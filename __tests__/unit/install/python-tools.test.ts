import { describe, expect, it } from '@jest/globals'
import {
  atLeast,
  ensurePythonTools,
  installPlan,
  MissingPythonToolsError,
  missingPythonTools,
  pinnedCoverage,
  pythonToolNeeds,
  type PythonToolsProbe
} from '../../../src/install/python-tools.js'
import type { UvProject } from '../../../src/install/uv.js'
import { PIP_INSTALLER as PIP, uvInstaller } from '../../../src/python-env/index.js'

const COMPLETE: PythonToolsProbe = {
  command: ['python3'],
  executable: '/usr/bin/python3',
  version: '3.12.4',
  coverage: '7.17.3',
  pytest: '9.2.0',
  pytestCov: '7.1.0',
  maturin: '1.16.0',
  pip: '25.1'
}
const UV: UvProject = {
  root: '/p',
  lockfile: '/p/uv.lock',
  dir: '/p',
  name: 'demo',
  testGroups: []
}
const UV_INSTALLER = uvInstaller(UV)
const ALL = { pytest: true, pipBuild: true }

describe('pythonToolNeeds', () => {
  it.each([
    ['pytest', true],
    ['python -m pytest -x tests', true],
    ['uv run pytest', true],
    ['.venv/bin/pytest -q', true],
    ['python -m unittest discover', false],
    ['./run-pytests.sh', false]
  ])('%s runs pytest: %s', (command, runsPytest) => {
    expect(pythonToolNeeds({ pythonTestCommand: command, pythonBuildCommand: '' }, PIP)).toEqual({
      pytest: runsPytest,
      pipBuild: false
    })
  })
  it('needs maturin in the interpreter only for the default pip build', () => {
    const commands = { pythonTestCommand: 'pytest', pythonBuildCommand: 'auto' }
    expect(pythonToolNeeds(commands, PIP).pipBuild).toBe(true)
    expect(pythonToolNeeds(commands, UV_INSTALLER).pipBuild).toBe(false)
    expect(
      pythonToolNeeds({ ...commands, pythonBuildCommand: 'maturin develop' }, PIP).pipBuild
    ).toBe(false)
  })
})

describe('missingPythonTools', () => {
  it('is empty when everything is there', () => {
    expect(missingPythonTools(COMPLETE, ALL)).toEqual([])
  })
  it('refuses coverage older than 7.10.4 and names what was found', () => {
    const missing = missingPythonTools({ ...COMPLETE, coverage: '7.9.2' }, ALL)
    expect(missing).toEqual([{ name: 'coverage', requirement: 'coverage>=7.10.4', found: '7.9.2' }])
  })
  // 7.10.3 writes its data but cannot read COVERAGE_PROCESS_CONFIG's ':data:' back in `report`.
  it.each([
    ['7.10.0', false],
    ['7.10.3', false],
    ['7.10.4', true],
    ['7.10.7', true]
  ])('coverage %s is enough: %s', (version, enough) => {
    const missing = missingPythonTools({ ...COMPLETE, coverage: version }, ALL)
    expect(missing.length === 0).toBe(enough)
  })
  it('asks for pytest and maturin only when they are needed, and never for pytest-cov', () => {
    const bare = { ...COMPLETE, pytest: null, pytestCov: null, maturin: null }
    expect(missingPythonTools(bare, { pytest: false, pipBuild: false })).toEqual([])
    expect(missingPythonTools(bare, ALL).map((tool) => tool.name)).toEqual(['pytest', 'maturin'])
  })
})

describe('atLeast', () => {
  it.each([
    ['7.10.4', true],
    ['7.10.10', true],
    ['7.11', true],
    ['7.17.3', true],
    ['8.0', true],
    ['7.10.3', false],
    ['7.10', false],
    ['7.9.9', false],
    ['7.10.4b1', true]
  ])('%s >= 7.10.4: %s', (version, expected) => {
    expect(atLeast(version, '7.10.4')).toBe(expected)
  })
})

describe('install and fix commands', () => {
  const missing = missingPythonTools({ ...COMPLETE, coverage: null, pytest: null }, ALL)
  it('installs with pip through the interpreter command', () => {
    expect(PIP.installArgv({ ...COMPLETE, command: ['uv', 'run', 'python'] }, missing)).toEqual([
      'uv',
      'run',
      'python',
      '-m',
      'pip',
      'install',
      '--disable-pip-version-check',
      'coverage>=7.10.4',
      'pytest'
    ])
    expect(PIP.fixCommand(COMPLETE, missing)).toBe(
      "python3 -m pip install --disable-pip-version-check 'coverage>=7.10.4' pytest"
    )
  })
  it('installs into the uv environment and tells the user to add dev dependencies', () => {
    expect(UV_INSTALLER.installArgv(COMPLETE, missing)).toEqual([
      'uv',
      'pip',
      'install',
      '--python',
      '/usr/bin/python3',
      'coverage>=7.10.4',
      'pytest'
    ])
    expect(UV_INSTALLER.fixCommand(COMPLETE, missing)).toBe(
      "uv add --dev 'coverage>=7.10.4' pytest"
    )
  })
})

describe('an interpreter without pip', () => {
  const noPip = { ...COMPLETE, pip: null, maturin: null }
  it('needs pip for the default pip build, and gets it from ensurepip first', () => {
    const missing = missingPythonTools(noPip, ALL)
    expect(missing.map((tool) => tool.name)).toEqual(['maturin', 'pip'])
    expect(PIP.installArgv(noPip, missing).slice(-1)).toEqual(['maturin>=1,<2'])
    expect(PIP.fixCommand(noPip, missing)).toBe(
      "python3 -m ensurepip --upgrade && python3 -m pip install --disable-pip-version-check 'maturin>=1,<2'"
    )
  })
  it('does not need pip under uv', () => {
    const needs = pythonToolNeeds(
      { pythonTestCommand: 'pytest', pythonBuildCommand: 'auto' },
      UV_INSTALLER
    )
    const missing = missingPythonTools({ ...noPip, coverage: null }, needs)
    expect(missing.map((tool) => tool.name)).toEqual(['coverage'])
    expect(UV_INSTALLER.fixCommand(noPip, missing)).toBe("uv add --dev 'coverage>=7.10.4'")
  })
})

describe('ensurePythonTools', () => {
  it('returns the probe untouched when nothing is missing', async () => {
    const reprobe = async () => {
      throw new Error('must not probe again')
    }
    expect(
      await ensurePythonTools(COMPLETE, ALL, { install: false, installer: PIP, reprobe })
    ).toBe(COMPLETE)
  })
  it('throws the exact command when a project tool is missing and installing is not allowed', async () => {
    const error = await ensurePythonTools({ ...COMPLETE, pytest: null }, ALL, {
      install: false,
      installer: PIP,
      reprobe: async () => COMPLETE
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MissingPythonToolsError)
    expect((error as Error).message).toBe(
      'Missing in /usr/bin/python3: pytest. Install with:\n' +
        '  python3 -m pip install --disable-pip-version-check pytest\n' +
        'or set the install-python-tools input to true to let this step install them.'
    )
  })
})

describe('installPlan', () => {
  it('always brings coverage.py, pinned for the interpreter, and only the project tools allowed', () => {
    const missing = missingPythonTools({ ...COMPLETE, coverage: '7.4.0', pytest: null }, ALL)
    expect(installPlan(COMPLETE, missing, false)).toEqual({
      install: [{ name: 'coverage', requirement: 'coverage==7.17.3', found: '7.4.0' }],
      refused: [{ name: 'pytest', requirement: 'pytest', found: null }]
    })
    expect(installPlan(COMPLETE, missing, true).install.map((tool) => tool.requirement)).toEqual([
      'coverage==7.17.3',
      'pytest'
    ])
  })
  it('brings the last coverage.py for Python 3.9 to a 3.9 interpreter', () => {
    expect(pinnedCoverage('3.9.21')).toBe('coverage==7.10.7')
    expect(pinnedCoverage('3.10.0')).toBe('coverage==7.17.3')
    expect(pinnedCoverage('3.14.1')).toBe('coverage==7.17.3')
  })
})
