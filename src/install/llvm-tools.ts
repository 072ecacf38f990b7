/**
 * Finds llvm-cov and llvm-profdata that can read the profiles rustc writes: the LLVM major
 * version must be compatible with the LLVM that `rustc -vV` reports.
 * Order: LLVM_COV/LLVM_PROFDATA, rustup's llvm-tools component, a system LLVM of the
 * same major version.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ToolNotFoundError } from '../errors.js'
import { exec } from '../exec.js'

export interface LlvmTools {
  llvmCov: string
  llvmProfdata: string
  /** LLVM major version of the tools. */
  major: number
  /** Where they came from, for the log. */
  origin: string
}

export interface RustcInfo {
  host: string
  llvmMajor: number
  release: string
}

export async function rustcInfo(env: NodeJS.ProcessEnv = process.env): Promise<RustcInfo> {
  const { stdout } = await exec(['rustc', '-vV'], {
    env,
    captureStdout: true,
    silent: true,
    hint: 'install Rust (for example with dtolnay/rust-toolchain) before this step'
  })
  return parseRustcVersion(stdout)
}

export function parseRustcVersion(text: string): RustcInfo {
  const field = (name: string) => new RegExp(`^${name}: (.+)$`, 'm').exec(text)?.[1]?.trim()
  const llvm = field('LLVM version')
  const host = field('host')
  const release = field('release')
  if (!llvm || !host || !release) throw new Error(`unexpected 'rustc -vV' output:\n${text}`)
  return { host, release, llvmMajor: Number(llvm.split('.')[0]) }
}

/** `llvm-cov --version` → major version, or undefined when the binary does not run. */
export async function llvmMajorOf(binary: string): Promise<number | undefined> {
  try {
    const { stdout } = await exec([binary, '--version'], {
      captureStdout: true,
      silent: true,
      timeoutMs: 10_000
    })
    const match = /LLVM version (\d+)\./.exec(stdout)
    return match ? Number(match[1]) : undefined
  } catch {
    return undefined
  }
}

export interface Candidate {
  origin: string
  llvmCov: string
  llvmProfdata: string
}

export function candidatePairs(
  rustc: RustcInfo,
  sysroot: string | undefined,
  env: NodeJS.ProcessEnv
): Candidate[] {
  const candidates: Candidate[] = []
  if (env.LLVM_COV && env.LLVM_PROFDATA) {
    candidates.push({
      origin: 'LLVM_COV/LLVM_PROFDATA',
      llvmCov: env.LLVM_COV,
      llvmProfdata: env.LLVM_PROFDATA
    })
  }
  if (sysroot) {
    const bin = join(sysroot, 'lib', 'rustlib', rustc.host, 'bin')
    candidates.push({
      origin: `rustup component llvm-tools (${bin})`,
      llvmCov: join(bin, 'llvm-cov'),
      llvmProfdata: join(bin, 'llvm-profdata')
    })
  }
  const major = rustc.llvmMajor
  for (const dir of [
    `/usr/lib/llvm-${major}/bin`,
    `/opt/homebrew/opt/llvm@${major}/bin`,
    `/usr/local/opt/llvm@${major}/bin`
  ]) {
    candidates.push({
      origin: `system LLVM ${major} (${dir})`,
      llvmCov: join(dir, 'llvm-cov'),
      llvmProfdata: join(dir, 'llvm-profdata')
    })
  }
  candidates.push({
    origin: `llvm-cov-${major} on PATH`,
    llvmCov: `llvm-cov-${major}`,
    llvmProfdata: `llvm-profdata-${major}`
  })
  candidates.push({
    origin: 'llvm-cov on PATH',
    llvmCov: 'llvm-cov',
    llvmProfdata: 'llvm-profdata'
  })
  return candidates
}

export async function findLlvmTools(env: NodeJS.ProcessEnv = process.env): Promise<LlvmTools> {
  const rustc = await rustcInfo(env)
  const sysroot = await exec(['rustc', '--print', 'sysroot'], {
    env,
    captureStdout: true,
    silent: true
  })
    .then((result) => result.stdout.trim())
    .catch(() => undefined)
  const tried: string[] = []
  for (const candidate of candidatePairs(rustc, sysroot, env)) {
    const isPath = candidate.llvmCov.includes('/')
    if (isPath && !existsSync(candidate.llvmCov)) {
      tried.push(`${candidate.origin}: not present`)
      continue
    }
    const major = await llvmMajorOf(candidate.llvmCov)
    const profdataMajor =
      major === undefined ? undefined : await llvmMajorOf(candidate.llvmProfdata)
    if (major === undefined || profdataMajor === undefined) {
      tried.push(`${candidate.origin}: does not run`)
    } else if (major !== rustc.llvmMajor || profdataMajor !== major) {
      tried.push(
        `${candidate.origin}: LLVM ${major}, but rustc ${rustc.release} uses LLVM ${rustc.llvmMajor}`
      )
    } else {
      return { ...candidate, major }
    }
  }
  throw new ToolNotFoundError(
    `llvm-cov and llvm-profdata for LLVM ${rustc.llvmMajor}`,
    tried,
    `Install them with 'rustup component add llvm-tools-preview', or a system LLVM ${rustc.llvmMajor} ` +
      `(Debian/Ubuntu: 'apt-get install llvm-${rustc.llvmMajor}') and set LLVM_COV and LLVM_PROFDATA to its binaries.`
  )
}
