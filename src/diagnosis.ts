/**
 * Explains a silent 0% instead of reporting it: the Python tests ran, but no profile came
 * from the Rust extension. The likely causes are listed, with what could be checked.
 */
import type { ExtensionInfo } from './phases/python.js'

export interface ExtensionFacts {
  /** Profiles written while the Python tests ran. */
  newProfiles: number
  /** The extension as the test interpreter imports it, when its module name is known. */
  extension?: ExtensionInfo
  /** The instrumented target directory. */
  targetDir: string
  /** Shared libraries found in <targetDir>/debug after the build. */
  builtLibraries: string[]
  /** When the build phase started (ms since epoch), if it ran. */
  buildStartedAt?: number
}

const CAUSES =
  'Likely causes: a release build instead of the debug profile; a different CARGO_TARGET_DIR; ' +
  'an extension that was not rebuilt under instrumentation; or test processes killed with SIGKILL ' +
  '(a profile is written only when the process exits normally: stop workers with SIGTERM, or let them exit).'

/** A message for the log and summary, or undefined when the extension did write profiles. */
export function diagnoseMissingExtensionProfiles(facts: ExtensionFacts): string | undefined {
  if (facts.newProfiles > 0) return undefined
  const lines = [
    'The Python tests ran, but no coverage profile came from the Rust extension: the Rust code they reach would count as 0%.'
  ]
  const ext = facts.extension
  if (ext?.file) {
    lines.push(`The tests import ${ext.module} from ${ext.file}.`)
    if (ext.instrumented === false) {
      lines.push(
        '- That file is not instrumented: it was built without the coverage environment, ' +
          'for example by a release build (`pip install .`, `uv sync`, `maturin build --release`) or by a step before this action.'
      )
    }
    const built = facts.buildStartedAt
    if (built !== undefined && ext.mtime !== undefined && ext.mtime * 1000 < built) {
      lines.push(
        "- It is older than this run's build: it was not rebuilt (is another copy earlier on sys.path?)."
      )
    }
  } else if (ext) {
    lines.push(`- The test interpreter cannot find the extension module ${ext.module}.`)
  }
  if (facts.builtLibraries.length === 0) {
    lines.push(
      `- No shared library was built into ${facts.targetDir}/debug, where \`cargo llvm-cov report\` looks: ` +
        'the build used another target directory or the release profile.'
    )
  }
  lines.push(CAUSES)
  return lines.join('\n')
}
