/**
 * The Rust crates a run measures (phases/crates.ts): the local crates listed, the selection
 * logged, the path dependencies added to the instrumented environment, and — once the tests
 * have run — what `cargo llvm-cov report` is told so that it reports exactly those crates.
 */
import * as core from '@actions/core'
import { isAbsolute, join, relative, sep } from 'node:path'
import type { Config } from '../config.js'
import { readLocalCrates, type LocalCrate } from '../phases/cargo-metadata.js'
import {
  CRATE_NAMES_VARIABLE,
  describeSelection,
  instrumentPathDependencies,
  reportedPathDependencies,
  selectCrates,
  type CrateSelection
} from '../phases/crates.js'
import type { InstrumentedEnv } from '../phases/env.js'
import { rustReportScope, type RustReportScope } from '../phases/report-scope.js'
import { warning } from '../warnings.js'

export interface MeasuredCrates {
  /** The instrumented environment with the measured path dependencies added. */
  ienv: InstrumentedEnv
  /** Every path dependency: each is cleaned before the run. */
  pathDependencies: LocalCrate[]
  selection: CrateSelection
}

export async function measuredCrates(
  config: Pick<Config, 'packages' | 'excludePackages' | 'workspace' | 'includeOutsideWorkspace'>,
  shown: InstrumentedEnv,
  cwd: string
): Promise<MeasuredCrates> {
  const local = await readLocalCrates(cwd, shown.env)
  const selection = selectCrates(local, {
    packages: config.packages,
    exclude: config.excludePackages
  })
  // Only worth a word when the merge will drop those files.
  const outside = (dir: string) => {
    const path = relative(config.workspace, dir)
    return (
      !config.includeOutsideWorkspace &&
      (path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path))
    )
  }
  for (const line of describeSelection(selection, cwd, outside)) core.info(line)
  const ienv = instrumentPathDependencies(shown, reportedPathDependencies(selection))
  const listed = ienv.env[CRATE_NAMES_VARIABLE]
  if (listed !== shown.env[CRATE_NAMES_VARIABLE]) core.info(`${CRATE_NAMES_VARIABLE}=${listed}`)
  return { ienv, pathDependencies: local.filter((crate) => !crate.member), selection }
}

/** What the report is told; a test executable it cannot be given is warned about. */
export function reportScope(crates: MeasuredCrates): RustReportScope {
  const { ienv, selection } = crates
  const buildDir = ienv.variables.CARGO_LLVM_COV_BUILD_DIR || ienv.targetDir
  const depsDirs = [...new Set([ienv.targetDir, buildDir])].map((dir) => join(dir, 'debug', 'deps'))
  const scope = rustReportScope(selection, depsDirs, ienv.env)
  if (scope.objectsLeftOut.length) {
    warning(
      `Not counted: the runs of ${scope.objectsLeftOut.join(', ')} (a path dependency's tests), ` +
        'because cargo-llvm-cov splits LLVM_COV_FLAGS on spaces and the path has one. ' +
        'A target directory without spaces avoids it.'
    )
  }
  if (scope.args.length) core.info(`Report scope: ${scope.args.join(' ')}`)
  if (scope.env.LLVM_COV_FLAGS) core.info(`LLVM_COV_FLAGS=${scope.env.LLVM_COV_FLAGS}`)
  return scope
}
