/**
 * FN and FNDA records go through a fast path when they are plain (line or count without a
 * leading zero, a printable ASCII name that does not start with a digit) and through the
 * general record parser otherwise. The two must read every record the same: the differential
 * test below rewrites each record so that only the general parser takes it (a leading zero on
 * the line, the count padded to 16 digits, which read as the same numbers) and compares.
 */
import { describe, expect, it } from '@jest/globals'
import { ReportAccumulator } from '../../../src/coverage/accumulator.js'
import { ReportParseError } from '../../../src/coverage/errors.js'
import { parseLcov, readLcovInto } from '../../../src/coverage/lcov-reader.js'
import type { CoverageReport } from '../../../src/coverage/model.js'
import { reportNotes } from '../../../src/coverage/notes.js'
import { seededRandom } from './helpers/shards.js'

const NAMES = [
  'main',
  'fn_12',
  'fn_12::<u32>',
  'fn_12::<String>',
  'operator ()',
  'Foo::bar(int, char const*)',
  '_RNvCs1234_4demo3run',
  '_RNCNvCs1234_4demo3run0',
  '_RNCNvCs1234_4demo3runs_0',
  '_ZN4demo3run17h0123456789abcdefE',
  '7seven',
  'größe',
  'naïve::<é>',
  '$x!~{}'
]

interface FunctionShape {
  name: string
  start: number
  end: number | undefined
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T
}

/** One file's functions: a few of the names above, at ascending lines, some with an end line. */
function fileFunctions(random: () => number): FunctionShape[] {
  const functions: FunctionShape[] = []
  const used = new Set<string>()
  let line = 0
  const count = 1 + Math.floor(random() * 12)
  while (functions.length < count) {
    const name = `${pick(random, NAMES)}${random() < 0.5 ? '' : `_${functions.length}`}`
    if (used.has(name)) continue
    used.add(name)
    line += Math.floor(random() * 40)
    functions.push({ name, start: line + 1, end: random() < 0.15 ? line + 20 : undefined })
  }
  return functions
}

function count(random: () => number): number {
  const roll = random()
  if (roll < 0.3) return 0
  if (roll < 0.9) return 1 + Math.floor(random() * 99)
  return Math.floor(random() * 1e12)
}

/**
 * Shards of one project's functions: each record lists a subset (cfg'd code), sometimes in
 * another order, at another start, twice, with hits before the declarations, hits for a name
 * it never declares, CRLF line ends, or no final newline.
 */
function functionShards(seed: number): string[] {
  const random = seededRandom(seed)
  const files = Array.from({ length: 12 }, () => fileFunctions(random))
  const shards: string[] = []
  for (let shard = 0; shard < 4; shard++) {
    let text = ''
    for (const [index, functions] of files.entries()) {
      if (random() < 0.15) continue
      const listed = functions.filter(() => random() < 0.8)
      if (random() < 0.15) listed.reverse()
      if (random() < 0.1 && listed.length > 0) listed.push(listed[0] as FunctionShape)
      const declarations = listed.map((fn) => {
        const start = random() < 0.1 ? fn.start + 3 : fn.start
        return fn.end === undefined ? `FN:${start},${fn.name}` : `FN:${start},${fn.end},${fn.name}`
      })
      const hits = listed
        .filter(() => random() < 0.9)
        .map((fn) => `FNDA:${count(random)},${fn.name}`)
      if (random() < 0.1) hits.push(`FNDA:${count(random)},undeclared_${index}`)
      const records = random() < 0.1 ? [...hits, ...declarations] : [...declarations, ...hits]
      const end = random() < 0.2 ? '\r\n' : '\n'
      text += [`SF:/w/src/file_${index}.rs`, ...records, 'DA:1,1', 'end_of_record'].join(end) + end
    }
    shards.push(random() < 0.25 ? text.replace(/\r?\n$/, '') : text)
  }
  return shards
}

/** The same records in a form only the general parser takes: same numbers, same names. */
function generalOnly(text: string): string {
  return text
    .replace(/^FN:(\d+),/gm, 'FN:0$1,')
    .replace(/^FNDA:(\d+),/gm, (_, hits: string) => `FNDA:${hits.padStart(16, '0')},`)
}

/** Distinct (file, name) pairs the shards' FN records declare, read naively from the text. */
function declaredNames(shards: readonly string[]): number {
  const declared = new Set<string>()
  for (const text of shards) {
    let path = ''
    for (const line of text.split(/\r?\n/)) {
      if (line.startsWith('SF:')) path = line.slice(3)
      const name = /^FN:\d+,(?:\d+,)?(.*)$/.exec(line)?.[1]
      if (name !== undefined) declared.add(`${path}\u0000${name}`)
    }
  }
  return declared.size
}

