/**
 * What the action reads from a pyproject.toml: the project's name, whether maturin builds it,
 * and its dependency groups (PEP 735) — read with a TOML parser, once, with a clear error for a
 * file that is not TOML.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'smol-toml'

export interface PyProject {
  path: string
  /** [project].name */
  name: string | undefined
  /** [build-system].build-backend is maturin. */
  builtByMaturin: boolean
  /** [tool.maturin].manifest-path: the Cargo.toml of the crate maturin builds, if not beside. */
  maturinManifestPath: string | undefined
  /** [tool.uv.workspace] is present (a uv workspace root, perhaps virtual). */
  uvWorkspaceRoot: boolean
  /** [dependency-groups]: group → requirement names (normalised), include-groups resolved. */
  groups: Map<string, Set<string>>
}

/** The pyproject.toml of `dir`, or undefined when there is none. */
export function readPyProject(dir: string): PyProject | undefined {
  const path = join(dir, 'pyproject.toml')
  if (!existsSync(path)) return undefined
  let data: Record<string, unknown>
  try {
    data = parse(readFileSync(path, 'utf8')) as Record<string, unknown>
  } catch (error) {
    const detail = (error as Error).message.split('\n')[0]
    throw new Error(`${path} is not valid TOML: ${detail}`, { cause: error })
  }
  const table = (value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {}
  const project = table(data.project)
  const backend = table(data['build-system'])['build-backend']
  return {
    path,
    name: stringOr(project.name),
    builtByMaturin: backend === 'maturin',
    maturinManifestPath: stringOr(table(table(data.tool).maturin)['manifest-path']),
    uvWorkspaceRoot: 'workspace' in table(table(data.tool).uv),
    groups: resolveGroups(table(data['dependency-groups']))
  }
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/** PEP 503 normalised name: runs of -, _ and . become -, lower case. */
export function normalizeName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase()
}

const REQUIREMENT_NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/

/** Each group's requirement names, with `{include-group = "..."}` entries followed (no cycles). */
function resolveGroups(raw: Record<string, unknown>): Map<string, Set<string>> {
  const groups = new Map<string, Set<string>>()
  const byName = new Map(Object.entries(raw).map(([name, value]) => [normalizeName(name), value]))
  const collect = (group: string, seen: Set<string>, into: Set<string>) => {
    if (seen.has(group)) return
    seen.add(group)
    const entries = byName.get(group)
    if (!Array.isArray(entries)) return
    for (const entry of entries) {
      if (typeof entry === 'string') {
        const name = REQUIREMENT_NAME.exec(entry)?.[1]
        if (name) into.add(normalizeName(name))
      } else if (entry && typeof entry === 'object' && 'include-group' in entry) {
        const included = (entry as Record<string, unknown>)['include-group']
        if (typeof included === 'string') collect(normalizeName(included), seen, into)
      }
    }
  }
  for (const group of byName.keys()) {
    const names = new Set<string>()
    collect(group, new Set(), names)
    groups.set(group, names)
  }
  return groups
}

/** Requirements that mark a group as holding the test tools: pytest and its plugins. */
const TEST_TOOLS = /^pytest(-.+)?$/

/** The groups that hold test tools (pytest and its plugins), in the file's order. */
export function testGroups(project: PyProject): string[] {
  return [...project.groups]
    .filter(([, names]) => [...names].some((name) => TEST_TOOLS.test(name)))
    .map(([group]) => group)
}
