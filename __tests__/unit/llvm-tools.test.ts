import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import {
  candidatePairs,
  checkCandidate,
  envCandidate,
  parseRustcVersion,
  rustupCandidate,
  type Candidate
} from '../../src/install/llvm-tools.js'
import { isPresent, realHost, type Host } from '../../src/install/platform.js'

const RUSTC_VV = `rustc 1.95.0 (59807616e 2026-04-14)
binary: rustc
commit-hash: 59807616e1fa2540724bfbac14d7976d7e4a3860
commit-date: 2026-04-14
host: x86_64-unknown-linux-gnu
release: 1.95.0
LLVM version: 22.1.2
`

describe('parseRustcVersion', () => {
  it('reads host, release and the LLVM major version', () => {
    expect(parseRustcVersion(RUSTC_VV)).toEqual({
      host: 'x86_64-unknown-linux-gnu',
      release: '1.95.0',
      llvmMajor: 22
    })
  })
  it('refuses output without an LLVM version', () => {
    expect(() => parseRustcVersion('rustc 1.0\n')).toThrow(/unexpected 'rustc -vV' output/)
  })
})

describe('candidatePairs', () => {
  const rustc = parseRustcVersion(RUSTC_VV)
  it('tries LLVM_COV/LLVM_PROFDATA first, then rustup, then a system LLVM of the same major', () => {
    const origins = candidatePairs(
      rustc,
      '/rust/sysroot',
      { LLVM_COV: '/x/llvm-cov', LLVM_PROFDATA: '/x/llvm-profdata' },
      'linux'
    ).map((c) => c.llvmCov)
    expect(origins.slice(0, 3)).toEqual([
      '/x/llvm-cov',
      '/rust/sysroot/lib/rustlib/x86_64-unknown-linux-gnu/bin/llvm-cov',
      '/usr/lib/llvm-22/bin/llvm-cov'
    ])
    expect(origins).toContain('llvm-cov-22')
  })
  it('skips LLVM_COV when LLVM_PROFDATA is not set with it', () => {
    const first = candidatePairs(rustc, undefined, { LLVM_COV: '/x/llvm-cov' }, 'linux')[0]
    expect(first?.llvmCov).toBe('/usr/lib/llvm-22/bin/llvm-cov')
  })
})

// Windows on this Linux machine: the platform's path rules are injected, and a recording
// stand-in replaces the file system (Windows paths cannot exist here); everything else is real.
function recordingHost(os: NodeJS.Platform, present: readonly string[]) {
  const probed: string[] = []
  const host: Host = {
    os,
    exists: (path) => {
      probed.push(path)
      return present.includes(path)
    }
  }
  return { host, probed }
}

const WINDOWS_RUSTC = parseRustcVersion(
  RUSTC_VV.replace('host: x86_64-unknown-linux-gnu', 'host: x86_64-pc-windows-msvc')
)
const WINDOWS_SYSROOT = 'C:\\Users\\runneradmin\\.rustup\\toolchains\\stable-x86_64-pc-windows-msvc'
const WINDOWS_BIN = `${WINDOWS_SYSROOT}\\lib\\rustlib\\x86_64-pc-windows-msvc\\bin`

describe('LLVM tools on Windows', () => {
  it('looks for rustup’s llvm-cov.exe and llvm-profdata.exe with backslashes', () => {
    expect(rustupCandidate(WINDOWS_RUSTC, WINDOWS_SYSROOT, 'win32')).toEqual({
      origin: `rustup component llvm-tools (${WINDOWS_BIN})`,
      llvmCov: `${WINDOWS_BIN}\\llvm-cov.exe`,
      llvmProfdata: `${WINDOWS_BIN}\\llvm-profdata.exe`
    })
  })

  it('tries no POSIX directories, and llvm-cov.exe on PATH last', () => {
    const candidates = candidatePairs(WINDOWS_RUSTC, WINDOWS_SYSROOT, {}, 'win32')
    expect(candidates.map((c) => c.llvmCov)).toEqual([
      `${WINDOWS_BIN}\\llvm-cov.exe`,
      'llvm-cov.exe'
    ])
  })

  it('checks an absolute path where it is, never joined onto PATH', () => {
    const { host, probed } = recordingHost('win32', [`${WINDOWS_BIN}\\llvm-cov.exe`])
    const env = { Path: 'C:\\Windows\\system32;C:\\LLVM\\bin' }
    expect(isPresent(`${WINDOWS_BIN}\\llvm-cov.exe`, env, host)).toBe(true)
    expect(probed).toEqual([`${WINDOWS_BIN}\\llvm-cov.exe`])
  })

  it('accepts a path without .exe, as CreateProcess does', () => {
    const { host, probed } = recordingHost('win32', ['C:\\LLVM\\bin\\llvm-cov.exe'])
    expect(isPresent('C:\\LLVM\\bin\\llvm-cov', {}, host)).toBe(true)
    expect(probed).toEqual(['C:\\LLVM\\bin\\llvm-cov', 'C:\\LLVM\\bin\\llvm-cov.exe'])
  })

  it('searches Path (any spelling) with ; for a bare name', () => {
    const { host, probed } = recordingHost('win32', ['C:\\LLVM\\bin\\llvm-cov.exe'])
    const env = { Path: 'C:\\Windows\\system32;C:\\LLVM\\bin' }
    expect(isPresent('llvm-cov.exe', env, host)).toBe(true)
    expect(probed).toEqual(['C:\\Windows\\system32\\llvm-cov.exe', 'C:\\LLVM\\bin\\llvm-cov.exe'])
  })

  it('takes LLVM_COV=...\\llvm-cov.exe as present, then runs it', async () => {
    const llvmCov = 'C:\\LLVM\\bin\\llvm-cov.exe'
    const { host } = recordingHost('win32', [llvmCov])
    const candidate = envCandidate({
      LLVM_COV: llvmCov,
      LLVM_PROFDATA: 'C:\\LLVM\\bin\\llvm-profdata.exe'
    })
    expect(candidate).toBeDefined()
    // Found, so it is run: on Linux that fails, which shows it got past the presence check.
    const refused = await checkCandidate(candidate as Candidate, WINDOWS_RUSTC, {}, host)
    expect(refused).toBe('LLVM_COV/LLVM_PROFDATA: llvm-cov does not run')
  })
})

describe('isPresent on this machine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mc-present-'))
  writeFileSync(join(dir, 'llvm-cov'), '')

  it('finds an absolute path, a name on PATH, and nothing else', () => {
    const host = realHost('linux')
    expect(isPresent(join(dir, 'llvm-cov'), {}, host)).toBe(true)
    expect(isPresent('llvm-cov', { PATH: `/nonexistent${delimiter}${dir}` }, host)).toBe(true)
    expect(isPresent('llvm-cov', { PATH: '/nonexistent' }, host)).toBe(false)
    // A POSIX name is case-sensitive and gets no .exe.
    expect(isPresent('llvm-cov', { Path: dir }, host)).toBe(false)
    expect(isPresent(join(dir, 'llvm-profdata'), { PATH: dir }, host)).toBe(false)
  })
})
