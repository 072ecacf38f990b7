import { describe, expect, it } from '@jest/globals'
import { parseCobertura } from '../../../src/coverage/cobertura-reader.js'
import { parseCoveragePyJson } from '../../../src/coverage/coveragepy-json.js'
import { parseReport } from '../../../src/coverage/detect.js'
import { CoverageError } from '../../../src/coverage/errors.js'
import { parseLcov } from '../../../src/coverage/lcov-reader.js'
import { MAX_COUNT, MAX_LINE_NUMBER } from '../../../src/coverage/limits.js'
import type { CoverageReport } from '../../../src/coverage/model.js'
import { readFixture } from './helpers/fixtures.js'
import { seededRandom } from './helpers/shards.js'

/**
 * Seeded mutation: real reports with bytes flipped, cut, duplicated, deleted, or with hostile
 * tokens and huge numbers spliced in. Whatever comes in, the reader returns a sane model or
 * throws the engine's typed error naming the file and a line inside it — nothing else.
 */
const MUTATIONS_PER_FORMAT = 10_000

const TOKENS = [
  '99999999999999999999',
  '-1',
  '1e400',
  '4294967296',
  '1099511627776',
  '9007199254740993',
  '0',
  '1.5',
  '-',
  ',',
  '\n',
  '\r\n',
  '\r',
  'end_of_record\n',
  'SF:',
  'DA:',
  'BRDA:1,e0,',
  'FN:',
  'FNDA:',
  'FNL:',
  'FNA:',
  '<',
  '>',
  '/>',
  '</line>',
  '<line number="1" hits="1"/>',
  '<!DOCTYPE x [<!ENTITY a "b">]>',
  '&lol;',
  '&#0;',
  '&#x110000;',
  '&amp;',
  ']]>',
  '<![CDATA[',
  '<!--',
  '<?xml',
  '"',
  "'",
  '=',
  '{',
  '}',
  '[',
  ']',
  'null',
  'NaN',
  '"executed_lines": [0]',
  '[[1, 0]]',
  '\u0000',
  '\u00ff\u00fe',
  '\uFFFD'
].map((token) => new TextEncoder().encode(token))

/** The first records of a real tracefile, cut at a record boundary. */
function firstRecords(data: Buffer, bytes: number): Uint8Array {
  const text = data.toString('latin1')
  const end = text.indexOf('end_of_record\n', bytes)
  return data.subarray(0, end < 0 ? data.length : end + 14)
}

/** Two file entries of a real coverage.py JSON report, with its meta and totals. */
function someFiles(data: Buffer, count: number): Uint8Array {
  const document = JSON.parse(data.toString('utf8'))
  const files = Object.fromEntries(Object.entries(document.files).slice(0, count))
  return new TextEncoder().encode(
    JSON.stringify({ meta: document.meta, files, totals: document.totals }, null, 1)
  )
}

function mutate(input: Uint8Array, random: () => number): Uint8Array {
  let data = input
  const operations = 1 + Math.floor(random() * 3)
  for (let step = 0; step < operations; step++) {
    const at = Math.floor(random() * (data.length + 1))
    const choice = random()
    if (choice < 0.25 && data.length > 0) {
      data = data.slice()
      data[Math.min(at, data.length - 1)] = Math.floor(random() * 256)
    } else if (choice < 0.35) {
      data = data.subarray(0, at)
    } else if (choice < 0.5) {
      const length = Math.floor(random() * 200)
      data = concat(data.subarray(0, at), data.subarray(at, at + length), data.subarray(at))
    } else if (choice < 0.6) {
      data = concat(data.subarray(0, at), data.subarray(at + Math.floor(random() * 50)))
    } else {
      const token = TOKENS[Math.floor(random() * TOKENS.length)] as Uint8Array
      data = concat(data.subarray(0, at), token, data.subarray(at))
    }
  }
  return data
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const result = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let offset = 0
  for (const part of parts) {
    result.set(part, offset)
    offset += part.length
  }
  return result
}

