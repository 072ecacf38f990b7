/**
 * What `cargo llvm-cov report` is told beyond its defaults, so that it reports the selected
 * crates (crates.ts) and only those:
 *
 * - The files of local crates left out go through `--ignore-filename-regex`, by directory. Not
 *   `report --exclude`, which knows only workspace members (a path dependency is ignored with a
 *   warning), and not our exclude globs, which see only the merged lcov: the regex reaches the
 *   lcov and the HTML report alike, inside the repository or outside it. A crate reported from a
 *   directory inside a left-out one is carved out by listing the directories around it, as
 *   cargo-llvm-cov does for nested members (POSIX ERE has no look-ahead to say "but not there").
 * - The tests/, examples/ and benches/ of a path dependency are ignored as cargo-llvm-cov ignores
 *   the workspace's.
 * - A path dependency's own test executables (`cargo test -p core`, or run in its own workspace
 *   with the same target directory) are not among the objects `report` finds: it looks for the
 *   members' target names only. They are added with `-object` through LLVM_COV_FLAGS, which
 *   cargo-llvm-cov appends to llvm-cov split on spaces.
 */
import { readdirSync, statSync, type Dirent } from 'node:fs'
import { join, sep } from 'node:path'
import type { CrateSelection } from './crates.js'

export interface RustReportScope {
  /** Arguments after `cargo llvm-cov report --<format> ...`. */
  args: string[]
  /** Variables to set for the report on top of the instrumented environment. */
  env: Record<string, string>
  /** Objects that could not be passed (a space in the path), for a warning. */
  objectsLeftOut: string[]
}

export type ListDirectory = (dir: string) => Dirent[]

const listDirectory: ListDirectory = (dir) => readdirSync(dir, { withFileTypes: true })

/** Either path separator: llvm-cov matches native paths, `\` on Windows. */
const SEPARATOR = '[/\\\\]'

export function rustReportScope(
  selection: CrateSelection,
  depsDirs: readonly string[],
  baseEnv: NodeJS.ProcessEnv,
  list: ListDirectory = listDirectory
): RustReportScope {
  const regex = ignoreFilenameRegex(selection, list)
  const pathDeps = selection.reported.filter((crate) => !crate.member)
  const memberTargets = new Set(
    selection.local.filter((crate) => crate.member).flatMap((crate) => crate.targets)
  )
  const targets = pathDeps.flatMap((crate) => crate.targets).filter((t) => !memberTargets.has(t))
  const objects = depsDirs.flatMap((dir) => testExecutables(dir, targets, list))
  const passed = objects.filter((path) => !path.includes(' '))
  const env: Record<string, string> = {}
  if (passed.length) {
    const own = (baseEnv.LLVM_COV_FLAGS ?? '').trim()
    env.LLVM_COV_FLAGS = [own, ...passed.map((path) => `-object=${path}`)].join(' ').trim()
  }
  return {
    args: regex ? ['--ignore-filename-regex', regex] : [],
    env,
    objectsLeftOut: objects.filter((path) => path.includes(' '))
  }
}

/** One regex for every left-out path and every path dependency's tests/examples/benches. */
export function ignoreFilenameRegex(
  selection: CrateSelection,
  list: ListDirectory = listDirectory
): string | undefined {
  const reportedDirs = selection.reported.map((crate) => crate.dir)
  const parts = selection.leftOut
    .flatMap((crate) => leftOutPaths(crate.dir, reportedDirs, list))
    .map((path) => `^${escapeRegex(path)}($|${SEPARATOR})`)
  for (const crate of selection.reported.filter((c) => !c.member)) {
    parts.push(
      `^${escapeRegex(crate.dir)}(${SEPARATOR}.*)?${SEPARATOR}(tests|examples|benches)${SEPARATOR}`
    )
  }
  return parts.length ? [...new Set(parts)].join('|') : undefined
}

/**
 * The paths whose files belong to the left-out crate at `dir`: the directory itself, or, when
 * reported crates live below it, every entry beside the way down to them.
 */
export function leftOutPaths(
  dir: string,
  reportedDirs: readonly string[],
  list: ListDirectory = listDirectory
): string[] {
  const below = reportedDirs.filter((reported) => reported.startsWith(dir + sep))
  if (below.length === 0) return [dir]
  const paths: string[] = []
  const entries = list(dir).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    const path = join(dir, entry.name)
    if (below.includes(path)) continue
    const leadsToReported = below.some((reported) => reported.startsWith(path + sep))
    if (leadsToReported && entry.isDirectory()) paths.push(...leftOutPaths(path, below, list))
    else paths.push(path)
  }
  return paths
}

/**
 * Executables cargo wrote for these targets in a `deps` directory: `<target>-<hash>`, with `.exe`
 * on Windows. Libraries (.rlib, .so of a cdylib) are not test executables.
 */
export function testExecutables(
  depsDir: string,
  targets: readonly string[],
  list: ListDirectory = listDirectory
): string[] {
  if (targets.length === 0) return []
  const names = new Set(targets)
  let entries: Dirent[]
  try {
    entries = list(depsDir)
  } catch {
    return []
  }
  return entries
    .filter((entry) => entry.isFile())
    .filter((entry) => {
      const match = /^(.+)-[0-9a-f]{16}(\.exe)?$/.exec(entry.name)
      return match !== null && names.has(match[1] as string)
    })
    .map((entry) => join(depsDir, entry.name))
    .filter(isExecutable)
    .sort()
}

function isExecutable(path: string): boolean {
  if (process.platform === 'win32') return path.endsWith('.exe')
  try {
    return (statSync(path).mode & 0o111) !== 0
  } catch {
    return false
  }
}

/** Escapes a path for POSIX ERE (llvm::Regex), with either separator accepted. */
export function escapeRegex(path: string): string {
  return path
    .split(/[/\\]/)
    .map((part) => part.replace(/[.[\]()*+?{}|^$\\]/g, '\\$&'))
    .join(SEPARATOR)
}
