import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseLcov } from '../../../src/coverage/lcov-reader.js'
import { fileBranches, fileLines, type CoverageReport } from '../../../src/coverage/model.js'
import { buildCli, type BuiltCli } from './helpers/cli.js'
import { FIXTURES } from './helpers/fixtures.js'
import { generateShards } from './helpers/shards.js'

/** The CLI as users run it: bundled by esbuild, spawned as its own node process. */
let cli: BuiltCli
let directory = ''

beforeAll(async () => {
  cli = await buildCli()
  directory = cli.directory
}, 30_000)

afterAll(() => cli.remove())

function run(...args: string[]) {
  return cli.run(args)
}

function write(name: string, text: string): string {
  const path = join(directory, name)
  writeFileSync(path, text)
  return path
}

function model(report: CoverageReport): string {
  return [...report.files.values()]
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .map((file) => {
      const lines = [...fileLines(file)].join(' ')
      const branches = [...fileBranches(file)]
        .map((b) => `${b.line}.${b.block}.${b.id}=${b.taken ?? '-'}`)
        .join(' ')
      const functions = [...file.functions]
        .sort((a, b) => (a.name < b.name ? -1 : 1))
        .map((f) => `${f.name}=${f.hits}`)
      return `${file.path}|${lines}|${branches}|${functions.join(' ')}`
    })
    .join('\n')
}

describe('node dist/cli.js merge', () => {
  it('merges lcov and coverage.py JSON, writes the three files, prints one summary line', () => {
    const out = join(directory, 'out-mixed')
    const result = run(
      'merge',
      '--output',
      out,
      '--root',
      '/work/main/examples/pyo3-demo',
      '--include-outside',
      '--no-markers',
      join(FIXTURES, 'llvm-cov', 'pyo3-demo.lcov'),
      join(FIXTURES, 'corpus', 'py_steve_branch.coverage.json')
    )
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(
      /^mixed-coverage: merged 2 report\(s\), \d+ file\(s\): lines [\d.]+% \(\d+\/\d+\), branches/
    )
    for (const name of ['lcov.info', 'cobertura.xml', 'coverage-summary.json'])
      expect(existsSync(join(out, name))).toBe(true)
    const summary = JSON.parse(readFileSync(join(out, 'coverage-summary.json'), 'utf8'))
    expect(summary.languages.rust.functions).toMatchObject({ found: 10, hit: 8 })
    expect(summary.languages.python.lines).toMatchObject({ found: 1361, hit: 1127 })
  })

  it('applies LCOV_EXCL markers found in Rust sources under the root', () => {
    const root = mkdtempSync(join(directory, 'root-'))
    writeFileSync(join(root, 'lib.rs'), 'fn a() {\n  b(); // LCOV_EXCL_LINE\n}\n')
    const tracefile = write(
      'marked.info',
      `SF:${join(root, 'lib.rs')}\nDA:1,1\nDA:2,0\nDA:3,1\nend_of_record\n`
    )
    const out = join(directory, 'out-marked')
    expect(run('merge', '-o', out, '--root', root, tracefile).code).toBe(0)
    expect(readFileSync(join(out, 'lcov.info'), 'utf8')).toContain('DA:1,1\nDA:3,1\nLF:2\nLH:2\n')
    expect(run('merge', '-o', out, '--root', root, '--no-markers', tracefile).code).toBe(0)
    expect(readFileSync(join(out, 'lcov.info'), 'utf8')).toContain('LF:3\n')
  })
})

describe('node dist/cli.js merge on bad input', () => {
  it('exits 1 naming the file, the line and what was expected', () => {
    const bad = write('bad.info', 'SF:/w/a.rs\nDA:1,1\nDA:0,3\nend_of_record\n')
    const result = run('merge', '-o', join(directory, 'out-bad'), bad)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      `${bad}:3: expected DA:<line>,<hits>[,<checksum>] with a line number from 1 to 16777216`
    )
  })

  it('refuses a report over the size cap and says how to raise it', () => {
    const result = run(
      'merge',
      '-o',
      join(directory, 'out-cap'),
      '--max-size-mb',
      '0.001',
      join(FIXTURES, 'llvm-cov', 'pyo3-demo.lcov')
    )
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(
      /report is 0\.00185 MB, over the 0\.000999 MB cap\. Raise the cap with the action input `max-report-size-mb` or the CLI flag `--max-size-mb`/
    )
  })

  it('refuses content of no known format', () => {
    const result = run('merge', '-o', join(directory, 'out-unknown'), write('x.txt', 'hello\n'))
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/x\.txt:1: not a coverage report/)
  })

  it('prints help, and exits 2 on usage errors', () => {
    expect(run('--help')).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Usage: node dist/cli.js merge --output DIR')
    })
    expect(run('merge', 'a.info').code).toBe(2)
    expect(run('merge', '-o', 'x').stderr).toMatch(/no report FILE/)
    expect(run('frobnicate').code).toBe(2)
  })
})

describe('node dist/cli.js merge --threads 2', () => {
  it('gives the same merge on one thread and on two (disjoint halves and overlapping ones)', () => {
    // One tracefile: its halves hold different files (the outputs are concatenated). Doubled
    // tracefiles: every file is in both halves (the halves are merged).
    const shardSets = [
      generateShards(13, 1, 50),
      generateShards(11, 4, 60),
      generateShards(12, 3, 40).map((text) => text + text)
    ]
    shardSets.forEach((shards, set) => {
      const files = shards.map((text, index) => write(`set${set}-shard${index}.info`, text))
      const outputs = [1, 2].map((threads) => {
        const out = join(directory, `out-${set}-${threads}`)
        const result = run(
          'merge',
          '-o',
          out,
          '--root',
          '/ws',
          '--threads',
          String(threads),
          ...files
        )
        expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' })
        return {
          lcov: readFileSync(join(out, 'lcov.info')),
          summary: readFileSync(join(out, 'coverage-summary.json'), 'utf8')
        }
      })
      expect(model(parseLcov(outputs[1]!.lcov, 'two'))).toBe(
        model(parseLcov(outputs[0]!.lcov, 'one'))
      )
      const totals = outputs.map((output) => JSON.stringify(JSON.parse(output.summary).totals))
      expect(totals[1]).toBe(totals[0])
    })
  })

  it('reports the line of an error in the half the worker thread read', () => {
    const good = generateShards(5, 1, 30)[0] as string
    const text = `${good}SF:/ws/z.rs\nDA:1,1\nDA:2,x\nend_of_record\n`
    const path = write('late-error.info', text)
    const line = text.split('\n').indexOf('DA:2,x') + 1
    const result = run('merge', '-o', join(directory, 'out-late'), '--threads', '2', path)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`${path}:${line}: expected DA:`)
  })
})
