/**
 * Profiles that cannot be read, on the generated binding (helpers/split-demo.ts): the Python
 * test command leaves a cut-off and an empty .profraw in the target directory beside the real
 * ones, as processes killed while (or before) writing their profile leave them. The report is
 * made from the readable profiles, line for line, and one warning names both files.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { runAction, type RunActionResult } from '../../scripts/runner.mjs'
import { lcovLines, toObject, type LineHits } from '../helpers/lcov-lines.js'
import {
  BINDING_INPUT,
  BINDING_LIB,
  BINDING_LINES,
  CORE_LIB,
  CORE_LINES,
  CORE_TEST_COMMAND,
  writeSplitDemo
} from '../helpers/split-demo.js'
import { venvEnv } from '../helpers/toolchain.js'

const DIR = '"$CARGO_LLVM_COV_TARGET_DIR"'
/** The first 100 bytes of a real profile: its header cut off, as a killed writer leaves it. */
const CUT_ONE = `head -c 100 "$(ls ${DIR}/*.profraw | head -n 1)" > ${DIR}/killed-while-writing.profraw`
const EMPTY_ONE = `: > ${DIR}/killed-before-writing.profraw`

function runWith(inputs: Record<string, string>): Promise<RunActionResult> {
  return runAction({
    inputs: { 'working-directory': BINDING_INPUT, 'upload-artifact': 'false', ...inputs },
    env: venvEnv()
  })
}

function linesOf(result: RunActionResult): Map<string, LineHits> {
  return lcovLines(readFileSync(result.outputs['lcov-path'] as string, 'utf8'))
}

beforeAll(() => writeSplitDemo())

describe('a cut-off and an empty profile among readable ones', () => {
  let result: RunActionResult

  beforeAll(async () => {
    result = await runWith({
      'rust-test-command': CORE_TEST_COMMAND,
      'python-test-command': ['pytest', CUT_ONE, EMPTY_ONE].join('\n')
    })
  }, 900_000)

  it('reports exactly the lines of the readable profiles', () => {
    if (result.exitCode !== 0) throw new Error(result.stdout.slice(-6000))
    const lines = linesOf(result)
    expect(toObject(lines.get(CORE_LIB))).toEqual(CORE_LINES)
    expect(toObject(lines.get(BINDING_LIB))).toEqual(BINDING_LINES)
  })

  it('names both files in one warning, and says what that means for the numbers', () => {
    const warnings = result.commands.filter((line) => line.includes('could not be read'))
    expect(warnings).toHaveLength(1)
    const warning = warnings[0] as string
    expect(warning).toMatch(
      /^::warning::2 of 4 Rust coverage profiles could not be read and are left out of the Rust report: /
    )
    expect(warning).toContain(
      'killed-while-writing.profraw (invalid instrumentation profile data (file header is corrupt))'
    )
    expect(warning).toContain('killed-before-writing.profraw (empty, 0 bytes)')
    expect(warning).toContain(
      'The processes that wrote them are missing from the numbers: Rust lines that only they ran count as not run.'
    )
    expect(result.stdout).toContain('LLVM_PROFDATA_FLAGS')
  })
})

describe('no readable profile at all', () => {
  it('says so and fails the step, with the Python report still written', async () => {
    const cutEvery = `for p in ${DIR}/*.profraw; do head -c 100 "$p" > "$p.cut"; mv "$p.cut" "$p"; done`
    const result = await runWith({
      'rust-test-command': '',
      'python-test-command': ['pytest', cutEvery, EMPTY_ONE].join('\n')
    })
    expect(result.exitCode).toBe(1)
    const errors = result.commands.filter((line) => line.startsWith('::error::'))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(
      /^::error::None of the 2 Rust coverage profiles could be read, so there is no Rust report: python-\d+-\d+_\d\.profraw \(invalid instrumentation profile data \(file header is corrupt\)\), killed-before-writing\.profraw \(empty, 0 bytes\), in /
    )
    const lines = linesOf(result)
    expect([...lines.keys()]).toEqual([
      '.tmp/split-demo/bindings/python/python/split_demo/__init__.py'
    ])
    expect(result.outputs['rust-line-coverage']).toBe('')
    expect(result.outputs['python-line-coverage']).toBe('100.00')
  }, 900_000)
})
