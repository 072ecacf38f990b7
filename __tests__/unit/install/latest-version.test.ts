import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { latestCargoLlvmCov, newestRelease } from '../../../src/install/latest-version.js'
import { refusingUrl, serveFiles, type TestServer } from '../../fixtures/install/servers.js'

const INDEX = readFileSync(
  join(import.meta.dirname, '../../fixtures/install/crates-index-cargo-llvm-cov.jsonl'),
  'utf8'
)

describe('newestRelease', () => {
  it('takes the highest version that is neither yanked nor a pre-release', () => {
    expect(newestRelease(INDEX)).toBe('0.9.1')
  })
  it('compares numerically, not as text', () => {
    const lines = ['0.9.1', '0.10.0', '0.2.0'].map((vers) =>
      JSON.stringify({ vers, yanked: false })
    )
    expect(newestRelease(lines.join('\n'))).toBe('0.10.0')
  })
  it('skips a yanked newest release', () => {
    const yanked = JSON.stringify({ vers: '0.9.2', yanked: true })
    expect(newestRelease(`${INDEX}${yanked}\n`)).toBe('0.9.1')
  })
})

describe('latestCargoLlvmCov', () => {
  let index: TestServer
  beforeAll(async () => {
    index = await serveFiles({ '/ca/rg/cargo-llvm-cov': INDEX })
  })
  afterAll(() => index.close())

  it('reads the sparse index file of the crate', async () => {
    expect(await latestCargoLlvmCov(index.url)).toEqual({ version: '0.9.1' })
    expect(index.requests).toEqual(['/ca/rg/cargo-llvm-cov'])
  })
  it('reports an unreachable index instead of throwing', async () => {
    const result = await latestCargoLlvmCov(await refusingUrl())
    expect(result.version).toBeUndefined()
    expect(result.problem).toMatch(/ECONNREFUSED/)
  })
})
