import { ReportAccumulator } from './accumulator.js'
import { MAX_PATH_BYTES } from './limits.js'
import { languageOf, type CoverageReport, type FileCoverage, type Tally } from './model.js'
import { addTallies, addTally } from './notes.js'

/** A prefix rewrite, like coverage.py's `[paths]`: `from` (absolute or relative) → `to`. */
export interface PathMap {
  readonly from: string
  readonly to: string
}

export interface NormalizeOptions {
  /** The workspace (repository) root, absolute. */
  readonly root: string
  /** Extra roots that relative file names may be relative to (besides Cobertura `<source>`s). */
  readonly sourceRoots?: readonly string[]
  readonly pathMaps?: readonly PathMap[]
  /** Keep files outside the workspace (marked outsideWorkspace) instead of dropping them. */
  readonly includeOutside: boolean
  /**
   * Does this repo-relative POSIX path exist in the workspace? Lets a relative name choose
   * among several roots and an installed file find its source; without it the first
   * candidate wins and installed files stay where they are.
   */
  readonly exists?: (relativePath: string) => boolean
  /** Repo-relative directories that hold Python packages; default '', src, python, lib. */
  readonly packageDirs?: readonly string[]
}

const WINDOWS_DRIVE = /^[A-Za-z]:\//
const INSTALLED = /\/(?:site-packages|dist-packages)\/(.+)$/
/** Paths without these (most of them) are already in normal form. */
const NEEDS_WORK = /\\|\/\/|(?:^|\/)\.\.?(?:\/|$)|^[a-z]:|.\/$/

