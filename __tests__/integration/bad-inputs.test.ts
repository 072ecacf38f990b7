/**
 * Bad inputs stop the bundled action before any command runs, with the input's name and
 * what was expected, and a failed step.
 */
import { describe, expect, it } from '@jest/globals'
import { runAction } from '../../scripts/runner.mjs'

const cases: Array<[string, Record<string, string>, string]> = [
  [
    'a working directory that does not exist',
    { 'working-directory': 'no/such/project' },
    "::error::Input 'working-directory': directory 'no/such/project' does not exist"
  ],
  [
    'a non-numeric threshold',
    { 'fail-under-lines': 'most' },
    "::error::Input 'fail-under-lines': expected a number from 0 to 100, got 'most'"
  ],
  [
    'an unknown policy',
    { 'on-threshold-failure': 'ignore' },
    "::error::Input 'on-threshold-failure': expected one of fail, warn, got 'ignore'"
  ]
]

describe('bad inputs', () => {
  it.each(cases)('refuses %s before running anything', async (_name, inputs, message) => {
    const result = await runAction({ inputs })
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain(message)
    expect(result.stdout).not.toContain('[command]')
    expect(result.stdout).not.toContain('::group::')
  })
})
