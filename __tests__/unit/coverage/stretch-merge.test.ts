import { describe, expect, it } from '@jest/globals'
import { ReportAccumulator } from '../../../src/coverage/accumulator.js'
import type { Arenas } from '../../../src/coverage/arena.js'
import { parseLcov, readLcovInto } from '../../../src/coverage/lcov-reader.js'
import { writeLcov } from '../../../src/coverage/lcov-writer.js'
import { mergeReports } from '../../../src/coverage/merge.js'
import { fileBranches, fileLines, type CoverageReport } from '../../../src/coverage/model.js'
import { reportNotes } from '../../../src/coverage/notes.js'
import { seededRandom } from './helpers/shards.js'

/**
 * Records of one file whose line sets and branch arms differ from record to record (shards of
 * different builds), in every layout the builder handles differently: a few records merged
 * from sorted stretches, more records than one merge pass takes, records in descending order
 * of their own lines, records that list lines out of order, labelled branch outcomes.
 */
interface Layout {
  records: number
  /** Each record's lines in descending order (its stretch needs sorting). */
  shuffled?: boolean
  /** Lines of record k all above those of record k-1 (stretches only need concatenating). */
  ascending?: boolean
  labels?: boolean
  /** Share of the lines each record has (default 0.4; high: few new lines a record). */
  density?: number
}

function recordsOf(seed: number, layout: Layout): string[] {
  const random = seededRandom(seed)
  const records: string[] = []
  for (let record = 0; record < layout.records; record++) {
    const base = layout.ascending ? record * 1000 : 0
    const lines: number[] = []
    const density = layout.density ?? 0.4
    for (let line = base + 1; line <= base + 300; line++) if (random() < density) lines.push(line)
    if (layout.shuffled && record % 2 === 1) lines.reverse()
    let text = 'SF:/ws/a.rs\n'
    for (const line of lines.filter((line) => line % 10 === 3)) {
      const arms = 2 + Math.floor(random() * 2)
      for (let arm = 0; arm < arms; arm++) {
        const id = layout.labels && arm === 2 ? `(x > ${line}) => true` : String(arm)
        const taken = random() < 0.2 ? '-' : String(Math.floor(random() * 5))
        text += `BRDA:${line},${arm === 2 ? 1 : 0},${id},${taken}\n`
      }
    }
    for (const line of lines) text += `DA:${line},${Math.floor(random() * 4)}\n`
    records.push(`${text}end_of_record\n`)
  }
  return records
}

/** The same records summed by a plain map per identity: what every merge must equal. */
function naive(records: string[]): { lines: string; branches: string } {
  const lines = new Map<number, number>()
  const branches = new Map<string, number>()
  for (const text of records) {
    for (const row of text.split('\n')) {
      if (row.startsWith('DA:')) {
        const [line, hits] = row.slice(3).split(',').map(Number) as [number, number]
        lines.set(line, (lines.get(line) ?? 0) + hits)
      } else if (row.startsWith('BRDA:')) {
        const fields = row.slice(5).split(',')
        const key = fields.slice(0, 3).join(',')
        const taken = fields[3] === '-' ? -1 : Number(fields[3])
        const before = branches.get(key)
        const sum = before === undefined || before < 0 ? taken : taken < 0 ? before : before + taken
        branches.set(key, sum)
      }
    }
  }
  const lineText = [...lines]
    .sort((a, b) => a[0] - b[0])
    .map(([line, hits]) => `${line}=${hits}`)
    .join(' ')
  const branchText = [...branches]
    .map(([key, taken]) => {
      const [line, block, id] = key.split(',') as [string, string, string]
      return { line: Number(line), block: Number(block), id, taken }
    })
    .sort(
      (a, b) =>
        a.line - b.line ||
        a.block - b.block ||
        (/^\d+$/.test(a.id) ? 0 : 1) - (/^\d+$/.test(b.id) ? 0 : 1) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
    )
    .map((b) => `${b.line}.${b.block}.${b.id}=${b.taken < 0 ? '-' : b.taken}`)
    .join(' ')
  return { lines: lineText, branches: branchText }
}

function tables(report: CoverageReport): { lines: string; branches: string } {
  const file = report.files.get('/ws/a.rs')!
  return {
    lines: [...fileLines(file)].map(([line, hits]) => `${line}=${hits}`).join(' '),
    branches: [...fileBranches(file)]
      .map((b) => `${b.line}.${b.block}.${b.label ?? b.id}=${b.taken ?? '-'}`)
      .join(' ')
  }
}

const LAYOUTS: Array<[string, Layout]> = [
  ['2 records', { records: 2 }],
  ['4 records with few new lines each (they fit after the base)', { records: 4, density: 0.95 }],
  ['12 records with few new lines each (until they no longer fit)', { records: 12, density: 0.9 }],
  ['4 records', { records: 4 }],
  ['16 records', { records: 16 }],
  ['17 records (more than one merge pass takes)', { records: 17 }],
  ['40 records in ascending ranges', { records: 40, ascending: true }],
  ['records listing lines in descending order', { records: 5, shuffled: true }],
  ['labelled branch outcomes', { records: 4, labels: true }],
  ['labelled outcomes, 20 records', { records: 20, labels: true }]
]

