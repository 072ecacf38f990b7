/**
 * The runner's platform in the names cargo-llvm-cov's releases use (its Rust target triple and
 * the release archive built for it), and the host's path rules: separators, PATH, `.exe`.
 * Everything here takes the platform as an argument, so Windows paths are tested on Linux.
 */
import { existsSync } from 'node:fs'
import { posix, win32 } from 'node:path'

export interface RunnerPlatform {
  /** process.platform: 'linux', 'darwin', 'win32', ... */
  os: NodeJS.Platform
  /** process.arch: 'x64', 'arm64', ... — also the tool cache's arch directory. */
  arch: string
  /** Linux only: musl instead of glibc (Alpine containers). */
  musl: boolean
}

export function currentPlatform(): RunnerPlatform {
  return { os: process.platform, arch: process.arch, musl: isMuslLinux() }
}

/** Node's diagnostic report names the glibc it runs on; a musl build has none. */
function isMuslLinux(): boolean {
  if (process.platform !== 'linux') return false
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } }
  return !report?.header?.glibcVersionRuntime
}

const ARCHES: Record<string, string> = { x64: 'x86_64', arm64: 'aarch64' }

/** The Rust target triple of the platform, or undefined when no release is built for it. */
export function targetTriple(platform: RunnerPlatform): string | undefined {
  const cpu = ARCHES[platform.arch]
  if (!cpu) return undefined
  switch (platform.os) {
    case 'linux':
      return `${cpu}-unknown-linux-${platform.musl ? 'musl' : 'gnu'}`
    case 'darwin':
      return `${cpu}-apple-darwin`
    case 'win32':
      return `${cpu}-pc-windows-msvc`
    default:
      return undefined
  }
}

/**
 * `cargo-llvm-cov-<target-triple>.tar.gz`, the archive name of a GitHub release. Its release
 * workflow uploads a .tar.gz for every target, Windows too (plus a .zip there).
 */
export function releaseAssetName(triple: string): string {
  return `cargo-llvm-cov-${triple}.tar.gz`
}

/** The binary's file name inside the archive and the tool cache. */
export function binaryName(platform: RunnerPlatform): string {
  return exeName('cargo-llvm-cov', platform.os)
}

export type PathApi = typeof posix

/** node:path's rules for `os`, whatever this process runs on. */
export function pathFor(os: NodeJS.Platform): PathApi {
  return os === 'win32' ? win32 : posix
}

/** An executable's file name: `llvm-cov.exe` on Windows. */
export function exeName(name: string, os: NodeJS.Platform): string {
  return os === 'win32' ? `${name}.exe` : name
}

/**
 * PATH's directories. Windows spells the variable `Path`, and a copy of process.env (a plain
 * object) loses the case-insensitive lookup process.env itself has there.
 */
export function pathDirs(env: NodeJS.ProcessEnv, os: NodeJS.Platform): string[] {
  const key =
    os === 'win32' ? (Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH') : 'PATH'
  return (env[key] ?? '').split(pathFor(os).delimiter).filter(Boolean)
}

/** Where files are looked for: the real file system unless a test stands one in. */
export interface Host {
  os: NodeJS.Platform
  exists: (path: string) => boolean
}

export function realHost(os: NodeJS.Platform = process.platform): Host {
  return { os, exists: existsSync }
}

/**
 * A command as spawn would find it: a path (absolute, or with a separator) must exist; a bare
 * name must be in one of PATH's directories. On Windows a name without an extension is also
 * looked for with `.exe`, as CreateProcess does.
 */
export function isPresent(command: string, env: NodeJS.ProcessEnv, host: Host): boolean {
  const path = pathFor(host.os)
  const names =
    host.os === 'win32' && path.extname(command) === '' ? [command, `${command}.exe`] : [command]
  const hasSeparator = host.os === 'win32' ? /[\\/]/.test(command) : command.includes('/')
  if (path.isAbsolute(command) || hasSeparator) return names.some((name) => host.exists(name))
  return pathDirs(env, host.os).some((dir) =>
    names.some((name) => host.exists(path.join(dir, name)))
  )
}
