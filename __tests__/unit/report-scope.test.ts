// What `cargo llvm-cov report` is told: the left-out crates' files by directory (checked with
// grep -E, a POSIX ERE engine like llvm-cov's), and a path dependency's test executables.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parseLocalCrates, type LocalCrate } from '../../src/phases/cargo-metadata.js'
import { selectCrates, type CrateChoice } from '../../src/phases/crates.js'
import {
  escapeRegex,
  ignoreFilenameRegex,
  leftOutPaths,
  rustReportScope,
  testExecutables
} from '../../src/phases/report-scope.js'

/** The fixture's project, laid out on disk under a directory with ERE metacharacters in it. */
const root = join(mkdtempSync(join(tmpdir(), 'mc-scope-')), 'proj.v1+[x](y)')
const local: LocalCrate[] = parseLocalCrates(
  readFileSync(new URL('../fixtures/cargo/nested-metadata.json', import.meta.url), 'utf8')
).map((crate) => ({ ...crate, dir: crate.dir.replace('/repo', root) }))

for (const file of [
  'ws/Cargo.toml',
  'ws/build.rs',
  'ws/src/lib.rs',
  'ws/crates/cli/Cargo.toml',
  'ws/crates/cli/src/main.rs',
  'ws/crates/other/x.rs',
  'shared/Cargo.toml',
  'shared/src/lib.rs',
  'shared/tests/round-trip.rs',
  'shared/inner/src/lib.rs'
]) {
  mkdirSync(dirname(join(root, file)), { recursive: true })
  writeFileSync(join(root, file), '')
}

function select(choice: Partial<CrateChoice>) {
  return selectCrates(local, { packages: [], exclude: [], ...choice })
}

/** The paths (relative to the project) that grep -E's ERE engine finds the regex in. */
function ignored(regex: string, relativePaths: string[]): string[] {
  const input = relativePaths.map((path) => join(root, path)).join('\n') + '\n'
  let out = ''
  try {
    out = execFileSync('grep', ['-E', '-e', regex], { input, encoding: 'utf8' })
  } catch (error) {
    if ((error as { status?: number }).status !== 1) throw error
  }
  return out
    .split('\n')
    .filter(Boolean)
    .map((path) => path.slice(root.length + 1))
}

const SOURCES = [
  'ws/build.rs',
  'ws/src/lib.rs',
  'ws/srcx/lib.rs',
  'ws/crates/cli/src/main.rs',
  'ws/crates/other/x.rs',
  'shared/src/lib.rs',
  'shared/tests/round-trip.rs',
  'shared/src/bin/examples/tool.rs',
  'shared/inner/src/lib.rs',
  'shared/inner/tests/a.rs'
]

describe('leftOutPaths', () => {
  it("is the crate's directory when no reported crate lives below it", () => {
    expect(leftOutPaths(join(root, 'shared'), [join(root, 'ws')])).toEqual([join(root, 'shared')])
  })

  it('carves out a reported crate below it: every entry beside the way down to it', () => {
    const paths = leftOutPaths(join(root, 'ws'), [join(root, 'ws/crates/cli')])
    expect(paths).toEqual(
      ['ws/Cargo.toml', 'ws/build.rs', 'ws/crates/other', 'ws/src'].map((p) => join(root, p))
    )
  })
})

describe('ignoreFilenameRegex', () => {
  it('ignores the tests, examples and benches of the path dependencies only, by default', () => {
    const regex = ignoreFilenameRegex(select({})) as string
    expect(ignored(regex, SOURCES)).toEqual([
      'shared/tests/round-trip.rs',
      'shared/src/bin/examples/tool.rs',
      'shared/inner/tests/a.rs'
    ])
  })

  it('ignores a left-out root package but not the member inside its directory', () => {
    const regex = ignoreFilenameRegex(select({ exclude: ['root-app'] })) as string
    expect(ignored(regex, SOURCES)).toEqual([
      'ws/build.rs',
      'ws/src/lib.rs',
      'ws/crates/other/x.rs',
      'shared/tests/round-trip.rs',
      'shared/src/bin/examples/tool.rs',
      'shared/inner/tests/a.rs'
    ])
  })

  it('ignores a left-out path dependency, and keeps its reported one nested inside', () => {
    const regex = ignoreFilenameRegex(select({ packages: ['shared-inner'] })) as string
    expect(ignored(regex, SOURCES)).toEqual([
      'ws/build.rs',
      'ws/src/lib.rs',
      'ws/srcx/lib.rs',
      'ws/crates/cli/src/main.rs',
      'ws/crates/other/x.rs',
      'shared/src/lib.rs',
      'shared/tests/round-trip.rs',
      'shared/src/bin/examples/tool.rs',
      'shared/inner/tests/a.rs'
    ])
  })

  it('gives nothing when only members are reported and none is left out', () => {
    const membersOnly = local.filter((crate) => crate.member)
    const selection = selectCrates(membersOnly, { packages: [], exclude: [] })
    expect(ignoreFilenameRegex(selection)).toBeUndefined()
  })
})

