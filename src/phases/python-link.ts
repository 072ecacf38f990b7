/**
 * Rust tests that cannot be linked because they call Python. pyo3's `extension-module` feature
 * (the usual setting of a PyO3 extension crate) leaves libpython out of every build of the
 * crate: right for the extension, which Python loads, but a test executable that reaches a
 * Python API then has undefined `Py…` symbols. The first run of a real project often ends
 * here, with the default `cargo test --workspace`; this scan turns the linker's pages into one
 * sentence that names the crate and the inputs that fix it.
 *
 * It reads the test command's stderr as it streams, line by line, keeping only what it found:
 * the Python symbols the linker could not resolve and the crates cargo could not compile.
 */

/** The linkers' ways of saying a symbol is undefined: lld, GNU ld, Apple's ld. */
const UNDEFINED_PYTHON_SYMBOL = [
  /undefined symbol: (_?Py\w*)/,
  /undefined reference to [`'‘](_?Py\w*)['’]/,
  /^\s*"_(_?Py\w*)", referenced from/
]
/** cargo's last word on a target it could not build: `could not compile `name` (lib test)`. */
const NOT_COMPILED = /could not compile `([^`]+)` \(([^)]*test[^)]*)\)/

/** Only the first this many characters of a line are looked at (linker lines are short). */
const MAX_LINE = 16 * 1024
const SHOWN_SYMBOLS = 3

export class PythonLinkScan {
  private readonly symbols = new Set<string>()
  private readonly targets = new Set<string>()
  private readonly crates = new Set<string>()
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
  explain(members: readonly string[]): string | undefined {
    if (this.partial) this.line(this.partial)
    this.partial = ''
    if (this.symbols.size === 0) return undefined
    const symbols = [...this.symbols]
    const more = symbols.length - SHOWN_SYMBOLS
    const shown = symbols.slice(0, SHOWN_SYMBOLS).join(', ') + (more > 0 ? ` and ${more} more` : '')
    const which =
      this.targets.size > 0 ? `the test build of ${[...this.targets].join(', ')}` : 'a test build'
    return (
      `${which} could not be linked: it calls Python, and the Python symbols (${shown}) are ` +
      `undefined — pyo3's extension-module feature, most likely, leaves libpython out of every ` +
      `build of the crate. Either build the tests without that feature (make it an optional ` +
      `default feature of the crate and add --no-default-features to rust-test-command), or ` +
      `leave these tests out (${leaveOut([...this.crates], members)}). The Python tests ` +
      `measure the crate's Rust code either way`
    )
  }

  private line(text: string): void {
    for (const pattern of UNDEFINED_PYTHON_SYMBOL) {
      const symbol = pattern.exec(text)?.[1]
      if (symbol !== undefined) this.symbols.add(symbol)
    }
    const failed = NOT_COMPILED.exec(text)
    if (failed) {
      this.crates.add(failed[1] as string)
      this.targets.add(`${failed[1]} (${failed[2]})`)
    }
  }
}

/**
 * The rust-test-command that leaves the crates out. When they are the whole workspace, cargo
 * would have no package left to test (`--exclude` of every member is an error).
 */
function leaveOut(crates: readonly string[], members: readonly string[]): string {
  if (crates.length === 0) return 'rust-test-command: cargo test --workspace --exclude <crate>'
  if (members.length > 0 && members.every((name) => crates.includes(name)))
    return "rust-test-command: '' — no other crate of the workspace has tests"
  const excluded = crates.map((name) => `--exclude ${name}`).join(' ')
  return `rust-test-command: cargo test --workspace ${excluded}`
}
