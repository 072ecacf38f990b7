/**
 * Where the Rust and the Python phases run. The Cargo workspace and the Python project are
 * often not one directory: a Cargo workspace at the repository root with the maturin project in
 * crates/<name>-python/, or a uv workspace whose virtual root lists the maturin project as a
 * member. With `working-directory` at the root the action finds the maturin project below it;
 * with it at the member, the Rust phases still run from the Cargo workspace root. With no Cargo
 * project at the working directory (a repository whose binding is a workspace of its own in
 * bindings/python, or a Python project whose crate is in rust/ by [tool.maturin] manifest-path),
 * they run from the Cargo workspace of the crate maturin builds.
 */
import { existsSync, readdirSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { exec } from './exec.js'
import { readPyProject } from './pyproject.js'

export interface ProjectLayout {
  /** The Cargo workspace root: show-env, clean, the Rust tests and the report run here. */
  cargoRoot: string
  /** The Python project: the build, coverage.py's configuration and the Python tests run here. */
  pythonDir: string
}

/** Directories not searched for a maturin project (builds, environments, VCS). */
const SKIPPED = new Set(['target', 'node_modules', 'build', 'dist', 'venv', '__pycache__'])
/** How deep below the working directory a maturin project is looked for. */
const SEARCH_DEPTH = 4

/** `python`: whether the Python phases run (without them no Python project is looked for). */
export async function detectLayout(
  workingDirectory: string,
  python: boolean,
  env: NodeJS.ProcessEnv = process.env
): Promise<ProjectLayout> {
  // The Python project first: several of them stop the run before any command.
  const pythonDir = python ? pythonProjectDir(workingDirectory) : workingDirectory
  const maturinCrate = python ? maturinCrateDir(pythonDir) : undefined
  const cargoRoot =
    (await cargoWorkspaceRoot(workingDirectory, env)) ??
    (maturinCrate !== undefined && maturinCrate !== workingDirectory
      ? await cargoWorkspaceRoot(maturinCrate, env)
      : undefined) ??
    // No Cargo project anywhere: show-env says so with its own hint, naming the directory.
    workingDirectory
  return { cargoRoot, pythonDir }
}

/** The directory of the crate maturin builds for the Python project in `pythonDir`. */
function maturinCrateDir(pythonDir: string): string {
  // pythonProjectDir has read this file already: it is TOML, or there is none.
  const manifest = readPyProject(pythonDir)?.maturinManifestPath
  return manifest === undefined ? pythonDir : dirname(resolve(pythonDir, manifest))
}

/** `cargo locate-project --workspace` from `dir`; undefined when cargo finds none. */
async function cargoWorkspaceRoot(
  dir: string,
  env: NodeJS.ProcessEnv
): Promise<string | undefined> {
  try {
    const { stdout } = await exec(
      ['cargo', 'locate-project', '--workspace', '--message-format', 'plain'],
      { cwd: dir, env, captureStdout: true, silent: true, timeoutMs: 60_000 }
    )
    const manifest = stdout.trim()
    return manifest ? dirname(manifest) : undefined
  } catch {
    return undefined
  }
}

/**
 * The working directory when it is a Python project of its own (a pyproject.toml with a
 * [project] or a maturin backend); otherwise the one maturin project below it. Several are
 * refused: which one the tests are for is the user's to say.
 */
export function pythonProjectDir(workingDirectory: string): string {
  const own = readPyProject(workingDirectory)
  if (own && (own.builtByMaturin || (own.name !== undefined && !own.uvWorkspaceRoot))) {
    return workingDirectory
  }
  const found = maturinProjectsBelow(workingDirectory, SEARCH_DEPTH)
  if (found.length === 1) return found[0] as string
  if (found.length === 0) return workingDirectory
  const listed = found.map((dir) => relative(workingDirectory, dir)).join(', ')
  throw new MultipleProjectsError(workingDirectory, listed)
}

export class MultipleProjectsError extends Error {
  constructor(workingDirectory: string, listed: string) {
    super(
      `Input 'working-directory': ${workingDirectory} holds several maturin projects (${listed}); set working-directory to the one whose Python tests to run (the Rust phases run from its Cargo workspace root either way)`
    )
    this.name = 'MultipleProjectsError'
  }
}

function maturinProjectsBelow(dir: string, depth: number): string[] {
  if (depth === 0) return []
  const found: string[] = []
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return []
  }
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || SKIPPED.has(entry.name)) continue
    const child = join(dir, entry.name)
    if (existsSync(join(child, 'pyproject.toml')) && builtByMaturin(child)) {
      found.push(child)
    } else {
      found.push(...maturinProjectsBelow(child, depth - 1))
    }
  }
  return found.sort()
}

/** A pyproject below the working directory that is not TOML is not ours to refuse. */
function builtByMaturin(dir: string): boolean {
  try {
    return readPyProject(dir)?.builtByMaturin ?? false
  } catch {
    return false
  }
}
