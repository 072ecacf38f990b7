/**
 * coverage.py's side of per-test: true in a real interpreter: the helper's configuration turns
 * test_function contexts on, the start-up hook measures the tests with it, and the helper's
 * `contexts` writes what each test function ran — lines and arcs — from the combined data.
 */
import { beforeAll, describe, expect, it, jest } from '@jest/globals'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PYTHON_HELPER } from '../../../src/assets.js'
import { hookEnv, runPython, scratchDir } from './processes.js'

jest.setTimeout(60_000)

async function helper(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const end = await runPython([PYTHON_HELPER, ...args], env, { cwd })
  if (end.code !== 0) throw new Error(`helper ${args[0]} failed:\n${end.stderr}`)
  return JSON.parse(end.stdout.trim().split('\n').pop() as string) as Record<string, unknown>
}

let dir: string
let config: Record<string, unknown>
let contexts: { static_context: string; contexts: Record<string, Record<string, unknown>> }

beforeAll(async () => {
  dir = scratchDir('per-test-contexts')
  mkdirSync(join(dir, 'pkg'))
  mkdirSync(join(dir, 'tests'))
  mkdirSync(join(dir, 'data'))
  writeFileSync(join(dir, 'pkg', '__init__.py'), '')
  writeFileSync(
    join(dir, 'pkg', 'calc.py'),
    'def sign(x):\n    if x < 0:\n        return -1\n    return 1\n'
  )
  writeFileSync(
    join(dir, 'tests', 'test_calc.py'),
    'from pkg.calc import sign\n\n\ndef test_negative():\n    assert sign(-2) == -1\n\n\ndef test_positive():\n    assert sign(3) == 1\n'
  )
  writeFileSync(
    join(dir, 'pyproject.toml'),
    '[tool.coverage.run]\nbranch = true\nsource = ["pkg"]\n\n[tool.pytest.ini_options]\npythonpath = ["."]\n'
  )
  const env = { ...process.env, COVERAGE_PROCESS_CONFIG: undefined }
  config = await helper(
    ['config', '--project', dir, '--data-file', join(dir, 'data', '.coverage')].concat([
      '--record',
      join(dir, 'data', 'record.json'),
      '--subprocess',
      '--per-test'
    ]),
    dir,
    env
  )
  const tests = hookEnv({ COVERAGE_PROCESS_CONFIG: String(config.serialized) })
  const run = await runPython(['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'tests'], tests, {
    cwd: dir
  })
  expect([run.code, run.stderr]).toEqual([0, ''])
  const reportEnv = { ...env, MIXED_COVERAGE_CONFIG: String(config.serialized) }
  await helper(['report', '--json', join(dir, 'coverage.json')], dir, reportEnv)
  const output = join(dir, 'contexts.json')
  expect(await helper(['contexts', '--output', output], dir, reportEnv)).toEqual({
    contexts: 3,
    files: 2
  })
  contexts = JSON.parse(readFileSync(output, 'utf8')) as typeof contexts
})

describe('per-test contexts', () => {
  it('turns test_function contexts on, keeping the branch measurement of the project', () => {
    expect(config).toMatchObject({
      dynamic_context: 'test_function',
      static_context: null,
      branch: true
    })
  })

  it('writes the lines and arcs each test function ran; imports run outside any test', () => {
    const calc = join(dir, 'pkg', 'calc.py')
    expect(contexts.static_context).toBe('')
    expect(contexts.contexts['test_calc.test_negative']).toEqual({
      [calc]: {
        lines: [2, 3],
        arcs: [
          [-1, 2],
          [2, 3],
          [3, -1]
        ]
      }
    })
    expect(contexts.contexts['test_calc.test_positive']).toEqual({
      [calc]: {
        lines: [2, 4],
        arcs: [
          [-1, 2],
          [2, 4],
          [4, -1]
        ]
      }
    })
    expect(Object.keys(contexts.contexts['']?.[calc] as object)).toEqual(['lines', 'arcs'])
    expect((contexts.contexts['']?.[calc] as { lines: number[] }).lines).toEqual([1])
  })
})