describe('records of one file with differing lines and branches', () => {
  for (const [name, layout] of LAYOUTS) {
    it(`${name}: one tracefile, separate tracefiles and merged reports equal a plain sum`, () => {
      for (const seed of [1, 2, 3]) {
        const records = recordsOf(seed, layout)
        const expected = naive(records)
        const oneFile = parseLcov(Buffer.from(records.join('')), 'all.info')
        const accumulator = new ReportAccumulator()
        records.forEach((text, index) =>
          readLcovInto(accumulator, Buffer.from(text), `shard${index}`)
        )
        const merged = mergeReports(
          records.map((text, index) => parseLcov(Buffer.from(text), `shard${index}`))
        )
        for (const report of [oneFile, accumulator.build(), merged]) {
          expect(tables(report)).toEqual(expected)
          // Written and read back: the merged table is sorted and unique.
          expect(tables(parseLcov(Buffer.from(writeLcov(report)), 'written'))).toEqual(expected)
        }
      }
    })
  }
})

/** Reads into arenas far larger than the text, so bases keep room after them. */
function roomy(text: string): CoverageReport {
  const accumulator = new ReportAccumulator({ lines: 4096, branches: 4096 })
  readLcovInto(accumulator, Buffer.from(text), 'fold.info')
  return accumulator.build()
}

describe('lines and outcomes a record repeats, lists late or adds', () => {
  it('sums a line a record repeats or lists after a later one with the base line', () => {
    const text =
      'SF:a.rs\nDA:1,1\nDA:2,1\nDA:3,1\nDA:9,1\nend_of_record\n' +
      'SF:a.rs\nDA:2,10\nDA:2,100\nDA:9,1000\nDA:1,10000\nDA:5,7\nend_of_record\n' +
      'SF:a.rs\nDA:3,20\nDA:2,200\nDA:4,2000\nend_of_record\n'
    const report = parseLcov(Buffer.from(text), 'repeats.info')
    expect([...fileLines(report.files.get('a.rs')!)]).toEqual([
      [1, 10001],
      [2, 311],
      [3, 21],
      [4, 2000],
      [5, 7],
      [9, 1001]
    ])
  })

  it('folds new lines into the room after the base, summing a line the record repeats', () => {
    const base = Array.from({ length: 40 }, (_, index) => `DA:${2 * index + 2},1\n`).join('')
    const text =
      `SF:a.rs\n${base}end_of_record\n` +
      'SF:a.rs\nDA:2,10\nDA:2,100\nDA:5,7\nDA:81,3\nend_of_record\n' +
      'SF:a.rs\nDA:1,5\nDA:5,1\nDA:82,2\nend_of_record\n'
    const lines = [...fileLines(roomy(text).files.get('a.rs')!)]
    expect(lines.slice(0, 5)).toEqual([
      [1, 5],
      [2, 111],
      [4, 1],
      [5, 8],
      [6, 1]
    ])
    expect(lines.slice(-3)).toEqual([
      [80, 1],
      [81, 3],
      [82, 2]
    ])
    expect(lines).toHaveLength(44)
  })

  it('folds new branch outcomes after the base, combining one the record repeats', () => {
    const base = Array.from({ length: 20 }, (_, index) => `BRDA:${index + 1},0,0,1\n`).join('')
    const text =
      `SF:a.rs\n${base}end_of_record\n` +
      'SF:a.rs\nBRDA:2,0,0,1\nBRDA:2,0,0,10\nBRDA:2,0,1,-\nBRDA:21,0,0,3\nend_of_record\n' +
      'SF:a.rs\nBRDA:1,0,0,-\nBRDA:2,0,1,4\nBRDA:21,0,1,0\nend_of_record\n'
    const file = roomy(text).files.get('a.rs')!
    const outcomes = [...fileBranches(file)].map((b) => `${b.line}.${b.id}=${b.taken ?? '-'}`)
    expect(outcomes.slice(0, 4)).toEqual(['1.0=1', '2.0=12', '2.1=4', '3.0=1'])
    expect(outcomes.slice(-3)).toEqual(['20.0=1', '21.0=3', '21.1=0'])
    expect(outcomes).toHaveLength(23)
  })

  it('keeps no room that would make the arena of a dense tracefile grow', () => {
    const record = Array.from({ length: 90 }, (_, index) => `DA:${index + 10},0\n`).join('')
    let text = ''
    for (let file = 0; file < 2000; file++) text += `SF:${file}\n${record}end_of_record\n`
    // Sized as parseLcov sizes it: for 7-byte records; these take 8 bytes and a bit more.
    const accumulator = new ReportAccumulator({ lines: text.length / 7 + 16 })
    const arena = (accumulator as unknown as { arenas: Arenas }).arenas.lines
    const capacity = arena.numbers.length
    readLcovInto(accumulator, Buffer.from(text), 'dense.info')
    expect(accumulator.build().files.size).toBe(2000)
    expect(arena.numbers.length).toBe(capacity)
  })

  it('caps a sum of extra lines at 2^53 - 1 and says so', () => {
    const big = 9007199254740000
    const report = parseLcov(
      Buffer.from(
        `SF:a.rs\nDA:1,1\nend_of_record\nSF:a.rs\nDA:2,${big}\nend_of_record\n` +
          `SF:a.rs\nDA:2,${big}\nDA:3,1\nend_of_record\n`
      ),
      'big.info'
    )
    expect([...fileLines(report.files.get('a.rs')!)]).toEqual([
      [1, 1],
      [2, Number.MAX_SAFE_INTEGER],
      [3, 1]
    ])
    expect(reportNotes(report).join()).toMatch(/reached 2\^53 - 1/)
  })
})