function readShards(shards: readonly string[]): CoverageReport {
  const accumulator = new ReportAccumulator()
  shards.forEach((text, index) =>
    readLcovInto(accumulator, Buffer.from(text), `shard${index}.info`)
  )
  return accumulator.build()
}

function functionsOf(report: CoverageReport) {
  return [...report.files.values()].map((file) => ({
    path: file.path,
    functions: file.functions.map(({ name, start, end, hits, key }) => ({
      name,
      start,
      end,
      hits,
      key
    }))
  }))
}

describe('FN and FNDA records on the fast path', () => {
  it('read exactly as the general record parser reads them (40 seeded projects of 4 shards)', () => {
    let functions = 0
    for (let seed = 1; seed <= 40; seed++) {
      const shards = functionShards(seed)
      const general = shards.map(generalOnly)
      expect(general).not.toEqual(shards)
      const fast = readShards(shards)
      const slow = readShards(general)
      expect(functionsOf(fast)).toEqual(functionsOf(slow))
      expect(reportNotes(fast)).toEqual(reportNotes(slow))
      for (const [index, text] of shards.entries()) {
        const alone = parseLcov(Buffer.from(text), `shard${index}.info`)
        const aloneGeneral = parseLcov(Buffer.from(general[index] as string), `shard${index}.info`)
        expect(functionsOf(alone)).toEqual(functionsOf(aloneGeneral))
      }
      const merged = functionsOf(fast).reduce((sum, file) => sum + file.functions.length, 0)
      expect(merged).toBe(declaredNames(shards))
      functions += merged
    }
    // The generator made real work of it: thousands of functions, hits summed over shards.
    expect(functions).toBe(2897)
  })

  it('reads names that start with a digit, CRLF line ends and a record without a final newline', () => {
    const report = parseLcov(
      Buffer.from('SF:a.c\r\nFN:5,7seven\r\nFN:9,12,ranged\r\nFNDA:3,7seven\r\nFNDA:4,ranged'),
      'a.info'
    )
    expect(report.files.get('a.c')?.functions).toEqual([
      { name: '7seven', start: 5, end: undefined, hits: 3, key: '7seven' },
      { name: 'ranged', start: 9, end: 12, hits: 4, key: 'ranged' }
    ])
  })

  it('counts FNDA hits of an undeclared name in a note, not as a function', () => {
    const report = parseLcov(
      Buffer.from('SF:a.c\nFN:1,f\nFNDA:2,f\nFNDA:5,g\nend_of_record\n'),
      'a.info'
    )
    expect(report.files.get('a.c')?.functions.map((fn) => [fn.name, fn.hits])).toEqual([['f', 2]])
    expect(reportNotes(report)).toEqual(['a.info: 1 FNDA records name no FN function; ignored'])
  })

  const refused: Array<[string, string, number, RegExp]> = [
    [
      'a tab in an FN name',
      'SF:a\nFN:1,a\tb\n',
      2,
      /FN:.*the name holds the control character U\+0009/
    ],
    ['DEL in an FNDA name', 'SF:a\nFN:1,ab\nFNDA:1,a\u007fb\n', 3, /control character U\+007F/],
    ['an empty FN name', 'SF:a\nDA:1,1\nFN:1,\n', 3, /expected FN:<line>\[,<end line>\],<name>/],
    ['an empty FNDA name', 'SF:a\nFN:1,f\nFNDA:1,\r\n', 3, /expected FNDA:<hits>,<name>/],
    ['FNDA hits over 2^53 - 1', 'SF:a\nFN:1,f\nFNDA:9007199254740992,f\n', 3, /whole count/],
    ['an FN line over the limit', 'SF:a\nFN:16777217,f\n', 2, /line number from 1 to/],
    ['a bare CR after a name', 'SF:a\nFN:1,f\rFNDA:1,f\n', 2, /control character U\+000D/]
  ]
  for (const [name, text, line, message] of refused) {
    it(`refuses ${name}, naming file and line`, () => {
      let error: unknown
      try {
        parseLcov(Buffer.from(text), 'bad.info')
      } catch (caught) {
        error = caught
      }
      expect(error).toBeInstanceOf(ReportParseError)
      expect((error as ReportParseError).line).toBe(line)
      expect((error as Error).message).toMatch(message)
    })
  }
})
