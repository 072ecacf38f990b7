/**
 * Where the phases run (layout.ts): the Python phases in the working directory or the one maturin
 * project below; the Rust phases in the Cargo workspace of the working directory, else of the
 * crate maturin builds (with the real cargo locate-project).
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { detectLayout, MultipleProjectsError, pythonProjectDir } from '../../src/layout.js'

const made: string[] = []
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'mc-layout-'))
  made.push(root)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

const MATURIN = '[build-system]\nbuild-backend = "maturin"\n\n[project]\nname = "x"\n'
const VIRTUAL_ROOT = '[tool.uv.workspace]\nmembers = ["crates/x-python"]\n'

describe('pythonProjectDir', () => {
  it('is the working directory when it is a maturin project', () => {
    const root = tree({ 'pyproject.toml': MATURIN, 'crates/x-python/pyproject.toml': MATURIN })
    expect(pythonProjectDir(root)).toBe(root)
  })
  it('is the working directory when it is a Python project built another way', () => {
    const root = tree({ 'pyproject.toml': '[project]\nname = "y"\n' })
    expect(pythonProjectDir(root)).toBe(root)
  })
  it('finds the one maturin project below a virtual uv root or a plain Cargo workspace', () => {
    const uvRoot = tree({
      'pyproject.toml': VIRTUAL_ROOT,
      'crates/x-python/pyproject.toml': MATURIN
    })
    expect(pythonProjectDir(uvRoot)).toBe(join(uvRoot, 'crates', 'x-python'))
    const cargoRoot = tree({ 'Cargo.toml': '', 'bindings/python/pyproject.toml': MATURIN })
    expect(pythonProjectDir(cargoRoot)).toBe(join(cargoRoot, 'bindings', 'python'))
  })
  it('does not look into build output, environments, hidden directories, or broken files', () => {
    const root = tree({
      'crates/x-python/pyproject.toml': MATURIN,
      'target/wheels/pkg/pyproject.toml': MATURIN,
      '.venv/lib/pkg/pyproject.toml': MATURIN,
      'node_modules/pkg/pyproject.toml': MATURIN,
      'tests/fixtures/broken/pyproject.toml': '[build-system\n'
    })
    expect(pythonProjectDir(root)).toBe(join(root, 'crates', 'x-python'))
  })
  it('refuses several, naming them and the input to set', () => {
    const root = tree({ 'a/pyproject.toml': MATURIN, 'b/c/pyproject.toml': MATURIN })
    expect(() => pythonProjectDir(root)).toThrow(MultipleProjectsError)
    expect(() => pythonProjectDir(root)).toThrow(
      `Input 'working-directory': ${root} holds several maturin projects (a, b/c); set working-directory to the one whose Python tests to run`
    )
  })
  it('stays in the working directory when there is no Python project at all', () => {
    const root = tree({ 'Cargo.toml': '' })
    expect(pythonProjectDir(root)).toBe(root)
  })
})

const CRATE = (name: string) => `[package]\nname = "${name}"\nversion = "0.1.0"\nedition = "2021"\n`

describe('detectLayout', () => {
  it("takes the working directory's Cargo workspace when it has one", async () => {
    const root = tree({
      'Cargo.toml': '[workspace]\nmembers = ["bindings/python"]\n',
      'bindings/python/Cargo.toml': CRATE('binding'),
      'bindings/python/pyproject.toml': MATURIN
    })
    expect(await detectLayout(root, true)).toEqual({
      cargoRoot: root,
      pythonDir: join(root, 'bindings', 'python')
    })
  })
  it('with no Cargo project there, takes the workspace of the binding below', async () => {
    const root = tree({
      'core/Cargo.toml': CRATE('core'),
      'core/src/lib.rs': '',
      'bindings/python/Cargo.toml': `${CRATE('binding')}\n[workspace]\n`,
      'bindings/python/src/lib.rs': '',
      'bindings/python/pyproject.toml': MATURIN
    })
    const binding = join(root, 'bindings', 'python')
    expect(await detectLayout(root, true)).toEqual({ cargoRoot: binding, pythonDir: binding })
  })
  it("with no Cargo project there, follows maturin's manifest-path to the crate", async () => {
    const root = tree({
      'pyproject.toml': `${MATURIN}\n[tool.maturin]\nmanifest-path = "rust/Cargo.toml"\n`,
      'rust/Cargo.toml': CRATE('ext'),
      'rust/src/lib.rs': ''
    })
    expect(await detectLayout(root, true)).toEqual({
      cargoRoot: join(root, 'rust'),
      pythonDir: root
    })
  })
  it('stays in the working directory when there is no Cargo project at all', async () => {
    const root = tree({ 'pyproject.toml': MATURIN })
    expect(await detectLayout(root, true)).toEqual({ cargoRoot: root, pythonDir: root })
  })
})
