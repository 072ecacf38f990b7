/**
 * Finds (and where allowed installs) LLVM tools for rustc's profiles. Ways, in order:
 *   1. LLVM_COV + LLVM_PROFDATA;  2. rustup's llvm-tools component, added when missing (bounded:
 *   where rustup cannot download it fails fast or is cut off);  3. a system LLVM of a compatible
 *   major;  4. with install-llvm, on Debian/Ubuntu as root or with sudo: apt-get install llvm-NN.
 * Otherwise a ToolNotFoundError that lists every try.
 */
import { ToolNotFoundError } from '../errors.js'
import { exec } from '../exec.js'
import { aptInstallLlvm, aptUnavailable } from './apt.js'
import { realHost, type Host } from './platform.js'
import {
  candidatePairs,
  checkCandidate,
  envCandidate,
  firstCompatible,
  rustcInfo,
  rustcSysroot,
  rustupCandidate,
  type LlvmTools,
  type RustcInfo
} from './llvm-tools.js'
import { coreLog, describeAttempts, firstWayThatWorks, Skip, type InstallLog } from './ways.js'

export type LlvmSource = 'env' | 'rustup' | 'system' | 'apt'

export interface LlvmToolsOptions {
  env?: NodeJS.ProcessEnv
  /** Where rustc and rustup run (a rust-toolchain.toml there chooses the toolchain). */
  cwd?: string
  /** The install-llvm input: may apt-get install llvm-NN. */
  installLlvm?: boolean
  /** Bound on `rustup component add llvm-tools-preview`. */
  rustupTimeoutMs?: number
  sources?: readonly LlvmSource[]
  log?: InstallLog
  /** Platform and file system the candidates are looked for on; this machine's by default. */
  host?: Host
}

const RUSTUP_TIMEOUT_MS = 90_000

export async function findLlvmTools(options: LlvmToolsOptions = {}): Promise<LlvmTools> {
  const env = options.env ?? process.env
  const log = options.log ?? coreLog
  const rustc = await rustcInfo(env, options.cwd)
  const sysroot = await rustcSysroot(env, options.cwd)
  const host = options.host ?? realHost()
  const enabled = new Set(options.sources ?? ['env', 'rustup', 'system', 'apt'])
  const ways = [
    { name: 'env' as const, attempt: () => fromEnv(rustc, env, host) },
    { name: 'rustup' as const, attempt: () => fromRustup(rustc, sysroot, options, env, host) },
    { name: 'system' as const, attempt: () => fromSystem(rustc, env, host) },
    { name: 'apt' as const, attempt: () => fromApt(rustc, options, env) }
  ].filter((way) => enabled.has(way.name))
  const shown = `LLVM ${rustc.llvmMajor} tools (rustc ${rustc.release})`
  const result = await firstWayThatWorks(shown, ways, log, (tools) => tools.origin)
  if (result.value) return result.value
  const major = rustc.llvmMajor
  throw new ToolNotFoundError(
    `llvm-cov and llvm-profdata for LLVM ${major}`,
    describeAttempts(result.attempts),
    `Install them with 'rustup component add llvm-tools-preview', or a system LLVM ${major} ` +
      `(Debian/Ubuntu: 'apt-get install llvm-${major}', from apt.llvm.org where the distribution has none; ` +
      `or set the install-llvm input) and set LLVM_COV and LLVM_PROFDATA to its binaries.`
  )
}

async function fromEnv(
  rustc: RustcInfo,
  env: NodeJS.ProcessEnv,
  host: Host
): Promise<LlvmTools | Skip> {
  const candidate = envCandidate(env)
  if (!candidate) return new Skip('LLVM_COV and LLVM_PROFDATA are not both set')
  const checked = await checkCandidate(candidate, rustc, env, host)
  // Set on purpose but unusable: say so loudly rather than quietly using other tools.
  if (typeof checked === 'string') throw new Error(checked)
  return checked
}

async function fromRustup(
  rustc: RustcInfo,
  sysroot: string | undefined,
  options: LlvmToolsOptions,
  env: NodeJS.ProcessEnv,
  host: Host
): Promise<LlvmTools | Skip> {
  if (!sysroot) return new Skip('rustc does not report its sysroot')
  const candidate = rustupCandidate(rustc, sysroot, host.os)
  const present = await checkCandidate(candidate, rustc, env, host)
  if (typeof present !== 'string') return present
  const rustup = await exec(['rustup', '--version'], {
    env,
    silent: true,
    allowFailure: true,
    timeoutMs: 15_000
  }).catch(() => undefined)
  if (!rustup || rustup.exitCode !== 0) return new Skip(`${present}; rustup is not installed`)
  await exec(['rustup', 'component', 'add', 'llvm-tools-preview'], {
    env,
    cwd: options.cwd,
    timeoutMs: options.rustupTimeoutMs ?? RUSTUP_TIMEOUT_MS,
    hint: 'rustup could not download llvm-tools (offline, or a toolchain without the component)'
  })
  const added = await checkCandidate(candidate, rustc, env, host)
  if (typeof added === 'string') throw new Error(`after rustup component add: ${added}`)
  return added
}

async function fromSystem(
  rustc: RustcInfo,
  env: NodeJS.ProcessEnv,
  host: Host
): Promise<LlvmTools | Skip> {
  // No sysroot and no LLVM_COV: the system candidates only.
  const candidates = candidatePairs(rustc, undefined, {}, host.os)
  const found = await firstCompatible(candidates, rustc, env, host)
  if (!Array.isArray(found)) return found
  const informative = found.filter((reason) => !reason.endsWith(': not present'))
  const usual =
    host.os === 'win32' ? `LLVM ${rustc.llvmMajor} on PATH` : `/usr/lib/llvm-${rustc.llvmMajor}`
  return new Skip(
    informative.length
      ? `${informative.join('; ')} (and no ${usual})`
      : `no LLVM ${rustc.llvmMajor} found`
  )
}

async function fromApt(
  rustc: RustcInfo,
  options: LlvmToolsOptions,
  env: NodeJS.ProcessEnv
): Promise<LlvmTools | Skip> {
  if (!options.installLlvm) return new Skip('not allowed (the install-llvm input is false)')
  const unavailable = await aptUnavailable(env)
  if (unavailable) return new Skip(unavailable)
  const dir = await aptInstallLlvm(rustc.llvmMajor, env)
  const checked = await checkCandidate(
    {
      origin: `apt-get install llvm-${rustc.llvmMajor} (${dir})`,
      llvmCov: `${dir}/llvm-cov`,
      llvmProfdata: `${dir}/llvm-profdata`
    },
    rustc,
    env
  )
  if (typeof checked === 'string') throw new Error(checked)
  return checked
}
