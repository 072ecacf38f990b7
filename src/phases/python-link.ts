/**
 * Rust tests that cannot be linked because they call Python. A crate built as an extension
 * module leaves libpython out: pyo3's `extension-module` feature (deprecated since pyo3 0.26,
 * still in many projects) does so for every build of the crate, its tests included, and so does
 * `PYO3_BUILD_EXTENSION_MODULE` in the environment, which maturin ≥ 1.9.4 sets for its own build
 * only. A test executable that reaches a Python API then has undefined `Py…` symbols. The first
 * run of a real project often ends here, with the default `cargo test --workspace`; this scan
 * turns the linker's pages into one message that names the build and the inputs that fix it.
 *
 * It reads the test command's stderr as it streams, line by line, keeping only what it found:
 * the undefined Python symbols, whether a link failed, and the targets cargo could not compile.
 * (An undefined symbol at run time, `symbol lookup error`, is no link failure: not explained.)
 */
import { DEFAULTS } from '../config.js'
import { Inputs } from '../constants.js'

const DEFAULT_COMMAND = DEFAULTS[Inputs.RustTestCommand]

/** The linkers' ways of saying a symbol is undefined: lld, GNU ld, Apple's ld. */
const UNDEFINED_PYTHON_SYMBOL = [
  /undefined symbol: (_?Py\w*)/,
  /undefined reference to [`'‘](_?Py\w*)['’]/,
  /^\s*"_(_?Py\w*)", referenced from/
]
/** cargo's last word on a target it could not build: `could not compile `name` (lib test)`. */
const NOT_COMPILED = /could not compile `([^`]+)` \(([^)]*test[^)]*)\)/
/** rustc's and the C linker drivers' own words for a failed link. */
const LINK_FAILED = /error: linking with `|ld returned \d+ exit status|linker command failed/
/** lld stops after `--error-limit` errors (20 by default): the symbols found are then a part. */
const LINKER_STOPPED = /too many errors emitted, stopping now/

/** Only the first this many characters of a line are looked at (linker lines are short). */
const MAX_LINE = 16 * 1024
const SHOWN_SYMBOLS = 3

export class PythonLinkScan {
  private readonly symbols = new Set<string>()
  /** Each target cargo could not compile (`name (lib test)`) → its package name. */
  private readonly targets = new Map<string, string>()
  private linkFailed = false
  private linkerStopped = false
  /** The start of the line not yet ended (at most MAX_LINE characters of it). */
  private partial = ''

  /** Takes the next piece of stderr. */
  feed(chunk: string): void {
    const lines = chunk.split('\n')
    const rest = lines.pop() as string
    for (const line of lines) {
      this.line((this.partial + line.slice(0, MAX_LINE)).slice(0, MAX_LINE))
      this.partial = ''
    }
    this.partial = (this.partial + rest.slice(0, MAX_LINE)).slice(0, MAX_LINE)
  }

  /**
   * Why the tests could not be built, when they called Python from a crate without libpython;
   * `members` are the workspace's package names, for the advice.
   */
  explain(members: readonly string[], command: string): string | undefined {
    if (this.partial) this.line(this.partial)
    this.partial = ''
    if (this.symbols.size === 0 || !(this.linkFailed || this.targets.size > 0)) return undefined
    // The linker's order follows its inputs, which parallel code generation reorders from one
    // build to the next; sorted, the message is the same for the same symbols. Which symbols lld
    // reports before its error limit may vary too: no count is claimed then.
    const symbols = [...this.symbols].sort()
    const more = symbols.length - SHOWN_SYMBOLS
    const rest = this.linkerStopped ? ' and more' : more > 0 ? ` and ${more} more` : ''
    const shown = symbols.slice(0, SHOWN_SYMBOLS).join(', ') + rest
    const which =
      this.targets.size > 0
        ? `the test build of ${[...this.targets.keys()].join(', ')}`
        : 'a test build'
    const leave = leaveOut([...new Set(this.targets.values())], members, command)
    return (
      `${which} could not be linked: it calls Python, and the Python symbols (${shown}) are ` +
      `undefined. A build as an extension module leaves libpython out: pyo3's extension-module ` +
      `feature does so for every build of the crate, tests included (and so does ` +
      `PYO3_BUILD_EXTENSION_MODULE set for the tests). With pyo3 0.26 or later, remove the ` +
      `feature: maturin 1.9.4 or later sets PYO3_BUILD_EXTENSION_MODULE for the extension's ` +
      `build only. With an older pyo3, make it an optional default feature and add ` +
      `--no-default-features to rust-test-command. Or leave these tests out ` +
      `(${leave}). The Python tests measure the crate's Rust code either way`
    )
  }

  private line(text: string): void {
    for (const pattern of UNDEFINED_PYTHON_SYMBOL) {
      const symbol = pattern.exec(text)?.[1]
      if (symbol !== undefined) this.symbols.add(symbol)
    }
    if (LINK_FAILED.test(text)) this.linkFailed = true
    if (LINKER_STOPPED.test(text)) this.linkerStopped = true
    const failed = NOT_COMPILED.exec(text)
    if (failed) this.targets.set(`${failed[1]} (${failed[2]})`, failed[1] as string)
  }
}

/**
 * How to leave the crates' tests out. When they are the whole workspace, cargo would have no
 * package left to test (`--exclude` of every member is an error): no Rust test command then.
 */
function leaveOut(crates: readonly string[], members: readonly string[], command: string): string {
  if (crates.length === 0) return 'add --exclude <crate> to rust-test-command'
  if (members.length > 0 && members.every((name) => crates.includes(name)))
    return "rust-test-command: '' — every crate of the workspace is among them"
  const excluded = crates.map((name) => `--exclude ${name}`).join(' ')
  return command.trim() === DEFAULT_COMMAND
    ? `rust-test-command: ${DEFAULT_COMMAND} ${excluded}`
    : `add ${excluded} to rust-test-command`
}