/** What a returned model must satisfy, whatever the input was. */
function checkSane(report: CoverageReport): void {
  for (const file of report.files.values()) {
    let previous = 0
    file.lineNumbers.forEach((line, index) => {
      const hits = file.lineHits[index] as number
      if (!(
        line > previous &&
        line <= MAX_LINE_NUMBER &&
        Number.isInteger(hits) &&
        hits >= 0 &&
        hits <= MAX_COUNT
      )) {
        throw new Error(`insane line ${line}=${hits} in ${file.path}`)
      }
      previous = line
    })
    for (const taken of file.branches.taken) {
      if (!(taken === -1 || (Number.isInteger(taken) && taken >= 0 && taken <= MAX_COUNT)))
        throw new Error(`taken ${taken}`)
    }
    for (const record of file.functions) {
      if (!(Number.isInteger(record.hits) && record.hits >= 0 && record.start >= 1))
        throw new Error(`function ${record.name}`)
    }
  }
}

function run(
  format: string,
  inputs: Uint8Array[],
  parse: (data: Uint8Array, source: string) => CoverageReport
) {
  const random = seededRandom(0x5eed + format.length)
  let refused = 0
  for (let index = 0; index < MUTATIONS_PER_FORMAT; index++) {
    const data = mutate(inputs[index % inputs.length] as Uint8Array, random)
    const source = `mutant-${index}.${format}`
    try {
      checkSane(parse(data, source))
    } catch (error) {
      const lines = data.reduce((count, byte) => count + (byte === 10 ? 1 : 0), 1)
      const typed =
        error instanceof CoverageError &&
        error.file === source &&
        Number.isInteger((error as { line?: number }).line ?? 1) &&
        ((error as { line?: number }).line ?? 1) >= 1 &&
        ((error as { line?: number }).line ?? 1) <= lines &&
        error.message.startsWith(`${source}:`)
      if (!typed) {
        throw new Error(
          `mutant ${index} of ${format} escaped with ${String(error)}\n--- input ---\n${new TextDecoder().decode(data).slice(0, 2000)}`,
          { cause: error }
        )
      }
      refused++
    }
  }
  return refused
}

describe('seeded mutation of real reports', () => {
  it(`lcov: ${MUTATIONS_PER_FORMAT} mutants parse sanely or fail with a typed error naming file and line`, () => {
    const inputs = [
      readFixture('llvm-cov', 'pyo3-demo.lcov'),
      readFixture('corpus', 'py_chia_rs_coveragepy.coverage.lcov'),
      firstRecords(readFixture('corpus', 'c_coremqtt_geninfo.info'), 3000),
      firstRecords(readFixture('corpus', 'c_libceed_lcov2_fnl_fna.info'), 3000)
    ]
    const refused = run('info', inputs, parseLcov)
    expect(refused).toBeGreaterThan(1000)
    expect(refused).toBeLessThan(MUTATIONS_PER_FORMAT)
  })

  it(`Cobertura: ${MUTATIONS_PER_FORMAT} mutants parse sanely or fail with a typed error naming file and line`, () => {
    const inputs = [
      readFixture('corpus', 'java_cobertura_maven.coverage.xml'),
      readFixture('corpus', 'rust_currypseudo_grcov.cobertura.xml'),
      readFixture('corpus', 'cpp_gcovr.coverage.xml').subarray(0, 6000)
    ]
    const refused = run('xml', inputs, parseCobertura)
    expect(refused).toBeGreaterThan(1000)
  })

  it(`coverage.py JSON: ${MUTATIONS_PER_FORMAT} mutants parse sanely or fail with a typed error naming file and line`, () => {
    const inputs = [
      someFiles(readFixture('corpus', 'py_steve_branch.coverage.json'), 2),
      someFiles(readFixture('corpus', 'py_neuralops_windows.coverage.json'), 1)
    ]
    const refused = run('json', inputs, parseCoveragePyJson)
    expect(refused).toBeGreaterThan(1000)
  })

  it('format detection plus parsing: mutants of every format', () => {
    const inputs = [
      readFixture('llvm-cov', 'pyo3-demo.lcov'),
      readFixture('corpus', 'java_cobertura_maven.coverage.xml'),
      someFiles(readFixture('corpus', 'py_steve_branch.coverage.json'), 1)
    ]
    run('any', inputs.slice(0, 3), (data, source) => parseReport(data, source))
  })
})
