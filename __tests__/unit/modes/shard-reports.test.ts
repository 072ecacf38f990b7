/**
 * Shards measured on other machines, merged in this workspace through the real report code
 * (buildReports of the shards' measurement): a Windows shard (drive letter, backslashes in lcov and coverage.py
 * names) and a Linux shard rooted elsewhere must land on the same repo-relative files as the
 * same data measured here. The lcov is real cargo-llvm-cov output of examples/pyo3-demo, moved
 * to the other roots the way those runners write them.
 */
import { describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getConfig } from '../../../src/config.js'
import { exitCodes, testFailures } from '../../../src/measurement.js'
import {
  mergedMeasurement,
  shardToolReports,
  shardWorkingDirectory,
  type DownloadedShard,
  type ShardManifest
} from '../../../src/modes/index.js'
import { buildReports, ReportReadError } from '../../../src/reports.js'
import { lcovLines, toObject } from '../../helpers/lcov-lines.js'
import { REPO_ROOT } from '../../helpers/toolchain.js'
import { windowsManifest } from './helpers/manifests.js'

/** Where the fixture was measured. */
const MEASURED_AT = '/work/main/'
const LCOV = readFileSync(join(REPO_ROOT, '__tests__/fixtures/llvm-cov/pyo3-demo.lcov'), 'utf8')
const CORE = 'examples/pyo3-demo/core/src/lib.rs'
const PY_INIT = 'examples/pyo3-demo/python/pyo3_demo/__init__.py'
const PY_UNUSED = 'examples/pyo3-demo/python/pyo3_demo/unused.py'

/** coverage.py JSON (format 3) with names relative to the working directory, as it writes them. */
function coveragePyJson(separator: '/' | '\\'): string {
  const name = (path: string) => path.split('/').join(separator)
  const file = (executed: number[], missing: number[]) => ({
    executed_lines: executed,
    missing_lines: missing,
    excluded_lines: []
  })
  return JSON.stringify({
    meta: { format: 3, version: '7.14.1', branch_coverage: false, show_contexts: false },
    files: {
      [name('python/pyo3_demo/__init__.py')]: file([1, 3, 5, 6], [12]),
      [name('python/pyo3_demo/unused.py')]: file([], [4, 5, 6])
    }
  })
}

function writeShard(root: string, manifest: ShardManifest, lcov: string, json: string) {
  const dir = join(root, `mixed-coverage-shard-${manifest.shard}`)
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'rust.lcov'), lcov)
  writeFileSync(join(dir, 'python-coverage.json'), json)
  return { artifact: `mixed-coverage-shard-${manifest.shard}`, dir, manifest }
}

