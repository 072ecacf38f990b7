/**
 * The local crates of a Cargo project: its workspace members and every path dependency, from
 * `cargo metadata --format-version 1` (with dependencies: a path dependency of a path dependency
 * is only found in the whole graph). A package without a `source` is local; registry and git
 * packages have one.
 */
import { dirname } from 'node:path'
import { exec } from '../exec.js'

export interface LocalCrate {
  /** Package name, as Cargo.toml gives it. */
  name: string
  /** Directory of its Cargo.toml. */
  dir: string
  /** A member of the workspace the commands run in; otherwise a path dependency. */
  member: boolean
  /** Its targets' names as rustc gets them in --crate-name (dashes as underscores). */
  targets: string[]
}

interface MetadataTarget {
  name: string
}

interface MetadataPackage {
  name: string
  id: string
  source: string | null
  manifest_path: string
  targets: MetadataTarget[]
}

interface Metadata {
  packages: MetadataPackage[]
  workspace_members: string[]
}

/** The local crates of `cargo metadata --format-version 1` output: members first, then by name. */
export function parseLocalCrates(json: string): LocalCrate[] {
  const metadata = JSON.parse(json) as Partial<Metadata>
  if (!Array.isArray(metadata.packages) || !Array.isArray(metadata.workspace_members)) {
    throw new Error("'cargo metadata' gave no packages or workspace_members")
  }
  const members = new Set(metadata.workspace_members)
  return metadata.packages
    .filter((pkg) => pkg.source === null || pkg.source === undefined)
    .map((pkg) => ({
      name: pkg.name,
      dir: dirname(pkg.manifest_path),
      member: members.has(pkg.id),
      targets: unique(pkg.targets.map((target) => crateName(target.name)))
    }))
    .sort((a, b) => Number(b.member) - Number(a.member) || a.name.localeCompare(b.name))
}

/** Runs `cargo metadata` in the Cargo project's directory and returns its local crates. */
export async function readLocalCrates(cwd: string, env: NodeJS.ProcessEnv): Promise<LocalCrate[]> {
  const { stdout } = await exec(['cargo', 'metadata', '--format-version', '1'], {
    cwd,
    env,
    captureStdout: true,
    silent: true,
    hint: 'the local crates (workspace members and path dependencies) could not be listed'
  })
  return parseLocalCrates(stdout)
}

/** A name as rustc's --crate-name gets it. */
export function crateName(name: string): string {
  return name.replace(/-/g, '_')
}

function unique(values: string[]): string[] {
  return [...new Set(values)]
}
