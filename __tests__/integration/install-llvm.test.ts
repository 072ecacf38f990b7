// LLVM tools against this machine's real installs: rustc 1.95 (LLVM 22) with rustup's
// llvm-tools, Debian's llvm-22 in /usr/lib/llvm-22, and /usr/bin/llvm-cov, which is LLVM 14 and
// must be refused. `rustup component add` runs for real against a loopback dist server that
// refuses or never answers (RUSTUP_DIST_SERVER), on a toolchain without the component; apt-get
// runs for real too (llvm-22 is already installed, so the install changes nothing).
import { beforeAll, describe, expect, it, jest } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ToolNotFoundError } from '../../src/errors.js'
import { checkCandidate, rustcInfo, type RustcInfo } from '../../src/install/llvm-tools.js'
import { findLlvmTools, type LlvmToolsOptions } from '../../src/install/llvm-ways.js'
import type { InstallLog } from '../../src/install/ways.js'
import { refusingUrl, silentServer } from '../fixtures/install/servers.js'

jest.setTimeout(120_000)

let rustc: RustcInfo

function logCollector(): InstallLog & { lines: string[] } {
  const lines: string[] = []
  const keep = (level: string) => (message: string) => {
    lines.push(`${level} ${message}`)
    process.stdout.write(`    [${level}] ${message}\n`)
  }
  return { lines, info: keep('info'), debug: keep('debug'), warning: keep('warning') }
}

function find(options: LlvmToolsOptions, log = logCollector()) {
  return findLlvmTools({ log, ...options })
}

/** An installed toolchain of LLVM 22 that lacks llvm-tools (here: nightly), if there is one. */
function toolchainWithoutLlvmTools(): string | undefined {
  const list = execFileSync('rustup', ['toolchain', 'list']).toString()
  for (const line of list.split('\n')) {
    const name = line.split(' ')[0]
    if (!name) continue
    const env = { ...process.env, RUSTUP_TOOLCHAIN: name }
    const sysroot = execFileSync('rustc', ['--print', 'sysroot'], { env }).toString().trim()
    const version = execFileSync('rustc', ['-vV'], { env }).toString()
    const host = /^host: (.+)$/m.exec(version)?.[1] ?? ''
    const hasTools = existsSync(join(sysroot, 'lib', 'rustlib', host, 'bin', 'llvm-cov'))
    if (!hasTools && /^LLVM version: 22\./m.test(version)) return name
  }
  return undefined
}
const bareToolchain = toolchainWithoutLlvmTools()
const itWithBareToolchain = bareToolchain ? it : it.skip
if (!bareToolchain) {
  process.stdout.write(
    '    (no LLVM 22 toolchain without llvm-tools: rustup offline tests skipped)\n'
  )
}

beforeAll(async () => {
  rustc = await rustcInfo()
})