const downloads = mkdtempSync(join(tmpdir(), 'mc-shards-'))
const reports = { rust: 'rust.lcov', python: 'python-coverage.json' }
const windows = writeShard(
  downloads,
  windowsManifest({ reports }),
  LCOV.split(MEASURED_AT)
    .join('D:\\a\\repo\\repo\\')
    .replace(/^SF:.*$/gm, (line) => line.replace(/\//g, '\\'))
    .replace(/\n/g, '\r\n'),
  coveragePyJson('\\')
)
const linux = writeShard(
  downloads,
  windowsManifest({
    shard: 'linux-3.12',
    runner: { os: 'Linux', arch: 'X64' },
    workspace: '/home/runner/work/repo/repo',
    reports
  }),
  LCOV.split(MEASURED_AT).join('/home/runner/work/repo/repo/'),
  coveragePyJson('/')
)
const here = writeShard(
  downloads,
  windowsManifest({ shard: 'here', workspace: REPO_ROOT, reports }),
  LCOV.split(MEASURED_AT).join(`${REPO_ROOT}/`),
  coveragePyJson('/')
)

async function mergedLcov(shards: DownloadedShard[]): Promise<string> {
  const env = {
    GITHUB_WORKSPACE: REPO_ROOT,
    'INPUT_OUTPUT-DIR': mkdtempSync(join(downloads, 'out-'))
  }
  const result = await buildReports(getConfig(env), mergedMeasurement(shards))
  return readFileSync(result.paths.lcov, 'utf8')
}

describe('shards measured on other machines', () => {
  it("roots each report where its shard ran: the workspace, and the working directory for coverage.py's names", () => {
    expect(shardToolReports(windows)).toEqual([
      {
        kind: 'rust',
        path: join(windows.dir, 'rust.lcov'),
        root: 'D:\\a\\repo\\repo',
        sourceRoots: ['D:\\a\\repo\\repo/examples/pyo3-demo']
      },
      {
        kind: 'python',
        path: join(windows.dir, 'python-coverage.json'),
        root: 'D:\\a\\repo\\repo',
        sourceRoots: ['D:\\a\\repo\\repo/examples/pyo3-demo']
      }
    ])
    expect(shardWorkingDirectory(windowsManifest({ workingDirectory: '' }))).toBe(
      'D:\\a\\repo\\repo'
    )
    expect(
      shardWorkingDirectory(windowsManifest({ workspace: '/w/', workingDirectory: '.' }))
    ).toBe('/w/')
  })

  it('a Windows shard and a Linux shard give exactly the report of the same data measured here', async () => {
    const expected = await mergedLcov([here])
    expect(await mergedLcov([windows])).toBe(expected)
    expect(await mergedLcov([linux])).toBe(expected)
    const files = [...lcovLines(expected).keys()].sort()
    expect(files).toEqual([
      'examples/pyo3-demo/core/src/lib.rs',
      'examples/pyo3-demo/ext/src/lib.rs',
      PY_INIT,
      PY_UNUSED
    ])
  })

  it('sums the shards line by line', async () => {
    const one = lcovLines(await mergedLcov([here]))
    const both = lcovLines(await mergedLcov([windows, linux]))
    const doubled = Object.fromEntries(
      Object.entries(toObject(one.get(CORE))).map(([line, hits]) => [line, hits * 2])
    )
    expect(toObject(both.get(CORE))).toEqual(doubled)
    expect(toObject(both.get(PY_INIT))).toEqual({ 1: 2, 3: 2, 5: 2, 6: 2, 12: 0 })
  })
})

describe('shards whose reports cannot be read', () => {
  const rustOnly = { rust: 'rust.lcov', python: null }
  const broken = writeShard(
    downloads,
    windowsManifest({ shard: 'broken', workspace: REPO_ROOT, reports: rustOnly }),
    `SF:${REPO_ROOT}/x.rs\nDA:1,1\nthis is not lcov\nend_of_record\n`,
    ''
  )
  const big = writeShard(
    downloads,
    windowsManifest({ shard: 'big', workspace: REPO_ROOT, reports: rustOnly }),
    `${LCOV.split(MEASURED_AT).join(`${REPO_ROOT}/`)}${'#'.repeat(1024 * 1024)}\n`,
    ''
  )

  it('merges and writes the others; returns one failure per report left out, naming its file', async () => {
    const env = {
      GITHUB_WORKSPACE: REPO_ROOT,
      'INPUT_OUTPUT-DIR': mkdtempSync(join(downloads, 'out-')),
      'INPUT_MAX-REPORT-SIZE-MB': '1'
    }
    const measurement = mergedMeasurement([broken, here, big])
    const result = await buildReports(getConfig(env), measurement)

    const brokenLcov = join(broken.dir, 'rust.lcov')
    const bigLcov = join(big.dir, 'rust.lcov')
    expect(result.failures.map((failure) => failure.file)).toEqual([brokenLcov, bigLcov])
    for (const failure of result.failures) expect(failure).toBeInstanceOf(ReportReadError)
    const [first, second] = result.failures.map((failure) => failure.message)
    expect(first).toMatch(new RegExp(`^Left out of the merged reports: ${literal(brokenLcov)}:3: `))
    expect(second).toMatch(
      new RegExp(
        `^Left out of the merged reports: ${literal(bigLcov)}: report is 1 MB, over the 1 MB cap\\. Raise the cap with the action input \`max-report-size-mb\``
      )
    )
    expect(result.notes).toEqual([first, second])
    // What could be read is on disk: exactly the report of the readable shard alone.
    expect(readFileSync(result.paths.lcov, 'utf8')).toBe(await mergedLcov([here]))
    expect(result.figures.total.lines.found).toBeGreaterThan(0)
  })
})

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

describe('shard outcomes', () => {
  const shards = [
    { ...windows, manifest: windowsManifest({ tests: { rust: 0, python: null } }) },
    {
      ...linux,
      manifest: windowsManifest({
        shard: 'linux-3.12',
        tests: { rust: 101, python: 1 },
        failures: ['coverage json exited with code 1'],
        diagnosis: 'The extension wrote no profile.'
      })
    }
  ]

  it('turns failed test commands into failures that name the shard', () => {
    const measurement = mergedMeasurement(shards)
    expect(testFailures(measurement.tests).map((failure) => failure.message)).toEqual([
      "The Rust tests failed (exit code 101) in shard 'linux-3.12'",
      "The Python tests failed (exit code 1) in shard 'linux-3.12'"
    ])
  })

  it('stands for all shards as one measurement', () => {
    const measurement = mergedMeasurement(shards)
    expect(measurement).toEqual({
      reports: shards.flatMap(shardToolReports),
      tests: [
        { phase: 'rust', exitCode: 0, shard: 'windows-3.12' },
        { phase: 'rust', exitCode: 101, shard: 'linux-3.12' },
        { phase: 'python', exitCode: 1, shard: 'linux-3.12' }
      ],
      htmlDirs: {},
      failures: [new Error("Shard 'linux-3.12': coverage json exited with code 1")],
      diagnosis: "Shard 'linux-3.12': The extension wrote no profile."
    })
    expect(exitCodes(measurement.tests)).toEqual({ rust: 101, python: 1 })
    const passing = mergedMeasurement(shards.slice(0, 1))
    expect([exitCodes(passing.tests), passing.diagnosis]).toEqual([{ rust: 0 }, undefined])
  })
})
