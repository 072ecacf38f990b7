// Which Rust crates are measured: cargo metadata read, the inputs checked, the wrapper's list.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { InputError } from '../../src/errors.js'
import { parseLocalCrates, type LocalCrate } from '../../src/phases/cargo-metadata.js'
import {
  describeSelection,
  instrumentPathDependencies,
  reportedPathDependencies,
  selectCrates,
  wrapperNames,
  type CrateChoice
} from '../../src/phases/crates.js'
import type { InstrumentedEnv } from '../../src/phases/env.js'

const metadata = readFileSync(
  new URL('../fixtures/cargo/nested-metadata.json', import.meta.url),
  'utf8'
)
const local = parseLocalCrates(metadata)
const names = (crates: readonly LocalCrate[]) => crates.map((crate) => crate.name)

function refusal(choice: Partial<CrateChoice>): InputError {
  try {
    selectCrates(local, { packages: [], exclude: [], ...choice })
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return error as InputError
  }
  throw new Error('expected an InputError')
}

const LOCAL_LIST =
  'The local crates are: app-cli (workspace member), root-app (workspace member), ' +
  'shared-inner (path dependency), shared-utils (path dependency). ' +
  'Registry and git crates are never measured.'

describe('parseLocalCrates', () => {
  it('lists every package without a source: members first, then path dependencies, by name', () => {
    expect(local).toEqual([
      { name: 'app-cli', dir: '/repo/ws/crates/cli', member: true, targets: ['app_cli'] },
      { name: 'root-app', dir: '/repo/ws', member: true, targets: ['root_app'] },
      { name: 'shared-inner', dir: '/repo/shared/inner', member: false, targets: ['shared_inner'] },
      {
        name: 'shared-utils',
        dir: '/repo/shared',
        member: false,
        targets: ['shared_utils', 'shared_tool', 'round_trip']
      }
    ])
  })

  it('refuses output that is not cargo metadata', () => {
    expect(() => parseLocalCrates('{"version": 1}')).toThrow(
      "'cargo metadata' gave no packages or workspace_members"
    )
  })
})

describe('selectCrates', () => {
  it('reports every local crate by default', () => {
    const selection = selectCrates(local, { packages: [], exclude: [] })
    expect(names(selection.reported)).toEqual(names(local))
    expect(selection.leftOut).toEqual([])
    expect(names(reportedPathDependencies(selection))).toEqual(['shared-inner', 'shared-utils'])
  })

  it('takes package names and globs, and leaves the rest out', () => {
    const selection = selectCrates(local, { packages: ['shared-*', 'root-app'], exclude: [] })
    expect(names(selection.reported)).toEqual(['root-app', 'shared-inner', 'shared-utils'])
    expect(names(selection.leftOut)).toEqual(['app-cli'])
    const excluded = selectCrates(local, { packages: [], exclude: ['shared-inne?', 'app-cli'] })
    expect(names(excluded.reported)).toEqual(['root-app', 'shared-utils'])
    expect(names(reportedPathDependencies(excluded))).toEqual(['shared-utils'])
  })

  it('refuses a name that is no local crate, listing the local crates', () => {
    const error = refusal({ packages: ['root-app', 'once_cell'] })
    expect(error.input).toBe('packages')
    expect(error.message).toBe(
      `Input 'packages': no local crate is named 'once_cell'. ${LOCAL_LIST}`
    )
    // A registry crate is no local crate either, under its package name or a glob.
    expect(refusal({ exclude: ['once*'] }).message).toBe(
      `Input 'exclude-packages': no local crate is named 'once*'. ${LOCAL_LIST}`
    )
    // Names are package names, as cargo's --package takes them: not the underscored lib name.
    expect(refusal({ exclude: ['root_app'] }).input).toBe('exclude-packages')
  })

  it('refuses a choice that leaves nothing to report', () => {
    expect(refusal({ exclude: ['*'] }).message).toBe(
      `Input 'exclude-packages': leaves no crate to report. ${LOCAL_LIST}`
    )
  })
})

describe('the wrapper list', () => {
  const shown: InstrumentedEnv = {
    env: { __CARGO_LLVM_COV_RUSTC_WRAPPER_CRATE_NAMES: 'app_cli,app_cli_tests,root_app' },
    targetDir: '/repo/ws/target/llvm-cov-target',
    variables: {}
  }

  it("gives a path dependency the names cargo-llvm-cov's wrapper gives a member", () => {
    const shared = local.find((crate) => crate.name === 'shared-utils') as LocalCrate
    expect(wrapperNames(shared)).toEqual([
      'shared_utils',
      'shared_utils_tests',
      'shared_tool',
      'round_trip'
    ])
  })

  it('appends the path dependencies to the list, once each, and changes nothing else', () => {
    const pathDeps = reportedPathDependencies(selectCrates(local, { packages: [], exclude: [] }))
    const instrumented = instrumentPathDependencies(shown, pathDeps)
    expect(instrumented.env.__CARGO_LLVM_COV_RUSTC_WRAPPER_CRATE_NAMES).toBe(
      'app_cli,app_cli_tests,root_app,shared_inner,shared_inner_tests,shared_utils,shared_utils_tests,shared_tool,round_trip'
    )
    expect({ ...instrumented, env: {} }).toEqual({ ...shown, env: {} })
    expect(shown.env.__CARGO_LLVM_COV_RUSTC_WRAPPER_CRATE_NAMES).toBe(
      'app_cli,app_cli_tests,root_app'
    )
  })

  it('leaves an environment without the list alone (cargo-llvm-cov 0.6 instruments every crate)', () => {
    const old: InstrumentedEnv = { ...shown, env: { RUSTFLAGS: '-C instrument-coverage' } }
    expect(instrumentPathDependencies(old, local.slice(2))).toBe(old)
  })
})

describe('describeSelection', () => {
  it('names the members, the path dependencies, what is left out and what lies outside', () => {
    const selection = selectCrates(local, { packages: [], exclude: ['app-cli'] })
    const outside = (dir: string) => dir.startsWith('/repo/shared')
    expect(describeSelection(selection, '/repo/ws', outside)).toEqual([
      'Workspace members measured (instrumented by cargo-llvm-cov): root-app (.)',
      'Path dependencies measured (added to its instrumented crates): shared-inner (../shared/inner), shared-utils (../shared)',
      'Local crates left out of the report: app-cli (crates/cli)',
      'Outside the repository, so dropped from the merged reports unless include-outside-workspace is true: shared-inner (../shared/inner), shared-utils (../shared)'
    ])
  })
})
