import { describe, expect, it } from '@jest/globals'
import {
  binaryName,
  currentPlatform,
  releaseAssetName,
  targetTriple
} from '../../../src/install/platform.js'

describe('targetTriple', () => {
  it.each([
    [{ os: 'linux', arch: 'x64', musl: false }, 'x86_64-unknown-linux-gnu'],
    [{ os: 'linux', arch: 'arm64', musl: false }, 'aarch64-unknown-linux-gnu'],
    [{ os: 'linux', arch: 'x64', musl: true }, 'x86_64-unknown-linux-musl'],
    [{ os: 'darwin', arch: 'arm64', musl: false }, 'aarch64-apple-darwin'],
    [{ os: 'win32', arch: 'x64', musl: false }, 'x86_64-pc-windows-msvc'],
    [{ os: 'linux', arch: 's390x', musl: false }, undefined],
    [{ os: 'freebsd', arch: 'x64', musl: false }, undefined]
  ] as const)('%j → %s', (platform, triple) => {
    expect(targetTriple(platform)).toBe(triple)
  })

  it('names the release archive and the binary', () => {
    expect(releaseAssetName('x86_64-unknown-linux-gnu')).toBe(
      'cargo-llvm-cov-x86_64-unknown-linux-gnu.tar.gz'
    )
    expect(binaryName({ os: 'win32', arch: 'x64', musl: false })).toBe('cargo-llvm-cov.exe')
    expect(binaryName({ os: 'darwin', arch: 'arm64', musl: false })).toBe('cargo-llvm-cov')
  })

  it('sees this machine as glibc Linux on x64', () => {
    expect(currentPlatform()).toEqual({ os: 'linux', arch: 'x64', musl: false })
  })
})
