/**
 * Which Rust crates are measured. Since 0.7, cargo-llvm-cov's show-env instruments, through its
 * RUSTC_WRAPPER, only the crates named in __CARGO_LLVM_COV_RUSTC_WRAPPER_CRATE_NAMES: the
 * workspace members. A binding crate whose core is a path dependency outside its workspace
 * (bindings/python with `core = { path = "../../core" }`) would get no coverage of that core, and
 * no word about it. So every local crate is measured by default: the members as show-env has
 * them, and each path dependency added to that list (under the names the wrapper gives a
 * member). Registry and git crates never are. The `packages` and `exclude-packages` inputs
 * choose among the local crates, as `cargo llvm-cov --package/--exclude` do among members.
 */
import { relative } from 'node:path'
import { Inputs } from '../constants.js'
import { InputError } from '../errors.js'
import { crateName, type LocalCrate } from './cargo-metadata.js'
import type { InstrumentedEnv } from './env.js'

export const CRATE_NAMES_VARIABLE = '__CARGO_LLVM_COV_RUSTC_WRAPPER_CRATE_NAMES'

export interface CrateChoice {
  /** Package names or globs (* and ?) to report; empty: every local crate. */
  packages: readonly string[]
  /** Package names or globs to leave out. */
  exclude: readonly string[]
}

export interface CrateSelection {
  /** Every local crate: workspace members, then path dependencies. */
  local: readonly LocalCrate[]
  /** The crates whose files are reported. */
  reported: readonly LocalCrate[]
  /** The local crates whose files are left out. */
  leftOut: readonly LocalCrate[]
}

/** The reported crates among the local ones; an input naming no local crate is refused. */
export function selectCrates(local: readonly LocalCrate[], choice: CrateChoice): CrateSelection {
  const chosen = choice.packages.length
    ? matching(local, choice.packages, Inputs.Packages)
    : new Set(local)
  const excluded = matching(local, choice.exclude, Inputs.ExcludePackages)
  const reported = local.filter((crate) => chosen.has(crate) && !excluded.has(crate))
  if (reported.length === 0) {
    const input = choice.exclude.length ? Inputs.ExcludePackages : Inputs.Packages
    throw new InputError(input, `leaves no crate to report. ${localCratesList(local)}`)
  }
  return { local, reported, leftOut: local.filter((crate) => !reported.includes(crate)) }
}

/** The path dependencies that are measured: instrumented, cleaned before the run, reported. */
export function reportedPathDependencies(selection: CrateSelection): LocalCrate[] {
  return selection.reported.filter((crate) => !crate.member)
}

/**
 * The instrumented environment with the reported path dependencies added to the wrapper's
 * list. Without the list (cargo-llvm-cov before 0.7 instruments every crate through RUSTFLAGS)
 * there is nothing to add.
 */
export function instrumentPathDependencies(
  ienv: InstrumentedEnv,
  pathDependencies: readonly LocalCrate[]
): InstrumentedEnv {
  const listed = ienv.env[CRATE_NAMES_VARIABLE]
  if (listed === undefined || pathDependencies.length === 0) return ienv
  const names = new Set(listed.split(',').filter(Boolean))
  for (const crate of pathDependencies) for (const name of wrapperNames(crate)) names.add(name)
  return { ...ienv, env: { ...ienv.env, [CRATE_NAMES_VARIABLE]: [...names].join(',') } }
}

/**
 * The names cargo-llvm-cov 0.9's wrapper lists for a member (src/wrapper.rs): the package name
 * and `<name>_tests` (trybuild), and every target's name, dashes as underscores.
 */
export function wrapperNames(crate: LocalCrate): string[] {
  const name = crateName(crate.name)
  return [...new Set([name, `${name}_tests`, ...crate.targets])]
}

/** What the log says about the selection: members, path dependencies, what is left out. */
export function describeSelection(
  selection: CrateSelection,
  cwd: string,
  outsideRepository: (dir: string) => boolean
): string[] {
  const shown = (crate: LocalCrate) => `${crate.name} (${relative(cwd, crate.dir) || '.'})`
  const members = selection.reported.filter((crate) => crate.member).map(shown)
  const pathDependencies = reportedPathDependencies(selection)
  const lines = [
    `Workspace members measured (instrumented by cargo-llvm-cov): ${members.join(', ') || 'none'}`,
    `Path dependencies measured (added to its instrumented crates): ${pathDependencies.map(shown).join(', ') || 'none'}`
  ]
  if (selection.leftOut.length) {
    lines.push(`Local crates left out of the report: ${selection.leftOut.map(shown).join(', ')}`)
  }
  const outside = pathDependencies.filter((crate) => outsideRepository(crate.dir))
  if (outside.length) {
    lines.push(
      `Outside the repository, so dropped from the merged reports unless include-outside-workspace is true: ${outside.map(shown).join(', ')}`
    )
  }
  return lines
}

/** The local crates some pattern names; a pattern that names none is an input error. */
function matching(
  local: readonly LocalCrate[],
  patterns: readonly string[],
  input: Inputs
): Set<LocalCrate> {
  const found = new Set<LocalCrate>()
  for (const pattern of patterns) {
    const test = packagePattern(pattern)
    const named = local.filter((crate) => test(crate.name))
    if (named.length === 0) {
      throw new InputError(input, `no local crate is named '${pattern}'. ${localCratesList(local)}`)
    }
    for (const crate of named) found.add(crate)
  }
  return found
}

/** A package name, or a glob with * and ? as cargo's --package and --exclude take. */
function packagePattern(pattern: string): (name: string) => boolean {
  if (!/[*?]/.test(pattern)) return (name) => name === pattern
  const source = pattern
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('')
  const regex = new RegExp(`^${source}$`)
  return (name) => regex.test(name)
}

function localCratesList(local: readonly LocalCrate[]): string {
  const kind = (crate: LocalCrate) => (crate.member ? 'workspace member' : 'path dependency')
  const names = local.map((crate) => `${crate.name} (${kind(crate)})`).join(', ')
  return `The local crates are: ${names}. Registry and git crates are never measured.`
}
