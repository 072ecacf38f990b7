import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  detectUvProject,
  projectName,
  uvBuildArgv,
  uvPrepareArgv,
  uvPythonCommand,
  uvSyncArgs,
  uvTestEnv
} from '../../../src/install/uv.js'

const made: string[] = []
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'mc-uv-'))
  made.push(root)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

const PYPROJECT = `[build-system]
requires = ["maturin>=1.5,<2"]
build-backend = "maturin"

[project]
name = "pyo3-demo"
version = "0.1.0"

[tool.uv]
name = "not-this-one"
`

/** A virtual workspace root: members, no [project] of its own. */
const VIRTUAL_ROOT = `[tool.uv.workspace]
members = ["packages/*"]
`

describe('detectUvProject', () => {
  it('finds uv.lock in the directory itself', () => {
    const root = tree({ 'uv.lock': '', 'pyproject.toml': PYPROJECT })
    expect(detectUvProject(root)).toEqual({
      root,
      lockfile: join(root, 'uv.lock'),
      dir: root,
      name: 'pyo3-demo',
      testGroups: []
    })
  })
  it('finds the workspace root from a member, and takes the project from the member', () => {
    const root = tree({
      'uv.lock': '',
      'pyproject.toml': VIRTUAL_ROOT,
      'packages/ext/pyproject.toml': PYPROJECT
    })
    const member = join(root, 'packages', 'ext')
    expect(detectUvProject(member)).toEqual({
      root,
      lockfile: join(root, 'uv.lock'),
      dir: member,
      name: 'pyo3-demo',
      testGroups: []
    })
  })
  it('does not look above stopAt', () => {
    const root = tree({ 'uv.lock': '', 'repo/pyproject.toml': PYPROJECT })
    expect(detectUvProject(join(root, 'repo'), join(root, 'repo'))).toBeUndefined()
  })
  it('is undefined without uv.lock', () => {
    expect(detectUvProject(tree({ 'pyproject.toml': PYPROJECT }))).toBeUndefined()
  })
})

describe('projectName', () => {
  it('reads [project].name, not a name of another table', () => {
    expect(projectName(tree({ 'pyproject.toml': PYPROJECT }))).toBe('pyo3-demo')
    expect(projectName(tree({ 'pyproject.toml': '[tool.uv]\nname = "x"\n' }))).toBeUndefined()
  })
})

describe('uv commands', () => {
  const project = {
    root: '/w/p',
    lockfile: '/w/p/uv.lock',
    dir: '/w/p',
    name: 'pyo3-demo',
    testGroups: []
  }
  it('prepares without the project, runs python without syncing, builds only the project', () => {
    expect(uvPrepareArgv(project)).toEqual([
      'uv',
      'sync',
      '--project',
      '/w/p',
      '--frozen',
      '--no-install-project',
      '--no-install-package',
      'pyo3-demo'
    ])
    expect(uvPythonCommand(project)).toEqual([
      'uv',
      'run',
      '--project',
      '/w/p',
      '--frozen',
      '--no-sync',
      'python'
    ])
    expect(uvBuildArgv(project)).toEqual([
      'uv',
      'sync',
      '--project',
      '/w/p',
      '--frozen',
      '--inexact',
      '--reinstall-package',
      'pyo3-demo'
    ])
  })
  it('leaves out and then builds the member of a virtual workspace, not the root', () => {
    const root = tree({
      'uv.lock': '',
      'pyproject.toml': VIRTUAL_ROOT,
      'packages/ext/pyproject.toml': PYPROJECT
    })
    const member = detectUvProject(join(root, 'packages', 'ext'))!
    expect(uvPrepareArgv(member)).toEqual([
      'uv',
      'sync',
      '--project',
      root,
      '--frozen',
      '--no-install-project',
      '--no-install-package',
      'pyo3-demo'
    ])
    expect(uvBuildArgv(member).slice(-2)).toEqual(['--reinstall-package', 'pyo3-demo'])
    expect(uvBuildArgv(member).slice(2, 4)).toEqual(['--project', root])
  })
  it('prepares without --no-install-package when the directory names no project', () => {
    expect(uvPrepareArgv({ ...project, name: undefined }).slice(-1)).toEqual([
      '--no-install-project'
    ])
  })
  it('refuses to build a project without a name', () => {
    expect(() => uvBuildArgv({ ...project, name: undefined })).toThrow(
      /\/w\/p\/pyproject.toml has no \[project\] name: add one .*or set python-build-command/
    )
  })
  it('activates the environment for the tests and keeps uv from re-syncing', () => {
    expect(uvTestEnv({ PATH: '/usr/bin', HOME: '/h' }, '/w/p/.venv/bin')).toEqual({
      PATH: '/w/p/.venv/bin:/usr/bin',
      HOME: '/h',
      VIRTUAL_ENV: '/w/p/.venv',
      UV_NO_SYNC: '1',
      UV_FROZEN: '1'
    })
  })
})

describe('dependency groups that hold the test tools', () => {
  const GROUPS = `${PYPROJECT}
[dependency-groups]
lint = ["ruff"]
test = ["pytest>=8", "pytest-timeout"]
typing = ["mypy"]
ci = [{ include-group = "test" }, "nox"]
Docs_Build = ["sphinx"]
`
  it('finds the groups with pytest or a plugin, through include-group, in the file order', () => {
    const root = tree({ 'uv.lock': '', 'pyproject.toml': GROUPS })
    expect(detectUvProject(root)?.testGroups).toEqual(['test', 'ci'])
  })
  it("adds the workspace root's groups to a member's", () => {
    const root = tree({
      'uv.lock': '',
      'pyproject.toml': `${VIRTUAL_ROOT}\n[dependency-groups]\ndev = ["pytest"]\n`,
      'packages/ext/pyproject.toml': GROUPS
    })
    expect(detectUvProject(join(root, 'packages', 'ext'))?.testGroups).toEqual([
      'test',
      'ci',
      'dev'
    ])
  })
  it('syncs them with --group, unless uv-sync-args says what to sync', () => {
    const root = tree({ 'uv.lock': '', 'pyproject.toml': GROUPS })
    const found = detectUvProject(root)!
    expect(uvSyncArgs(found, [])).toEqual(['--group', 'test', '--group', 'ci'])
    expect(uvSyncArgs(found, ['--all-groups'])).toEqual(['--all-groups'])
    expect(uvPrepareArgv(found, uvSyncArgs(found, [])).slice(-4)).toEqual([
      '--group',
      'test',
      '--group',
      'ci'
    ])
  })
  it('says which file is not TOML', () => {
    const root = tree({ 'uv.lock': '', 'pyproject.toml': '[project\nname = 1' })
    expect(() => detectUvProject(root)).toThrow(/pyproject\.toml is not valid TOML/)
  })
})
