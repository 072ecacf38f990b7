/**
 * llvm-cov and llvm-profdata that can read the profiles rustc writes. What decides is the LLVM
 * major version: the tools must be of the LLVM that `rustc -vV` reports, or slightly newer
 * (LLVM's readers accept older raw-profile and coverage-mapping formats, never newer ones).
 * This file checks candidates; llvm-ways.ts decides where they come from.
 */
import { posix } from 'node:path'
import { exec } from '../exec.js'
import { exeName, isPresent, pathFor, realHost, type Host } from './platform.js'

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

/** How many majors newer than rustc's LLVM a system LLVM may be. */
export const NEWER_MAJORS_ACCEPTED = 2

export async function rustcInfo(
  env: NodeJS.ProcessEnv = process.env,
  cwd?: string
): Promise<RustcInfo> {
  const { stdout } = await exec(['rustc', '-vV'], {
    env,
    cwd,
    captureStdout: true,
    silent: true,
    timeoutMs: 30_000,
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

export async function rustcSysroot(
  env: NodeJS.ProcessEnv,
  cwd?: string
): Promise<string | undefined> {
  return exec(['rustc', '--print', 'sysroot'], {
    env,
    cwd,
    captureStdout: true,
    silent: true,
    timeoutMs: 30_000
  })
    .then((result) => result.stdout.trim() || undefined)
    .catch(() => undefined)
}

/**
 * `<tool> --version` → major version, or undefined when the binary does not run. llvm-profdata
 * before LLVM 15 knows `--version` only as an option of its subcommands: `merge --version`.
 */
export async function llvmMajorOf(
  binary: string,
  env: NodeJS.ProcessEnv = process.env
): Promise<number | undefined> {
  for (const args of [['--version'], ['merge', '--version']]) {
    try {
      const { stdout } = await exec([binary, ...args], {
        env,
        captureStdout: true,
        silent: true,
        timeoutMs: 10_000
      })
      const match = /LLVM version (\d+)\./.exec(stdout)
      if (match) return Number(match[1])
    } catch {
      // not runnable with these arguments; try the next form
    }
  }
  return undefined
}

export function isCompatibleMajor(toolMajor: number, rustcMajor: number): boolean {
  return toolMajor >= rustcMajor && toolMajor <= rustcMajor + NEWER_MAJORS_ACCEPTED
}

export interface Candidate {
  origin: string
  llvmCov: string
  llvmProfdata: string
}

/** The tools in rustup's llvm-tools component of this toolchain. */
export function rustupCandidate(
  rustc: RustcInfo,
  sysroot: string,
  os: NodeJS.Platform = process.platform
): Candidate {
  const bin = pathFor(os).join(sysroot, 'lib', 'rustlib', rustc.host, 'bin')
  return {
    origin: `rustup component llvm-tools (${bin})`,
    llvmCov: pathFor(os).join(bin, exeName('llvm-cov', os)),
    llvmProfdata: pathFor(os).join(bin, exeName('llvm-profdata', os))
  }
}

/**
 * A system LLVM of one major version: distribution directories, then suffixed names on PATH.
 * None of these exist on Windows, where LLVM's installer puts unsuffixed tools on PATH.
 */
export function systemCandidates(
  major: number,
  os: NodeJS.Platform = process.platform
): Candidate[] {
  if (os === 'win32') return []
  const candidates: Candidate[] = [
    `/usr/lib/llvm-${major}/bin`,
    `/usr/lib/llvm/${major}/bin`,
    `/opt/homebrew/opt/llvm@${major}/bin`,
    `/usr/local/opt/llvm@${major}/bin`
  ].map((dir) => ({
    origin: `system LLVM ${major} (${dir})`,
    llvmCov: posix.join(dir, 'llvm-cov'),
    llvmProfdata: posix.join(dir, 'llvm-profdata')
  }))
  candidates.push({
    origin: `llvm-cov-${major} on PATH`,
    llvmCov: `llvm-cov-${major}`,
    llvmProfdata: `llvm-profdata-${major}`
  })
  return candidates
}

/**
 * Every candidate in the order they are tried: LLVM_COV/LLVM_PROFDATA (both set), rustup's
 * component, a system LLVM of rustc's major then of the next newer ones, plain llvm-cov on PATH.
 */
export function candidatePairs(
  rustc: RustcInfo,
  sysroot: string | undefined,
  env: NodeJS.ProcessEnv,
  os: NodeJS.Platform = process.platform
): Candidate[] {
  const candidates: Candidate[] = []
  const fromEnv = envCandidate(env)
  if (fromEnv) candidates.push(fromEnv)
  if (sysroot) candidates.push(rustupCandidate(rustc, sysroot, os))
  for (let major = rustc.llvmMajor; major <= rustc.llvmMajor + NEWER_MAJORS_ACCEPTED; major++) {
    candidates.push(...systemCandidates(major, os))
  }
  candidates.push({
    origin: 'llvm-cov on PATH',
    llvmCov: exeName('llvm-cov', os),
    llvmProfdata: exeName('llvm-profdata', os)
  })
  return candidates
}

export function envCandidate(env: NodeJS.ProcessEnv): Candidate | undefined {
  if (!env.LLVM_COV || !env.LLVM_PROFDATA) return undefined
  return {
    origin: 'LLVM_COV/LLVM_PROFDATA',
    llvmCov: env.LLVM_COV,
    llvmProfdata: env.LLVM_PROFDATA
  }
}

/** The tools when both run and are compatible; otherwise the reason they were refused. */
export async function checkCandidate(
  candidate: Candidate,
  rustc: RustcInfo,
  env: NodeJS.ProcessEnv = process.env,
  host: Host = realHost()
): Promise<LlvmTools | string> {
  if (!isPresent(candidate.llvmCov, env, host)) return `${candidate.origin}: not present`
  const major = await llvmMajorOf(candidate.llvmCov, env)
  if (major === undefined) return `${candidate.origin}: llvm-cov does not run`
  if (!isCompatibleMajor(major, rustc.llvmMajor)) {
    return `${candidate.origin}: LLVM ${major}, but rustc ${rustc.release} uses LLVM ${rustc.llvmMajor}`
  }
  const profdataMajor = await llvmMajorOf(candidate.llvmProfdata, env)
  if (profdataMajor === undefined) return `${candidate.origin}: llvm-profdata does not run`
  if (profdataMajor !== major) {
    return `${candidate.origin}: llvm-cov is LLVM ${major} but llvm-profdata is LLVM ${profdataMajor}`
  }
  return { ...candidate, major }
}

/** The first candidate that passes, or every refusal. */
export async function firstCompatible(
  candidates: readonly Candidate[],
  rustc: RustcInfo,
  env: NodeJS.ProcessEnv,
  host: Host = realHost()
): Promise<LlvmTools | string[]> {
  const refusals: string[] = []
  for (const candidate of candidates) {
    const checked = await checkCandidate(candidate, rustc, env, host)
    if (typeof checked !== 'string') return checked
    refusals.push(checked)
  }
  return refusals
}