/** Backslashes to slashes, drive letter upper-cased, `.`/`..`/repeated slashes resolved. */
export function toPosixPath(path: string): string {
  if (!NEEDS_WORK.test(path)) return path
  let text = path.replace(/\\/g, '/')
  if (/^[a-z]:\//.test(text)) text = text[0]?.toUpperCase() + text.slice(1)
  const absolute = text.startsWith('/')
  const drive = WINDOWS_DRIVE.test(text) ? text.slice(0, 2) : ''
  const parts: string[] = []
  for (const part of text.slice(drive.length).split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop()
    else if (part !== '..' || !(absolute || drive)) parts.push(part)
  }
  const body = parts.join('/')
  if (drive) return `${drive}/${body}`
  return absolute ? `/${body}` : body
}

export function isAbsolutePosix(path: string): boolean {
  return path.startsWith('/') || WINDOWS_DRIVE.test(path)
}

function join(base: string, relative: string): string {
  return toPosixPath(`${base}/${relative}`)
}

/** The path relative to `root` when inside it (case-insensitively on Windows drives), else undefined. */
function relativeTo(root: string, path: string): string | undefined {
  const windows = WINDOWS_DRIVE.test(root)
  const comparablePath = windows ? path.toLowerCase() : path
  const comparableRoot = windows ? root.toLowerCase() : root
  if (comparablePath === comparableRoot) return ''
  const prefix = comparableRoot.endsWith('/') ? comparableRoot : `${comparableRoot}/`
  return comparablePath.startsWith(prefix) ? path.slice(prefix.length) : undefined
}

/**
 * Rewrites every path of a report to the model's form: repo-relative POSIX inside the
 * workspace, absolute POSIX outside (dropped unless `includeOutside`). In order:
 *   1. Windows separators and drive letters, `.` and `..`;
 *   2. the first matching `pathMaps` prefix;
 *   3. a relative name resolves against the report's `<source>` roots, `sourceRoots`, then the
 *      workspace root: the first that exists wins; without a hit, the first inside the
 *      workspace, else the workspace root;
 *   4. an installed copy (`…/site-packages/<pkg>/…`) maps to `<dir>/<pkg>/…` for the first
 *      package dir where that file exists;
 *   5. inside or outside the workspace.
 * Files that end up with the same path are merged. A name that ends up as the workspace root
 * itself (`/repo`, `.`, `./`) names no file: it is left out, and a note says so (written out
 * it would be an `SF:` or `filename=""` record that no reader takes).
 */
export function normalizePaths(report: CoverageReport, options: NormalizeOptions): CoverageReport {
  const root = toPosixPath(options.root)
  const roots = [...report.sourceRoots, ...(options.sourceRoots ?? [])].map((sourceRoot) => {
    const posix = toPosixPath(sourceRoot)
    return isAbsolutePosix(posix) ? posix : join(root, posix)
  })
  const packageDirs = options.packageDirs ?? [
    '',
    'src',
    'python',
    'lib',
    ...roots.map((sourceRoot) => relativeTo(root, sourceRoot)).filter((dir) => dir !== undefined)
  ]
  const where = { root, roots, packageDirs, exists: options.exists, maps: options.pathMaps ?? [] }
  const renamed: FileCoverage[] = []
  const leftOut: LeftOut = { outside: [], rootItself: [], tooLong: 0 }
  for (const file of report.files.values()) {
    const path = resolvedPath(file.path, where)
    const relative = relativeTo(root, path)
    const finalPath = relative ?? path
    if (relative === '') leftOut.rootItself.push(file.path)
    else if (relative === undefined && !options.includeOutside) leftOut.outside.push(path)
    // A short name under a long root can end up longer than any path may be (limits.ts).
    else if (finalPath.length > MAX_PATH_BYTES) leftOut.tooLong++
    else {
      const outsideWorkspace = relative === undefined
      renamed.push({ ...file, path: finalPath, language: languageOf(finalPath), outsideWorkspace })
    }
  }
  const notes = [...report.notes]
  const tallies = leftOutTallies(report.tallies, root, leftOut)
  const files = collect(renamed, notes, tallies)
  return { files, sourceRoots: [], notes, tallies }
}

interface Whereabouts {
  root: string
  roots: readonly string[]
  packageDirs: readonly string[]
  exists: ((relativePath: string) => boolean) | undefined
  maps: readonly PathMap[]
}

/** Steps 1 to 4 of normalizePaths: the absolute POSIX path a report's file name stands for. */
function resolvedPath(name: string, where: Whereabouts): string {
  let path = applyPathMaps(toPosixPath(name), where.maps, where.root)
  if (!isAbsolutePosix(path)) path = resolveRelative(path, where.roots, where.root, where.exists)
  const installed = mapInstalled(path, where.packageDirs, where.exists)
  return installed === undefined ? path : join(where.root, installed)
}

/** Files normalizePaths left out, by reason. */
interface LeftOut {
  outside: string[]
  /** The names as written, that resolved to the workspace root itself. */
  rootItself: string[]
  tooLong: number
}

/** The tallies of `before` with those of the files left out added (notes.ts writes them). */
function leftOutTallies(
  before: ReadonlyMap<string, Tally> | undefined,
  root: string,
  leftOut: LeftOut
): Map<string, Tally> {
  const tallies = new Map<string, Tally>()
  addTallies(tallies, before)
  addTally(
    tallies,
    `{count} file(s) outside the workspace ${root} were left out: {examples} (include-outside keeps them)`,
    leftOut.outside.length,
    leftOut.outside
  )
  addTally(
    tallies,
    `{count} record(s) name the workspace root ${root} itself, not a file, and were left out: {examples}`,
    leftOut.rootItself.length,
    leftOut.rootItself
  )
  addTally(
    tallies,
    `{count} file(s) were left out: their paths are longer than ${MAX_PATH_BYTES} characters once resolved`,
    leftOut.tooLong
  )
  return tallies
}

function applyPathMaps(path: string, maps: readonly PathMap[], root: string): string {
  for (const map of maps) {
    const from = toPosixPath(map.from)
    const rest =
      from === path ? '' : path.startsWith(`${from}/`) ? path.slice(from.length + 1) : undefined
    if (rest === undefined) continue
    const to = toPosixPath(map.to)
    const target = isAbsolutePosix(to) ? to : join(root, to)
    return rest === '' ? target : join(target, rest)
  }
  return path
}

function resolveRelative(
  path: string,
  roots: readonly string[],
  root: string,
  exists: ((relativePath: string) => boolean) | undefined
): string {
  const candidates = [...roots, root].map((base) => join(base, path))
  if (exists !== undefined) {
    for (const candidate of candidates) {
      const relative = relativeTo(root, candidate)
      if (relative !== undefined && relative !== '' && exists(relative)) return candidate
    }
  }
  return (
    candidates.find((candidate) => relativeTo(root, candidate) !== undefined) ?? join(root, path)
  )
}

function mapInstalled(
  path: string,
  packageDirs: readonly string[],
  exists: ((relativePath: string) => boolean) | undefined
): string | undefined {
  const match = INSTALLED.exec(path)
  if (match === null || exists === undefined) return undefined
  const inPackage = match[1] as string
  for (const dir of packageDirs) {
    const candidate = dir === '' ? inPackage : toPosixPath(`${dir}/${inPackage}`)
    if (exists(candidate)) return candidate
  }
  return undefined
}

/** Files keyed by their new paths; paths that now coincide are merged (notes say how). */
function collect(
  files: readonly FileCoverage[],
  notes: string[],
  tallies: Map<string, Tally>
): Map<string, FileCoverage> {
  const counts = new Map<string, number>()
  for (const file of files) counts.set(file.path, (counts.get(file.path) ?? 0) + 1)
  const result = new Map<string, FileCoverage>()
  const colliding = files.filter((file) => (counts.get(file.path) ?? 0) > 1)
  for (const file of files) if ((counts.get(file.path) ?? 0) === 1) result.set(file.path, file)
  if (colliding.length > 0) {
    const accumulator = new ReportAccumulator()
    for (const file of colliding) accumulator.addFile(file)
    const merged = accumulator.build()
    notes.push(...merged.notes)
    addTallies(tallies, merged.tallies)
    for (const [path, file] of merged.files) result.set(path, file)
  }
  return result
}
