import { describe, expect, it } from '@jest/globals'
import { diagnoseMissingExtensionProfiles } from '../../src/diagnosis.js'

const base = { targetDir: '/w/target', builtLibraries: ['lib_native.so'] }

describe('diagnoseMissingExtensionProfiles', () => {
  it('says nothing when the extension wrote profiles', () => {
    expect(diagnoseMissingExtensionProfiles({ ...base, newProfiles: 2 })).toBeUndefined()
  })

  it('names an uninstrumented extension and lists the causes', () => {
    const message = diagnoseMissingExtensionProfiles({
      ...base,
      newProfiles: 0,
      extension: {
        module: 'pkg._native',
        file: '/venv/site-packages/pkg/_native.so',
        instrumented: false,
        mtime: 1
      }
    })
    expect(message).toContain(
      'The tests import pkg._native from /venv/site-packages/pkg/_native.so.'
    )
    expect(message).toMatch(/not instrumented/)
    expect(message).toMatch(/release build/)
    expect(message).toMatch(/SIGKILL/)
  })

  it('points at the target directory when no library was built there', () => {
    const message = diagnoseMissingExtensionProfiles({
      ...base,
      builtLibraries: [],
      newProfiles: 0
    })
    expect(message).toMatch(/No shared library was built into \/w\/target\/debug/)
  })

  it('notices an extension older than the build', () => {
    const message = diagnoseMissingExtensionProfiles({
      ...base,
      newProfiles: 0,
      buildStartedAt: 2_000_000,
      extension: { module: 'm', file: '/x/m.so', instrumented: true, mtime: 1000 }
    })
    expect(message).toMatch(/older than this run's build/)
  })
})
