import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeReportsAtomically } from '../../../src/coverage/atomic-write.js'
import { parseCobertura } from '../../../src/coverage/cobertura-reader.js'
import { writeCobertura } from '../../../src/coverage/cobertura-writer.js'
import { parseReport } from '../../../src/coverage/detect.js'
import { parseLcov } from '../../../src/coverage/lcov-reader.js'
import { writeLcov } from '../../../src/coverage/lcov-writer.js'
import { mergeReports } from '../../../src/coverage/merge.js'
import { fileBranches, fileLines, type CoverageReport } from '../../../src/coverage/model.js'
import { normalizePaths } from '../../../src/coverage/paths.js'
import { summarize } from '../../../src/coverage/summary.js'
import { writeSummaryJson } from '../../../src/coverage/summary-json.js'
import { FIXTURES, readFixture } from './helpers/fixtures.js'

/** Everything the model holds about lines, branches (as lcov would see them) and functions. */
function modelText(report: CoverageReport, branchesAsCounts = false): string {
  return [...report.files.values()]
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .map((file) => {
      const lines = [...fileLines(file)].map(([line, hits]) => `${line}=${hits}`).join(' ')
      const branchList = [...fileBranches(file)]
      const branches = branchesAsCounts
        ? [...new Set(branchList.map((b) => b.line))]
            .map((line) => {
              const here = branchList.filter((b) => b.line === line)
              return `${line}:${here.filter((b) => (b.taken ?? 0) > 0).length}/${here.length}`
            })
            .join(' ')
        : branchList
            .map(
              (b) =>
                `${b.line}.${b.exception ? 'e' : ''}${b.block}.${b.label ?? b.id}=${b.taken ?? '-'}`
            )
            .join(' ')
      const functions = file.functions.map((f) => `${f.name}@${f.start}=${f.hits}`).join(' ')
      return `${file.path} [${file.language}]\n  ${lines}\n  ${branches}\n  ${functions}`
    })
    .join('\n')
}

const realReports = () => [
  parseReport(readFixture('corpus', 'c_coremqtt_geninfo.info'), 'coremqtt'),
  parseReport(readFixture('corpus', 'rust_zero2prod_windows.lcov.info'), 'zero2prod'),
  parseReport(readFixture('corpus', 'py_steve_branch.coverage.json'), 'steve'),
  parseReport(readFixture('corpus', 'py_tuesday_branch.coverage.xml'), 'tuesday')
]

describe('lcov writer', () => {
  it('round-trips: write → read gives the same model (lines, branches, functions, totals)', () => {
    for (const report of realReports()) {
      const again = parseLcov(Buffer.from(writeLcov(report)), 'written.info')
      expect(modelText(again, report.files.values().next().value?.branchSource !== 'lcov')).toBe(
        modelText(report, report.files.values().next().value?.branchSource !== 'lcov')
      )
      expect(summarize(again).totals).toEqual(summarize(report).totals)
    }
  })

  it('keeps llvm-cov function identity through its own output (FNF/FNH as llvm-cov states)', () => {
    const text = writeLcov(parseLcov(readFixture('llvm-cov', 'pyo3-demo.lcov'), 'pyo3-demo'))
    expect(text.match(/^FNF:\d+$/gm)).toEqual(['FNF:6', 'FNF:4'])
    expect(text.match(/^FNH:\d+$/gm)).toEqual(['FNH:5', 'FNH:3'])
  })
})