describe('LLVM tools on this machine', () => {
  it('reads rustc 1.95 as LLVM 22', () => {
    expect(rustc.llvmMajor).toBe(22)
  })

  it('takes rustup’s llvm-tools of the active toolchain first', async () => {
    const tools = await find({})
    expect(tools.major).toBe(22)
    expect(tools.origin).toMatch(
      /^rustup component llvm-tools \(.*\/lib\/rustlib\/x86_64-unknown-linux-gnu\/bin\)$/
    )
  })

  it('finds Debian’s llvm-22 as a system LLVM', async () => {
    const tools = await find({ sources: ['system'] })
    expect(tools).toEqual({
      origin: 'system LLVM 22 (/usr/lib/llvm-22/bin)',
      llvmCov: '/usr/lib/llvm-22/bin/llvm-cov',
      llvmProfdata: '/usr/lib/llvm-22/bin/llvm-profdata',
      major: 22
    })
  })

  it('refuses /usr/bin/llvm-cov: LLVM 14 cannot read rustc 1.95’s profiles', async () => {
    const refused = await checkCandidate(
      {
        origin: 'llvm-cov on PATH',
        llvmCov: '/usr/bin/llvm-cov',
        llvmProfdata: '/usr/bin/llvm-profdata'
      },
      rustc
    )
    expect(refused).toBe('llvm-cov on PATH: LLVM 14, but rustc 1.95.0 uses LLVM 22')
  })

  it('says so when LLVM_COV points at LLVM 14, and goes on to the next way', async () => {
    const log = logCollector()
    const env = {
      ...process.env,
      LLVM_COV: '/usr/bin/llvm-cov',
      LLVM_PROFDATA: '/usr/bin/llvm-profdata'
    }
    const tools = await find({ env, sources: ['env', 'system'] }, log)
    expect(log.lines[0]).toMatch(
      /env: failed \((\d+ ms|\d+\.\d s)\) — LLVM_COV\/LLVM_PROFDATA: LLVM 14, but rustc 1.95.0 uses LLVM 22$/
    )
    expect(tools.llvmCov).toBe('/usr/lib/llvm-22/bin/llvm-cov')
  })
})

describe('rustup component add, where rustup cannot download', () => {
  itWithBareToolchain(
    'fails at once against a dist server that refuses, then finds llvm-22',
    async () => {
      const log = logCollector()
      const env = {
        ...process.env,
        RUSTUP_TOOLCHAIN: bareToolchain,
        RUSTUP_DIST_SERVER: await refusingUrl()
      }
      const tools = await find({ env, sources: ['rustup', 'system'] }, log)
      const rustup = log.lines.find((line) => line.includes(': rustup: '))
      expect(rustup).toMatch(
        /rustup: failed \((\d+ ms|[0-4]\.\d s)\) — .*rustup component add llvm-tools-preview/
      )
      expect(tools.origin).toBe('system LLVM 22 (/usr/lib/llvm-22/bin)')
    }
  )

  itWithBareToolchain(
    'is cut off at its timeout against a dist server that never answers',
    async () => {
      const silent = await silentServer()
      try {
        const log = logCollector()
        const env = {
          ...process.env,
          RUSTUP_TOOLCHAIN: bareToolchain,
          RUSTUP_DIST_SERVER: silent.url
        }
        const started = Date.now()
        const tools = await find({ env, sources: ['rustup', 'system'], rustupTimeoutMs: 4000 }, log)
        expect(Date.now() - started).toBeLessThan(10_000)
        expect(silent.requests.length).toBeGreaterThan(0)
        // The phase's time includes rustup's start and the kill: from 4 s, under the bound above.
        expect(log.lines.find((line) => line.includes(': rustup: '))).toMatch(
          /rustup: failed \([4-9]\.\d s\) — .*rustup component add llvm-tools-preview timed out after 4 s and was killed/
        )
        expect(tools.major).toBe(22)
      } finally {
        await silent.close()
      }
    }
  )
})

describe('apt-get install llvm-NN', () => {
  it('is not tried unless install-llvm allows it, and the error lists every try', async () => {
    const error = await find({ sources: ['apt'], installLlvm: false }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ToolNotFoundError)
    expect((error as Error).message).toMatch(
      /^llvm-cov and llvm-profdata for LLVM 22 was not found\. Tried:\n {2}- apt: skipped after (\d+ ms|\d+\.\d s) — not allowed \(the install-llvm input is false\)\nInstall them with 'rustup component add llvm-tools-preview'/
    )
  })

  it('installs llvm-22 on Debian as root when allowed (already installed: apt keeps it)', async () => {
    const tools = await find({ sources: ['apt'], installLlvm: true })
    expect(tools).toMatchObject({
      origin: 'apt-get install llvm-22 (/usr/lib/llvm-22/bin)',
      llvmCov: '/usr/lib/llvm-22/bin/llvm-cov',
      major: 22
    })
  }, 600_000)
})
