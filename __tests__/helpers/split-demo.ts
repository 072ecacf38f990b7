/**
 * A binding whose core is outside its Cargo workspace, the layout of several large binding
 * projects: `core/` is a crate of its own, `bindings/python/` a workspace of one pyo3 cdylib
 * built by maturin with `split-core = { path = "../../core" }`. Written by the tests under
 * .tmp/ (inside the repository, as core/ next to bindings/ is in such projects); pyo3 is the
 * version examples/pyo3-demo locks, so the shared target directory compiles it once.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { EXAMPLE, TMP } from './toolchain.js'

export const SPLIT_DEMO = join(TMP, 'split-demo')
export const BINDING = join(SPLIT_DEMO, 'bindings', 'python')
/** The binding's directory as the working-directory input gives it. */
export const BINDING_INPUT = '.tmp/split-demo/bindings/python'
/** Report paths, relative to the repository root. */
export const CORE_LIB = '.tmp/split-demo/core/src/lib.rs'
export const BINDING_LIB = '.tmp/split-demo/bindings/python/src/lib.rs'
/** Runs the core's unit test from the binding's workspace. */
export const CORE_TEST_COMMAND = 'cargo test -p split-core'

/** The core's lines: weigh from Python (2 bytes), triangle from its own test, unused never. */
export const CORE_LINES = {
  4: 1,
  5: 1,
  6: 2,
  7: 2,
  8: 2,
  9: 1,
  10: 1,
  13: 1,
  14: 1,
  15: 1,
  18: 0,
  19: 0,
  20: 0,
  25: 1,
  26: 1,
  27: 1
}
export const BINDING_LINES = { 4: 1, 5: 1, 6: 1, 9: 1, 10: 1, 11: 1 }

const FILES: Record<string, string> = {
  'core/Cargo.toml': `[package]
name = "split-core"
version = "0.1.0"
edition = "2021"
publish = false
`,
  'core/src/lib.rs': `//! The core: its own crate, outside the binding's Cargo workspace.

/// Reached from Python through the binding.
pub fn weigh(data: &[u8]) -> u32 {
    let mut total = 0;
    for byte in data {
        total += u32::from(*byte) % 7;
    }
    total
}

/// Reached only by the Rust test below.
pub fn triangle(n: u32) -> u32 {
    (1..=n).sum()
}

/// Reached by nothing.
pub fn unused(x: u32) -> u32 {
    x + 1
}

#[cfg(test)]
mod tests {
    #[test]
    fn triangle_of_four() {
        assert_eq!(super::triangle(4), 10);
    }
}
`,
  'bindings/python/Cargo.toml': `[package]
name = "split-binding"
version = "0.1.0"
edition = "2021"
publish = false

[lib]
name = "_native"
crate-type = ["cdylib"]
test = false
doctest = false

[dependencies]
split-core = { path = "../../core" }
pyo3 = "0.30"
`,
  'bindings/python/src/lib.rs': `use pyo3::prelude::*;

#[pyfunction]
fn weigh(data: &[u8]) -> u32 {
    split_core::weigh(data)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(weigh, m)?)
}
`,
  'bindings/python/pyproject.toml': `[build-system]
requires = ["maturin>=1.5,<2"]
build-backend = "maturin"

[project]
name = "split-demo"
version = "0.1.0"
requires-python = ">=3.9"

[tool.maturin]
python-source = "python"
module-name = "split_demo._native"
`,
  'bindings/python/python/split_demo/__init__.py': `from split_demo._native import weigh

__all__ = ["weigh"]
`,
  'bindings/python/tests/test_weigh.py': `import split_demo


def test_weigh():
    assert split_demo.weigh(b"ab") == 97 % 7 + 98 % 7
`
}

/** Writes the project; a file already as it should be is left alone (its mtime too). */
export function writeSplitDemo(): void {
  for (const [name, text] of Object.entries(FILES)) {
    const path = join(SPLIT_DEMO, name)
    if (existsSync(path) && readFileSync(path, 'utf8') === text) continue
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, text)
  }
  // The example's lock pins pyo3; cargo drops its other packages and adds the binding's.
  const lock = join(BINDING, 'Cargo.lock')
  if (!existsSync(lock)) writeFileSync(lock, readFileSync(join(EXAMPLE, 'Cargo.lock')))
}
