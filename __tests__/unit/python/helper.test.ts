// The helper mc_coverage.py in a real interpreter: finding the extension without importing
// it, the configuration file for a `coverage run` in the test command, and combining data.
import { describe, expect, it, jest } from '@jest/globals'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PYTHON_HELPER } from '../../../src/assets.js'
import { hookEnv, runPython, scratchDir } from './processes.js'

jest.setTimeout(60_000)

async function helper(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}
): Promise<Record<string, unknown>> {
  const end = await runPython([PYTHON_HELPER, ...args], options.env ?? process.env, options)
  if (end.code !== 0) throw new Error(`helper ${args[0]} failed:\n${end.stderr}`)
  return JSON.parse(end.stdout) as Record<string, unknown>
}

describe('extension', () => {
  it('finds pkg._native without importing pkg, and reads instrumentation from the bytes', async () => {
    const dir = scratchDir('ext')
    const imported = join(dir, 'imported')
    const pkg = join(dir, 'pkg')
    mkdirSync(pkg)
    // Importing the package would load the extension: an LLVM profile of the inspection itself.
    writeFileSync(join(pkg, '__init__.py'), `open(${JSON.stringify(imported)}, "w").close()\n`)
    const { stdout: suffix } = await runPython(
      ['-c', 'import importlib.machinery as m; print(m.EXTENSION_SUFFIXES[0])'],
      process.env
    )
    const so = join(pkg, `_native${suffix.trim()}`)
    // The runtime's environment variable name survives `strip`; __llvm_profile_runtime does not.
    writeFileSync(so, Buffer.from('\x7fELF...LLVM_PROFILE_FILE\0...'))
    const env = { ...process.env, PYTHONPATH: dir }
    const found = await helper(['extension', '--module', 'pkg._native'], { env })
    expect(found).toMatchObject({ module: 'pkg._native', file: so, instrumented: true })
    writeFileSync(so, Buffer.from('\x7fELF...__llvm_profile_runtime\0...'))
    const plain = await helper(['extension', '--module', 'pkg._native'], { env })
    expect(plain.instrumented).toBe(false)
    expect(await helper(['extension', '--module', 'pkg._missing'], { env })).toEqual({
      module: 'pkg._missing',
      file: null
    })
    expect(existsSync(imported)).toBe(false)
  })
})

/** A project whose tests run under `coverage run`, with a configuration that is hard to copy. */
function project(): string {
  const dir = scratchDir('coverage-run')
  mkdirSync(join(dir, 'src', 'demo'), { recursive: true })
  writeFileSync(join(dir, 'src', 'demo', '__init__.py'), 'def twice(x):\n    return 2 * x\n')
  writeFileSync(
    join(dir, 'main.py'),
    'import sys\nsys.path.insert(0, "src")\nimport demo\nassert demo.twice(2) == 4\n'
  )
  writeFileSync(
    join(dir, '.coveragerc'),
    [
      '[run]',
      'source = src/demo',
      '[report]',
      'exclude_also =',
      '    def __repr__',
      '    raise NotImplementedError$$',
      '[paths]',
      'source =',
      '    src/',
      '    */site-packages/'
    ].join('\n')
  )
  return dir
}

/**
 * Runs `argv` in `dir` under the start-up hook, configured by the helper as the action
 * configures it, then reports: the lines each measured file ran, and the helper's setup.
 */
async function measureUnderHook(
  dir: string,
  argv: string[],
  withRcfile = false
): Promise<{ setup: Record<string, unknown>; files: Record<string, number[]> }> {
  const data = join(dir, 'data')
  mkdirSync(data)
  const setup = await helper(
    ['config', '--project', dir, '--data-file', join(data, '.coverage')].concat(
      ['--record', join(data, 'record.json'), '--subprocess'],
      withRcfile ? ['--rcfile', join(data, 'coveragerc.ini')] : []
    ),
    { cwd: dir }
  )
  if (withRcfile)
    expect([setup.rcfile, setup.rcfile_problem]).toEqual([join(data, 'coveragerc.ini'), null])
  const env = hookEnv({
    COVERAGE_PROCESS_CONFIG: String(setup.serialized),
    ...(withRcfile ? { COVERAGE_RCFILE: String(setup.rcfile) } : {})
  })
  const ran = await runPython(argv, env, { cwd: dir })
  expect([ran.code, ran.stderr]).toEqual([0, ''])
  const json = join(data, 'report.json')
  const reportEnv = { ...process.env, MIXED_COVERAGE_CONFIG: String(setup.serialized) }
  const result = await helper(['report', '--json', json], { cwd: dir, env: reportEnv })
  if (result.measured_files === 0) return { setup, files: {} }
  const report = JSON.parse(readFileSync(json, 'utf8')) as {
    files: Record<string, { executed_lines: number[] }>
  }
  const files = Object.fromEntries(
    Object.entries(report.files).map(([file, lines]) => [file, lines.executed_lines])
  )
  return { setup, files }
}

describe('a `coverage run` in the test command', () => {
  const run = async (withRcfile: boolean) =>
    (await measureUnderHook(project(), ['-m', 'coverage', 'run', 'main.py'], withRcfile)).files

  it('is lost without the configuration file: the user Coverage pauses the action one', async () => {
    expect(await run(false)).toEqual({})
  })

  it('measures into the action data with the configuration file in COVERAGE_RCFILE', async () => {
    expect(await run(true)).toEqual({ 'src/demo/__init__.py': [1, 2] })
  })
})

describe("the action's own modules", () => {
  it('are not measured, even with no source to measure (all code outside site-packages)', async () => {
    const dir = scratchDir('no-source')
    writeFileSync(join(dir, 'main.py'), 'x = 1\nassert x == 1\n')
    const { setup, files } = await measureUnderHook(dir, ['main.py'])
    expect(setup.source_origin).toBe('none')
    // The start-up hook runs in the same process, from a directory outside site-packages.
    expect(files).toEqual({ 'main.py': [1, 2] })
  })
})

describe('report', () => {
  it('leaves out, and names, a data file that cannot be combined with the others', async () => {
    const dir = scratchDir('combine')
    writeFileSync(join(dir, 'mod.py'), 'x = 1\ny = 2\n')
    const base = join(dir, '.coverage')
    const write =
      'import sys; from coverage import CoverageData; d = CoverageData(sys.argv[1], suffix=sys.argv[2]); ' +
      'f = sys.argv[3]; d.add_arcs({f: [(-1, 1), (1, 2)]}) if sys.argv[2] == "b" else d.add_lines({f: [1]}); d.write()'
    for (const suffix of ['a', 'b']) {
      await runPython(['-c', write, base, suffix, join(dir, 'mod.py')], process.env)
    }
    const { stdout: config } = await runPython(
      [
        '-c',
        'import sys; from coverage.config import CoverageConfig; c = CoverageConfig(); ' +
          'c.data_file = sys.argv[1]; print(c.serialize())',
        base
      ],
      process.env
    )
    const env = { ...process.env, MIXED_COVERAGE_CONFIG: config.trim() }
    const result = await helper(['report', '--json', join(dir, 'r.json')], { cwd: dir, env })
    expect(result).toMatchObject({ data_files: 2, measured_files: 1 })
    expect(result.skipped).toEqual([expect.stringMatching(/^\.coverage\.b: .*branch/i)])
  })
})
