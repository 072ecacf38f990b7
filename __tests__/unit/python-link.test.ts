import { describe, expect, it } from '@jest/globals'
import { PythonLinkScan } from '../../src/phases/python-link.js'

/** The end of cargo's stderr when rust-lld cannot link a lib test that calls Python (rustc 1.95). */
const LLD = [
  '   Compiling extmod v0.1.0 (/work/extmod)',
  'error: linking with `cc` failed: exit status: 1',
  '  |',
  '  = note:  "cc" "-m64" "/target/debug/deps/rustcXiePeZ/symbols.o" "<52 object files omitted>"',
  '  = note: rust-lld: error: undefined symbol: PyGILState_Ensure',
  '          >>> referenced by pystate.rs:125 (src/pystate.rs:125)',
  '          rust-lld: error: undefined symbol: Py_IsInitialized',
  '          >>> referenced by state.rs:102 (src/internal/state.rs:102)',
  '          rust-lld: error: undefined symbol: PyGILState_Release',
  '          rust-lld: error: undefined symbol: Py_IsInitialized',
  '          rust-lld: error: undefined symbol: _Py_Dealloc',
  '          collect2: error: ld returned 1 exit status',
  '',
  'error: could not compile `extmod` (lib test) due to 1 previous error; 1 warning emitted',
  ''
].join('\n')

/** The same failure through GNU ld, in a workspace of two crates, one of them failing. */
const GNU_LD = [
  "/usr/bin/ld: pyo3-85b6.rcgu.o: in function `pyo3::internal::state::AttachGuard::acquire':",
  "          state.rs:102: undefined reference to `Py_IsInitialized'",
  "/usr/bin/ld: state.rs:189: undefined reference to `PyGILState_Release'",
  'error: could not compile `demo-ext` (test "api") due to 1 previous error',
  ''
].join('\n')

/** Apple's linker. */
const APPLE = [
  'Undefined symbols for architecture arm64:',
  '  "_PyGILState_Ensure", referenced from:',
  '      pyo3_ffi::pystate::PyGILState_Ensure::h6efd in libpyo3_ffi.rlib',
  '  "__Py_Dealloc", referenced from:',
  'ld: symbol(s) not found for architecture arm64',
  'error: could not compile `extmod` (lib test) due to 1 previous error',
  ''
].join('\n')

function scan(
  text: string,
  members: string[],
  chunk = text.length,
  command = 'cargo test --workspace'
): string | undefined {
  const scanner = new PythonLinkScan()
  for (let at = 0; at < text.length; at += chunk) scanner.feed(text.slice(at, at + chunk))
  return scanner.explain(members, command)
}

describe('PythonLinkScan', () => {
  it('names the test build, the undefined Python symbols and the advice for a one-crate workspace', () => {
    expect(scan(LLD, ['extmod'])).toBe(
      'the test build of extmod (lib test) could not be linked: it calls Python, and the Python ' +
        'symbols (PyGILState_Ensure, PyGILState_Release, Py_IsInitialized and 1 more) are ' +
        "undefined. A build as an extension module leaves libpython out: pyo3's extension-module " +
        'feature does so for every build of the crate, tests included (and so does ' +
        'PYO3_BUILD_EXTENSION_MODULE set for the tests). With pyo3 0.26 or later, remove the ' +
        "feature: maturin 1.9.4 or later sets PYO3_BUILD_EXTENSION_MODULE for the extension's " +
        'build only. With an older pyo3, make it an optional default feature and add ' +
        '--no-default-features to rust-test-command. Or leave these tests out ' +
        "(rust-test-command: '' — every crate of the workspace is among them). The Python tests " +
        "measure the crate's Rust code either way"
    )
  })

  it('reads GNU ld and leaves the failing crate out of a larger workspace', () => {
    const message = scan(GNU_LD, ['demo-core', 'demo-ext'])
    expect(message).toMatch(/^the test build of demo-ext \(test "api"\) could not be linked/)
    expect(message).toContain('(PyGILState_Release, Py_IsInitialized)')
    expect(message).toContain('(rust-test-command: cargo test --workspace --exclude demo-ext)')
  })

  it("reads Apple's linker, with its leading underscore", () => {
    expect(scan(APPLE, ['extmod'])).toContain('(PyGILState_Ensure, _Py_Dealloc)')
  })

  it('names the same symbols in the same order whatever order the linker reported them in', () => {
    const lines = LLD.split('\n')
    const reordered = [...lines.slice(0, 4), ...lines.slice(4, 11).reverse(), ...lines.slice(11)]
    expect(reordered.join('\n')).not.toBe(LLD)
    expect(scan(reordered.join('\n'), ['extmod'])).toBe(scan(LLD, ['extmod']))
  })

  it('claims no count when lld stopped at its error limit', () => {
    const stopped = LLD.replace(
      '          collect2',
      '          rust-lld: error: too many errors emitted, stopping now (use --error-limit=0 to see all errors)\n          collect2'
    )
    expect(scan(stopped, ['extmod'])).toContain(
      'symbols (PyGILState_Ensure, PyGILState_Release, Py_IsInitialized and more) are undefined.'
    )
  })

  it('finds the same in output that arrives a few bytes at a time', () => {
    for (const chunk of [1, 7, 64]) {
      expect(scan(LLD, ['extmod'], chunk)).toBe(scan(LLD, ['extmod']))
      expect(scan(GNU_LD, ['a', 'demo-ext'], chunk)).toBe(scan(GNU_LD, ['a', 'demo-ext']))
    }
  })

  it('says nothing of tests that failed for another reason', () => {
    const failed = [
      "thread 'tests::doubles' panicked at src/lib.rs:17:5:",
      'error: test failed, to rerun pass `--lib`',
      'error: could not compile `extmod` (lib test) due to 2 previous errors',
      'undefined symbol: my_own_symbol',
      ''
    ].join('\n')
    expect(scan(failed, ['extmod'])).toBeUndefined()
  })

  it('looks at no more than the start of an endless line', () => {
    const scanner = new PythonLinkScan()
    for (let index = 0; index < 1000; index++) scanner.feed('x'.repeat(1000))
    scanner.feed(' undefined symbol: Py_Late\nundefined symbol: Py_Next\n')
    scanner.feed('collect2: error: ld returned 1 exit status\n')
    expect(scanner.explain([], 'cargo test --workspace')).toContain('(Py_Next)')
  })

  it('suggests --exclude of the crate when the members are not known', () => {
    expect(scan(LLD, [])).toContain('(rust-test-command: cargo test --workspace --exclude extmod)')
  })

  it("adds --exclude to the user's own command instead of replacing it", () => {
    const own = 'cargo nextest run --workspace --all-features'
    expect(scan(GNU_LD, ['demo-core', 'demo-ext'], GNU_LD.length, own)).toContain(
      '(add --exclude demo-ext to rust-test-command)'
    )
  })

  it('says nothing of an undefined symbol at run time, which is no link failure', () => {
    const loaded = [
      'running 1 test',
      '/target/debug/deps/extmod-5e68: symbol lookup error: /target/debug/deps/extmod-5e68: undefined symbol: PyGILState_Ensure',
      'error: test failed, to rerun pass `--lib`',
      ''
    ].join('\n')
    expect(scan(loaded, ['extmod'])).toBeUndefined()
  })
})
