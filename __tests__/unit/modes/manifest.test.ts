import { describe, expect, it } from '@jest/globals'
import { parseManifest, serializeManifest, ShardError } from '../../../src/modes/index.js'
import { windowsManifest } from './helpers/manifests.js'

function refusal(text: string): string {
  try {
    parseManifest(text, 'mixed-coverage-shard-x')
  } catch (error) {
    expect(error).toBeInstanceOf(ShardError)
    return (error as Error).message
  }
  throw new Error('expected a ShardError')
}

describe('shard manifest', () => {
  it('reads back what it wrote', () => {
    const manifest = windowsManifest()
    expect(parseManifest(serializeManifest(manifest), 'x')).toEqual(manifest)
  })

  it('refuses another schema, naming both versions and the artifact', () => {
    const text = JSON.stringify({ ...windowsManifest(), schema: 2 })
    expect(refusal(text)).toBe(
      'mixed-coverage-shard-x: shard.json has schema 2, this action reads schema 1; collect and merge with the same version of the action'
    )
  })

  it('refuses text that is not JSON, and JSON that is not a manifest', () => {
    expect(refusal('PK\u0003\u0004')).toMatch(/^mixed-coverage-shard-x: shard.json is not JSON/)
    expect(refusal('[1]')).toMatch(/field 'schema' must be a number/)
    expect(refusal('null')).toMatch(/field 'schema' must be a number/)
  })

  it('names the first field of the wrong type', () => {
    const manifest = windowsManifest() as unknown as Record<string, unknown>
    const broken = (patch: Record<string, unknown>) => JSON.stringify({ ...manifest, ...patch })
    expect(refusal(broken({ workspace: 7 }))).toMatch(/field 'workspace' must be a string/)
    expect(refusal(broken({ tests: { rust: '0', python: null } }))).toMatch(
      /field 'tests.rust' must be an exit code or null/
    )
    expect(refusal(broken({ failures: ['x', 1] }))).toMatch(/'failures' must be a list of strings/)
  })

  it('takes report names only as plain file names inside the artifact', () => {
    for (const name of ['../../etc/passwd', 'a/b.lcov', 'C:\\x.lcov', '..', '']) {
      const text = JSON.stringify({ ...windowsManifest(), reports: { rust: name, python: null } })
      expect(refusal(text)).toMatch(/field 'reports.rust' must be a plain file name or null/)
    }
  })
})
