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

describe('detectUvProject', () => {
  it('finds uv.lock in the directory itself', () => {
    const root = tree({ 'uv.lock': '', 'pyproject.toml': PYPROJECT })
    expect(detectUvProject(root)).toEqual({
      root,
      lockfile: join(root, 'uv.lock'),
      name: 'pyo3-demo'
    })
  })
  it('finds the workspace root from a member directory', () => {
    const root = tree({
      'uv.lock': '',
      'pyproject.toml': PYPROJECT,
      'packages/ext/pyproject.toml': ''
    })
    expect(detectUvProject(join(root, 'packages', 'ext'))?.root).toBe(root)
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
  const project = { root: '/w/p', lockfile: '/w/p/uv.lock', name: 'pyo3-demo' }
  it('prepares without the project, runs python without syncing, builds only the project', () => {
    expect(uvPrepareArgv(project)).toEqual([
      'uv',
      'sync',
      '--project',
      '/w/p',
      '--frozen',
      '--no-install-project'
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
  it('refuses to build a project without a name', () => {
    expect(() => uvBuildArgv({ ...project, name: undefined })).toThrow(/no \[project\] name/)
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
