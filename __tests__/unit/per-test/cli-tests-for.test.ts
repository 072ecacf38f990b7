/**
 * `cli.js tests-for` as users run it (bundled, its own node process) in a real git repository:
 * the change is git diff BASE → the working tree, read against a tests.json.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'

let repo = ''
let cli = ''
let head = ''

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
    cwd: repo,
    encoding: 'utf8'
  })
}

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, 'tests-for', ...args], {
    cwd: join(repo, 'src'),
    encoding: 'utf8'
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const LIB = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join('\n') + '\n'

function testsJson(commit: string): string {
  return JSON.stringify({
    format: 'mixed-coverage-tests',
    version: 1,
    commit,
    files: ['src/lib.rs', 'src/api.py'],
    coverable: ['2-10', '1-4'],
    covered: ['2-9', '1-4'],
    tests: [
      { id: 'tests/test_api.py::test_a', kind: 'pytest', lines: { '0': '2-4', '1': '1-2' } },
      { id: 'demo-core tests::b', kind: 'rust-test', lines: { '0': '4-6' } },
      { id: 'tests/test_api.py::test_c', kind: 'pytest', lines: { '1': '3-4' } }
    ]
  })
}

beforeAll(async () => {
  repo = mkdtempSync(join(tmpdir(), 'mc-tests-for-'))
  cli = join(repo, '..', `${repo.split('/').pop()}-cli.mjs`)
  await build({
    entryPoints: [join(import.meta.dirname, '..', '..', '..', 'src', 'cli.ts')],
    outfile: cli,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    logLevel: 'silent'
  })
  mkdirSync(join(repo, 'src'))
  writeFileSync(join(repo, 'src', 'lib.rs'), LIB)
  writeFileSync(join(repo, 'src', 'api.py'), 'a\nb\nc\nd\n')
  git('init', '-q')
  git('add', '.')
  git('commit', '-q', '-m', 'base')
  head = git('rev-parse', 'HEAD').trim()
  mkdirSync(join(repo, 'coverage'))
  writeFileSync(join(repo, 'coverage', 'tests.json'), testsJson(head))
  // Changed in the working tree: lines 4 and 9 of lib.rs, line 3 of api.py.
  writeFileSync(
    join(repo, 'src', 'lib.rs'),
    LIB.replace('line 4\n', 'LINE 4\n').replace('line 9\n', 'LINE 9\n')
  )
  writeFileSync(join(repo, 'src', 'api.py'), 'a\nb\nC\nd\n')
}, 30_000)

describe('tests-for', () => {
  it('prints the tests that run the changed lines, most changed lines first', () => {
    const result = run('--diff', 'HEAD')
    expect(result).toEqual({
      code: 0,
      stdout: 'demo-core tests::b\ntests/test_api.py::test_a\ntests/test_api.py::test_c\n',
      stderr:
        'mixed-coverage: 2 of 3 changed coverable lines are run by 3 test(s)\n' +
        '  no test runs src/lib.rs run outside any test: 9\n'
    })
  })

  it('gives the same as JSON', () => {
    const result = run('--diff', head, '--json')
    expect(JSON.parse(result.stdout)).toEqual({
      changedLines: 3,
      testedLines: 2,
      tests: [
        { id: 'demo-core tests::b', kind: 'rust-test', lines: { 'src/lib.rs': [4] } },
        { id: 'tests/test_api.py::test_a', kind: 'pytest', lines: { 'src/lib.rs': [4] } },
        { id: 'tests/test_api.py::test_c', kind: 'pytest', lines: { 'src/api.py': [3] } }
      ],
      untested: [{ path: 'src/lib.rs', outsideTests: [9], notRun: [] }]
    })
  })

  it('warns when tests.json was measured on another commit', () => {
    writeFileSync(join(repo, 'other.json'), testsJson('0'.repeat(40)))
    const result = run('--diff', 'HEAD', '--tests', '../other.json')
    expect(result.code).toBe(0)
    expect(result.stderr.split('\n')[0]).toBe(
      `mixed-coverage: warning: ${join(repo, 'other.json')} was measured on 000000000000, the checkout is ${head.slice(0, 12)}: lines of files changed in between may have moved`
    )
  })

  it('refuses what is not a commit, and a missing --diff', () => {
    expect(run('--diff', 'nope')).toMatchObject({
      code: 2,
      stderr: `mixed-coverage: 'nope' is not a commit of the repository in ${repo}\nRun with --help for usage.\n`
    })
    expect(run('--diff', '--output=x').code).toBe(2)
    expect(run().stderr).toMatch(/--diff BASE is required/)
  })
})
