import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Outputs } from '../../../src/constants.js'
import { ActionOutputs } from '../../../src/publish/outputs.js'
import { parseFileCommand } from '../../../scripts/runner.mjs'
import { setEnv } from '../../support/process-helpers.js'

let outputFile: string
let restore: () => void
beforeEach(() => {
  outputFile = join(mkdtempSync(join(tmpdir(), 'mc-outputs-')), 'output')
  writeFileSync(outputFile, '')
  restore = setEnv({ GITHUB_OUTPUT: outputFile })
})
afterEach(() => restore())

describe('ActionOutputs', () => {
  it('writes every output, even when nothing was learned', () => {
    new ActionOutputs().write()
    const written = parseFileCommand(readFileSync(outputFile, 'utf8'))
    expect(Object.keys(written).sort()).toEqual(Object.values(Outputs).sort())
    expect(written).toMatchObject({ passed: 'false', 'tests-passed': 'false', 'line-coverage': '' })
  })

  it('keeps the last value set for each output', () => {
    const outputs = new ActionOutputs()
    outputs.set(Outputs.Passed, true)
    outputs.set(Outputs.ArtifactId, 42)
    outputs.set(Outputs.ChangedLineCoverage, '66.67')
    outputs.write()
    expect(parseFileCommand(readFileSync(outputFile, 'utf8'))).toMatchObject({
      passed: 'true',
      'artifact-id': '42',
      'changed-line-coverage': '66.67'
    })
  })
})
