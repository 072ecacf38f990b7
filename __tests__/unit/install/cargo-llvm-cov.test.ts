// Where cargo-llvm-cov is looked for, on this machine's file system and (with the platform's
// path rules injected and a recording stand-in for the file system) on Windows.
import { describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { candidateBinaries, cargoBinDir } from '../../../src/install/cargo-llvm-cov.js'
import { pathDirs, realHost, type Host } from '../../../src/install/platform.js'

describe('candidateBinaries', () => {
  it('finds the binary in PATH order, then in $CARGO_HOME/bin, each once', () => {
    const root = mkdtempSync(join(tmpdir(), 'mc-candidates-'))
    for (const dir of ['a', 'b', 'home/bin']) {
      mkdirSync(join(root, dir), { recursive: true })
      if (dir !== 'a') writeFileSync(join(root, dir, 'cargo-llvm-cov'), '')
    }
    const env = {
      PATH: [join(root, 'a'), 'relative/dir', join(root, 'b'), join(root, 'b')].join(delimiter),
      CARGO_HOME: join(root, 'home')
    }
    expect(candidateBinaries(env, 'cargo-llvm-cov', realHost('linux'))).toEqual([
      join(root, 'b', 'cargo-llvm-cov'),
      join(root, 'home', 'bin', 'cargo-llvm-cov')
    ])
  })

  it('reads Windows Path with backslashes and finds cargo-llvm-cov.exe', () => {
    const probed: string[] = []
    const present = 'C:\\Users\\runneradmin\\.cargo\\bin\\cargo-llvm-cov.exe'
    const host: Host = {
      os: 'win32',
      exists: (path) => (probed.push(path), path === present)
    }
    const env = {
      Path: 'C:\\Windows\\system32;C:\\Users\\runneradmin\\.cargo\\bin',
      USERPROFILE: 'C:\\Users\\runneradmin'
    }
    expect(candidateBinaries(env, 'cargo-llvm-cov.exe', host)).toEqual([present])
    expect(probed).toEqual(['C:\\Windows\\system32\\cargo-llvm-cov.exe', present])
  })
})

describe('cargoBinDir', () => {
  it('follows CARGO_INSTALL_ROOT, then CARGO_HOME, then the home directory', () => {
    expect(cargoBinDir({ CARGO_INSTALL_ROOT: '/opt/tools', CARGO_HOME: '/c' }, 'linux')).toBe(
      '/opt/tools/bin'
    )
    expect(cargoBinDir({ CARGO_HOME: '/c' }, 'linux')).toBe('/c/bin')
    expect(cargoBinDir({ HOME: '/home/u' }, 'linux')).toBe('/home/u/.cargo/bin')
  })

  it('uses the user profile on Windows, not a POSIX-style HOME', () => {
    const env = { HOME: '/c/Users/runneradmin', USERPROFILE: 'C:\\Users\\runneradmin' }
    expect(cargoBinDir(env, 'win32')).toBe('C:\\Users\\runneradmin\\.cargo\\bin')
    expect(cargoBinDir({ CARGO_HOME: 'D:\\cargo' }, 'win32')).toBe('D:\\cargo\\bin')
  })
})

describe('pathDirs', () => {
  it('splits with the platform delimiter and finds Path in any case on Windows only', () => {
    expect(pathDirs({ Path: 'C:\\a;C:\\b;' }, 'win32')).toEqual(['C:\\a', 'C:\\b'])
    expect(pathDirs({ Path: '/a' }, 'linux')).toEqual([])
    expect(pathDirs({ PATH: '/a::/b' }, 'linux')).toEqual(['/a', '/b'])
  })
})
