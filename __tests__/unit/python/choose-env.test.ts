/**
 * Which Python environment a run takes with `python: auto` (python-env/index.ts), with the
 * real uv on PATH or none: an active virtual environment wins over a uv.lock, a uv.lock
 * without uv means the workflow does not use uv, and the project's own .venv is the uv one.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { ActiveVirtualenv, PlainInterpreter } from '../../../src/python-env/pip.js'
import { choosePythonEnvironment } from '../../../src/python-env/index.js'
import { UvEnvironment, UvVirtualenv } from '../../../src/python-env/uv.js'
import type { PythonInfo } from '../../../src/phases/python.js'

const root = mkdtempSync(join(tmpdir(), 'mc-choose-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
writeFileSync(join(root, 'uv.lock'), '')
writeFileSync(
  join(root, 'pyproject.toml'),
  '[project]\nname = "demo"\n\n[dependency-groups]\ntest = ["pytest"]\n'
)

const config = { python: 'auto', workspace: root, uvSyncArgs: [] }
const withUv = { PATH: process.env.PATH }
const withoutUv = {
  PATH: (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => !existsSync(join(dir, 'uv')))
    .join(delimiter)
}

describe('choosePythonEnvironment', () => {
  it('takes the uv project with uv installed, syncing the group that holds pytest', async () => {
    const { environment, notice } = await choosePythonEnvironment(config, root, withUv)
    expect(environment).toBeInstanceOf(UvEnvironment)
    expect((environment as UvEnvironment).syncArgs).toEqual(['--group', 'test'])
    expect(notice).toBeUndefined()
  })
  it('stays with uv when the active environment is the project’s own .venv', async () => {
    const env = { ...withUv, VIRTUAL_ENV: join(root, '.venv') }
    expect((await choosePythonEnvironment(config, root, env)).environment).toBeInstanceOf(
      UvEnvironment
    )
  })
  it('lets another active virtual environment win, and says so', async () => {
    const env = { ...withUv, VIRTUAL_ENV: '/opt/venv' }
    const { environment, notice } = await choosePythonEnvironment(config, root, env)
    expect(environment).toBeInstanceOf(ActiveVirtualenv)
    expect(notice).toBe(
      `A virtual environment is active (/opt/venv): the Python phases run in it, not in ${join(root, '.venv')} from ${join(root, 'uv.lock')}.`
    )
  })
  it('reads a uv.lock without uv as a workflow that does not use uv', async () => {
    const { environment, notice } = await choosePythonEnvironment(config, root, withoutUv)
    expect(environment).toBeInstanceOf(PlainInterpreter)
    expect(environment).not.toBeInstanceOf(ActiveVirtualenv)
    expect(notice).toMatch(
      /uv\.lock is there, but uv is not installed: this workflow does not use uv, so the Python phases run in python on PATH\./
    )
  })
  it('takes uv-sync-args instead of the guessed groups', async () => {
    const given = { ...config, uvSyncArgs: ['--all-groups'] }
    const { environment } = await choosePythonEnvironment(given, root, withUv)
    expect((environment as UvEnvironment).syncArgs).toEqual(['--all-groups'])
  })
  it('takes the interpreter the python input names, whatever the project', async () => {
    const { environment } = await choosePythonEnvironment({ ...config, python: 'python3.12' }, root)
    expect(environment.candidates).toEqual([['python3.12']])
  })
})

describe('an active virtual environment without a uv project', () => {
  const plain = mkdtempSync(join(tmpdir(), 'mc-plain-'))
  const made = (cfg: string) => {
    const venv = mkdtempSync(join(root, 'venv-'))
    writeFileSync(join(venv, 'pyvenv.cfg'), cfg)
    return venv
  }
  afterAll(() => rmSync(plain, { recursive: true, force: true }))
  const byUv = made(
    'home = /usr/bin\nimplementation = CPython\nuv = 0.13.9\nversion_info = 3.11.7\n'
  )
  const byVenv = made('home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.7\n')

  it('goes through uv pip when uv made it and uv is installed', async () => {
    const { environment } = await choosePythonEnvironment(config, plain, {
      ...withUv,
      VIRTUAL_ENV: byUv
    })
    expect(environment).toBeInstanceOf(UvVirtualenv)
    expect(environment.candidates[0]).toEqual([join(byUv, 'bin', 'python')])
    const python = { executable: join(byUv, 'bin', 'python') } as PythonInfo
    // Reinstalled by name: an earlier install of the project is never reused as it is.
    expect(environment.defaultBuild(python, root).argv).toEqual([
      ...['uv', 'pip', 'install', '--python', join(byUv, 'bin', 'python')],
      ...['--reinstall-package', 'demo', '--no-build-isolation', '-e', root]
    ])
    expect(environment.installer.buildsWithPip).toBe(false)
  })
  it('goes through pip when python -m venv made it, or uv is not installed', async () => {
    for (const [venv, env] of [
      [byVenv, withUv],
      [byUv, withoutUv]
    ] as const) {
      const { environment } = await choosePythonEnvironment(config, plain, {
        ...env,
        VIRTUAL_ENV: venv
      })
      expect(environment).toBeInstanceOf(ActiveVirtualenv)
      expect(environment).not.toBeInstanceOf(UvVirtualenv)
      expect(environment.installer.buildsWithPip).toBe(true)
    }
  })
})
