/**
 * `node dist/cli.js tests-for --diff BASE [--tests FILE] [--json]`: the tests that run the lines
 * changed since BASE (test selection), from a tests.json of per-test: true. The change is
 * `git diff BASE` to the working tree of the repository the command runs in, read as the
 * action reads a pull request's diff (publish/diff.ts).
 */
import { readFileSync } from 'node:fs'
import { isAbsolute, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { decodeTests, testsOfChange, type ChangedTests } from './per-test/changed-tests.js'
import { TESTS_FILE_NAME } from './per-test/tests-document.js'
import { DIFF_ARGS } from './publish/changed-lines.js'
import { parseUnifiedDiff, type ChangedLines } from './publish/diff.js'
import { git } from './publish/git.js'

export const TESTS_FOR_HELP = `Usage: node dist/cli.js tests-for --diff BASE [--tests FILE] [--root DIR] [--json]

Prints the tests that run the lines changed since BASE, one per line, as tests.json names
them (pytest node ids; "<binary> <test>" or "<binary>" for Rust tests), most changed lines
first. The change is git diff BASE → the working tree of the repository of the current
directory. On stderr: how many changed coverable lines the tests run, and the changed lines
no test runs.

Options:
  --diff BASE     commit (branch, tag, sha) to compare with (required)
  --tests FILE    tests.json (default: coverage/${TESTS_FILE_NAME} in the repository's top level)
  --root DIR      directory the paths in tests.json are relative to (default: the top level)
  --json          print the tests and the untested lines as JSON
  -h, --help      show this help

Line numbers are those of the working tree: a tests.json measured on another commit matches
the lines of files changed since then only where they did not move (a warning says so).`

export class TestsForUsageError extends Error {}

interface TestsForCommand {
  base: string
  tests?: string
  root?: string
  json: boolean
}

function parseTestsFor(argv: string[]): TestsForCommand | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      diff: { type: 'string' },
      tests: { type: 'string' },
      root: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' }
    }
  })
  if (values.help) return 'help'
  if (positionals.length) throw new TestsForUsageError(`unexpected argument '${positionals[0]}'`)
  if (!values.diff) throw new TestsForUsageError('--diff BASE is required')
  // Only a revision reaches git's argv, never an option.
  if (values.diff.startsWith('-'))
    throw new TestsForUsageError(`'${values.diff}' is not a revision`)
  return { base: values.diff, tests: values.tests, root: values.root, json: values.json ?? false }
}

/** Changed lines keyed by path relative to `root`. */
async function changedSince(base: string, top: string, root: string): Promise<ChangedLines> {
  const commit = await git(['rev-parse', '--verify', '--quiet', `${base}^{commit}`], top).then(
    (out) => out.trim(),
    () => {
      throw new TestsForUsageError(`'${base}' is not a commit of the repository in ${top}`)
    }
  )
  const diff = await git([...DIFF_ARGS, commit, '--'], top)
  const lines: ChangedLines = new Map()
  for (const [path, set] of parseUnifiedDiff(diff)) {
    lines.set(relative(root, resolve(top, path)).split('\\').join('/'), set)
  }
  return lines
}

export async function testsFor(argv: string[], cwd = process.cwd()): Promise<number> {
  const command = parseTestsFor(argv)
  if (command === 'help') {
    console.log(TESTS_FOR_HELP)
    return 0
  }
  const top = (await git(['rev-parse', '--show-toplevel'], cwd)).trim()
  const root = command.root ? resolve(cwd, command.root) : top
  const testsPath = command.tests
    ? resolve(cwd, command.tests)
    : resolve(top, 'coverage', TESTS_FILE_NAME)
  const tests = decodeTests(JSON.parse(readFileSync(testsPath, 'utf8')))
  const head = (await git(['rev-parse', 'HEAD'], top)).trim()
  if (tests.commit && tests.commit !== head) {
    console.error(
      `mixed-coverage: warning: ${shown(testsPath, cwd)} was measured on ${tests.commit.slice(0, 12)}, the checkout is ${head.slice(0, 12)}: lines of files changed in between may have moved`
    )
  }
  const result = testsOfChange(tests, await changedSince(command.base, top, root))
  if (command.json) console.log(JSON.stringify(asJson(result), null, 2))
  else for (const test of result.tests) console.log(test.id)
  console.error(describe(result))
  return 0
}

function shown(path: string, cwd: string): string {
  const near = relative(cwd, path)
  return near.startsWith('..') || isAbsolute(near) ? path : near
}

function asJson(result: ChangedTests): object {
  return {
    changedLines: result.changedLines,
    testedLines: result.testedLines,
    tests: result.tests.map((test) => ({
      id: test.id,
      kind: test.kind,
      lines: Object.fromEntries(test.lines)
    })),
    untested: result.untested
  }
}

function describe(result: ChangedTests): string {
  const parts = [
    `mixed-coverage: ${result.testedLines} of ${result.changedLines} changed coverable lines are run by ${result.tests.length} test(s)`
  ]
  for (const file of result.untested) {
    const what = [
      file.notRun.length ? `not run: ${file.notRun.join(',')}` : '',
      file.outsideTests.length ? `run outside any test: ${file.outsideTests.join(',')}` : ''
    ].filter(Boolean)
    parts.push(`  no test runs ${file.path} ${what.join('; ')}`)
  }
  return parts.join('\n')
}
