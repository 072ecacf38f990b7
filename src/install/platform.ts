/**
 * The runner's platform in the names cargo-llvm-cov's releases use: its Rust target triple and
 * the release archive built for it.
 */

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

/** `cargo-llvm-cov-<target-triple>.tar.gz`, the archive name of a GitHub release. */
export function releaseAssetName(triple: string): string {
  return `cargo-llvm-cov-${triple}.tar.gz`
}

/** The binary's file name inside the archive and the tool cache. */
export function binaryName(platform: RunnerPlatform): string {
  return platform.os === 'win32' ? 'cargo-llvm-cov.exe' : 'cargo-llvm-cov'
}