describe('Cobertura writer', () => {
  const dtd = join(FIXTURES, 'dtd', 'coverage-04.dtd')

  function validate(xml: string): void {
    const directory = mkdtempSync(join(tmpdir(), 'mc-xml-'))
    try {
      writeFileSync(join(directory, 'cobertura.xml'), xml)
      execFileSync(
        'xmllint',
        ['--noout', '--nonet', '--dtdvalid', dtd, join(directory, 'cobertura.xml')],
        {
          stdio: 'pipe'
        }
      )
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') {
        throw new Error(
          'xmllint validates the Cobertura output against coverage-04.dtd: apt-get install -y libxml2-utils',
          { cause: error }
        )
      }
      throw new Error(
        `not valid against coverage-04.dtd:\n${String((error as { stderr?: Buffer }).stderr)}`,
        {
          cause: error
        }
      )
    } finally {
      rmSync(directory, { recursive: true, force: true })
    }
  }

  it('writes documents valid against coverage-04.dtd (checked by xmllint)', () => {
    const merged = mergeReports(
      realReports().map((r) => normalizePaths(r, { root: '/nowhere', includeOutside: true }))
    )
    validate(writeCobertura(merged, { root: '/nowhere', timestamp: 1700000000000 }))
    validate(writeCobertura(mergeReports([]), { root: '/r' }))
  })

  it('fails validation for a document the DTD forbids (the check can fail)', () => {
    expect(() => validate('<coverage line-rate="1"><packages/></coverage>')).toThrow(
      /does not carry attribute branch-rate/
    )
  })

  it('round-trips: totals equal, lines equal, branch counts per line equal', () => {
    for (const report of realReports()) {
      const xml = writeCobertura(report, { root: '/r' })
      const again = parseCobertura(Buffer.from(xml), 'written.xml')
      expect(modelText(again, true)).toBe(modelText(report, true))
      const before = summarize(report).totals
      expect(summarize(again).totals.lines).toEqual(before.lines)
      expect(summarize(again).totals.branches).toEqual(before.branches)
      const stated = /lines-valid="(\d+)"/.exec(xml)?.[1]
      expect(Number(stated)).toBe(before.lines.found)
    }
  })
})

describe('summary JSON and atomic writing', () => {
  it('has a stable key order and per-language, per-file totals', () => {
    const report = normalizePaths(parseLcov(readFixture('llvm-cov', 'pyo3-demo.lcov'), 'demo'), {
      root: '/work/main/examples/pyo3-demo',
      includeOutside: false
    })
    const json = JSON.parse(writeSummaryJson(report))
    expect(Object.keys(json)).toEqual(['schema', 'totals', 'languages', 'files', 'notes'])
    expect(Object.keys(json.languages)).toEqual(['rust', 'python', 'other'])
    expect(json.totals.functions).toEqual({ found: 10, hit: 8, percent: 80 })
    expect(json.files.map((f: { path: string }) => f.path)).toEqual([
      'core/src/lib.rs',
      'ext/src/lib.rs'
    ])
    expect(Object.keys(json.files[0])).toEqual([
      'path',
      'language',
      'outsideWorkspace',
      'lines',
      'branches',
      'functions'
    ])
  })

  it('is laid out as JSON.stringify(…, null, 2) writes it, though written in chunks', () => {
    const report = normalizePaths(parseLcov(readFixture('llvm-cov', 'pyo3-demo.lcov'), 'demo'), {
      root: '/nowhere',
      includeOutside: false
    })
    for (const text of [writeSummaryJson(report), writeSummaryJson(mergeReports([]))]) {
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`)
    }
  })

  it('writes the three files through temporary names and leaves no temporary behind', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'mc-out-'))
    try {
      const report = parseLcov(readFixture('corpus', 'js_grandlinex_jest.lcov.info'), 'jest')
      const paths = await writeReportsAtomically(join(directory, 'out'), report, { root: '/r' })
      expect(readdirSync(join(directory, 'out')).sort()).toEqual([
        'cobertura.xml',
        'coverage-summary.json',
        'lcov.info'
      ])
      expect(readFileSync(paths.lcov, 'utf8')).toBe(writeLcov(report))
      expect(JSON.parse(readFileSync(paths.summaryJson, 'utf8')).totals.lines.found).toBe(1477)
    } finally {
      rmSync(directory, { recursive: true, force: true })
    }
  })
})
