import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ReportAccumulator } from '../../../src/coverage/accumulator.js'
import { parseLcov, readLcovInto } from '../../../src/coverage/lcov-reader.js'
import { writeLcov } from '../../../src/coverage/lcov-writer.js'
import { mergeReports } from '../../../src/coverage/merge.js'
import { fileBranches, fileLines, type CoverageReport } from '../../../src/coverage/model.js'
import { generateShards } from './helpers/shards.js'

/** Lines, branches and function hits of every file, one comparable string per file. */
function canonical(report: CoverageReport): Map<string, string> {
  const result = new Map<string, string>()
  for (const [path, file] of report.files) {
    const lines = [...fileLines(file)].map(([line, hits]) => `${line}=${hits}`).join(' ')
    const branches = [...fileBranches(file)]
      .map((b) => `${b.line}.${b.block}.${b.id}=${b.taken ?? '-'}`)
      .join(' ')
    const functions = [...file.functions]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((f) => `${f.name}@${f.start}=${f.hits}`)
      .join(' ')
    result.set(path, `lines ${lines}\nbranches ${branches}\nfunctions ${functions}`)
  }
  return result
}

function lcovMerge(shardFiles: string[], output: string): void {
  const args = ['--rc', 'lcov_branch_coverage=1', '--quiet']
  for (const file of shardFiles) args.push('-a', file)
  try {
    execFileSync('lcov', [...args, '-o', output], { stdio: 'pipe' })
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') {
      throw new Error(
        'lcov is not installed; this test runs the real lcov -a: apt-get install -y lcov',
        {
          cause: error
        }
      )
    }
    throw error
  }
}

describe('merging shards equals lcov -a (the real lcov 1.16)', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: 4 shards, line for line, branch for branch, function for function`, () => {
      const directory = mkdtempSync(join(tmpdir(), 'mc-merge-'))
      try {
        const shards = generateShards(seed, 4)
        const shardFiles = shards.map((text, index) => {
          const file = join(directory, `shard${index}.info`)
          writeFileSync(file, text)
          return file
        })
        lcovMerge(shardFiles, join(directory, 'lcov.info'))
        const expected = canonical(
          parseLcov(readFileSync(join(directory, 'lcov.info')), 'lcov -a output')
        )

        const parsed = shards.map((text, index) => parseLcov(Buffer.from(text), `shard${index}`))
        const merged = mergeReports(parsed)
        const accumulator = new ReportAccumulator()
        shards.forEach((text, index) =>
          readLcovInto(accumulator, Buffer.from(text), `shard${index}`)
        )
        const streamed = accumulator.build()
        // Through the writer and back: what another tool would read from our lcov.info.
        const written = parseLcov(Buffer.from(writeLcov(merged)), 'written')

        expect(expected.size).toBeGreaterThan(15)
        for (const ours of [merged, streamed, written]) {
          const actual = canonical(ours)
          expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort())
          for (const [path, text] of expected)
            expect(`${path}\n${actual.get(path)}`).toBe(`${path}\n${text}`)
        }
      } finally {
        rmSync(directory, { recursive: true, force: true })
      }
    })
  }
})