describe('escapeRegex', () => {
  it('matches a Windows path with either separator, and nothing beside it', () => {
    const regex = `^${escapeRegex('C:\\a.b\\crate')}($|[/\\\\])`
    const input = ['C:\\a.b\\crate\\src\\lib.rs', 'C:/a.b/crate/src/lib.rs', 'C:\\aXb\\crate\\x.rs']
    const out = execFileSync('grep', ['-E', '-e', regex], {
      input: input.join('\n') + '\n',
      encoding: 'utf8'
    })
    expect(out.split('\n').filter(Boolean)).toEqual(input.slice(0, 2))
  })
})

describe('test executables of the path dependencies', () => {
  const deps = join(root, 'target', 'debug', 'deps')
  mkdirSync(deps, { recursive: true })
  const files: Array<[string, number]> = [
    ['shared_utils-0123456789abcdef', 0o755],
    ['shared_utils-0123456789abcdef.d', 0o644],
    ['libshared_utils-0123456789abcdef.rlib', 0o644],
    ['round_trip-fedcba9876543210', 0o755],
    ['shared_utils-0123', 0o755],
    ['app_cli-0123456789abcdef', 0o755],
    ['shared_tool-0123456789abcdef', 0o644]
  ]
  for (const [name, mode] of files) {
    writeFileSync(join(deps, name), '')
    chmodSync(join(deps, name), mode)
  }

  it("finds the executables cargo wrote for a path dependency's targets", () => {
    expect(testExecutables(deps, ['shared_utils', 'shared_tool', 'round_trip'])).toEqual([
      join(deps, 'round_trip-fedcba9876543210'),
      join(deps, 'shared_utils-0123456789abcdef')
    ])
    expect(testExecutables(join(root, 'no-such-dir'), ['shared_utils'])).toEqual([])
  })

  it("passes them to llvm-cov after the user's own LLVM_COV_FLAGS", () => {
    const scope = rustReportScope(select({}), [deps], { LLVM_COV_FLAGS: '-Xdemangler=rustfilt' })
    expect(scope.env).toEqual({
      LLVM_COV_FLAGS: [
        '-Xdemangler=rustfilt',
        `-object=${join(deps, 'round_trip-fedcba9876543210')}`,
        `-object=${join(deps, 'shared_utils-0123456789abcdef')}`
      ].join(' ')
    })
    expect(scope.args).toEqual(['--ignore-filename-regex', ignoreFilenameRegex(select({}))])
    expect(scope.objectsLeftOut).toEqual([])
  })

  it('leaves out an executable whose path has a space (LLVM_COV_FLAGS is split on spaces)', () => {
    const spaced = join(root, 'target dir', 'debug', 'deps')
    mkdirSync(spaced, { recursive: true })
    writeFileSync(join(spaced, 'round_trip-fedcba9876543210'), '')
    chmodSync(join(spaced, 'round_trip-fedcba9876543210'), 0o755)
    const scope = rustReportScope(select({}), [spaced], {})
    expect(scope.env).toEqual({})
    expect(scope.objectsLeftOut).toEqual([join(spaced, 'round_trip-fedcba9876543210')])
  })

  it('adds none for a path dependency left out of the report', () => {
    const scope = rustReportScope(select({ exclude: ['shared-utils'] }), [deps], {})
    expect(scope.env).toEqual({})
  })
})
