import { describe, expect, it } from '@jest/globals'
import { atLeast, compareVersions, versionParts } from '../../../src/install/versions.js'

describe('versions', () => {
  it('reads the leading numeric part only', () => {
    expect(versionParts('0.9.1')).toEqual([0, 9, 1])
    expect(versionParts('1.95.0-nightly')).toEqual([1, 95, 0])
    expect(versionParts('7.10.0rc1')).toEqual([7, 10, 0])
    expect(versionParts('unknown')).toEqual([0])
  })

  it('orders numerically, not as text, with missing parts as 0', () => {
    expect(['0.10.0', '0.9.1', '0.6.24', '0.9.0'].sort(compareVersions)).toEqual([
      '0.6.24',
      '0.9.0',
      '0.9.1',
      '0.10.0'
    ])
    expect(compareVersions('1.2', '1.2.0')).toBe(0)
    expect(compareVersions('0.7.0', '0.6.99')).toBeGreaterThan(0)
  })

  // The cases python-tools' own atLeast is tested with: the shared one answers the same.
  it.each([
    ['7.10.0', true],
    ['7.10', true],
    ['7.17.3', true],
    ['8.0', true],
    ['7.9.9', false],
    ['7.1', false],
    ['7.10.0b1', true]
  ])('%s >= 7.10: %s', (version, expected) => {
    expect(atLeast(version, '7.10')).toBe(expected)
  })

  it('answers minimum-version checks', () => {
    expect(atLeast('7.10.7', '7.10')).toBe(true)
    expect(atLeast('7.9.2', '7.10')).toBe(false)
    expect(atLeast('7.10', '7.10.0')).toBe(true)
    expect(atLeast('8.0.0b1', '7.10')).toBe(true)
  })
})
