/**
 * Hostile inputs, class 4: bounded work per input byte. Long paths and names, many files and
 * many functions, exclude globs built to backtrack, quadratic merges and text longer than a
 * JavaScript string may be: every one ends in bounded time and memory, with a typed error
 * naming the file and line where something is refused. Anything that could hang or crash runs
 * in a child process with a timeout.
 */
import { describe, expect, it } from '@jest/globals'
import { parseCobertura } from '../../../../src/coverage/cobertura-reader.js'
import { parseCoveragePyJson } from '../../../../src/coverage/coveragepy-json.js'
import { parseLcov } from '../../../../src/coverage/lcov-reader.js'
import { runEngineChild } from '../helpers/engine-child.js'
import { parseRefusal, utf8 } from '../helpers/hostile.js'

const xml = (body: string, sources = '<source>/w</source>') =>
  `<?xml version="1.0" ?>\n<coverage line-rate="1" branch-rate="1" version="x" timestamp="0">\n` +
  `<sources>${sources}</sources>\n<packages><package name="p"><classes>\n${body}\n` +
  '</classes></package></packages>\n</coverage>\n'

/** The child prints one JSON line: what it measured, or the error it met and whether typed. */
const REPORT = `
function report(action) {
  const started = performance.now()
  try {
    const value = action()
    console.log(JSON.stringify({ ok: true, value, ms: performance.now() - started }))
  } catch (error) {
    console.log(JSON.stringify({
      ok: false, typed: error instanceof engine.CoverageError, message: String(error.message).slice(0, 300)
    }))
  }
}
`

async function child(body: string, timeoutMs = 30_000) {
  const result = await runEngineChild(REPORT + body, timeoutMs)
  expect({ signal: result.signal, stderr: result.stderr.slice(0, 500) }).toEqual({
    signal: null,
    stderr: ''
  })
  if (process.env.DEBUG_CHILD) console.log(result.stdout)
  return JSON.parse(result.stdout.trim().split('\n').pop() as string) as {
    ok: boolean
    typed?: boolean
    message?: string
    value?: unknown
    ms?: number
  }
}

describe('exclude globs match in linear time', () => {
  it('no backtracking blow-up on a*a*a*…b, **/**/…, *?*?… against long names', async () => {
    const outcome = await child(`
      const cases = [
        ['a*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(4000) + '.rs'],
        ['**/**/**/**/**/**/**/**/x.rs', 'a/'.repeat(2000) + 'y.rs'],
        ['*?*?*?*?*?*?*?*?*?b', 'c'.repeat(4000) + '.rs'],
        ['src/**/*a*a*a*a*a*a*a*/*.rs', 'src/' + 'a'.repeat(3000) + '/x.rs']
      ]
      report(() => cases.map(([pattern, path]) => {
        const text = 'SF:/w/' + path + '\\nDA:1,1\\nend_of_record\\n'
        const read = engine.normalizePaths(engine.parseLcov(Buffer.from(text), 'x.info'), { root: '/w', includeOutside: false })
        const kept = engine.applyExclusions(read, { excludeGlobs: [pattern], readSource: () => undefined })
        return kept.files.size
      }))
    `)
    expect(outcome).toMatchObject({ ok: true, value: [1, 1, 1, 0] })
    expect(outcome.ms).toBeLessThan(2_000)
  }, 40_000)
})

describe('merging is not quadratic', () => {
  it('merges two reports whose line has 100,000 test contexts each', async () => {
    const outcome = await child(`
      const doc = (tag) => Buffer.from(JSON.stringify({ meta: { format: 3, show_contexts: true }, files: { 'a.py': {
        executed_lines: [1], missing_lines: [], excluded_lines: [],
        contexts: { '1': Array.from({ length: 100000 }, (_, i) => tag + i) } } } }))
      report(() => {
        const merged = engine.mergeReports([engine.parseCoveragePyJson(doc('a'), 'a.json'), engine.parseCoveragePyJson(doc('b'), 'b.json')])
        return merged.files.get('a.py').contexts.get(1).length
      })
    `)
    expect(outcome).toMatchObject({ ok: true, value: 200_000 })
    expect(outcome.ms).toBeLessThan(3_000)
  }, 40_000)

  it('refuses 1,000 distinct <source> roots at once instead of 20 million file lookups', async () => {
    const outcome = await child(`
      const fs = await import('node:fs')
      const { tmpdir } = await import('node:os')
      const { join } = await import('node:path')
      const root = fs.mkdtempSync(join(tmpdir(), 'mc-roots-'))
      const classes = Array.from({ length: 20000 }, (_, i) =>
        '<class name="c' + i + '" filename="m' + i + '.py"><lines><line number="1" hits="1"/></lines></class>').join('')
      const sources = Array.from({ length: 1000 }, (_, i) => '<source>' + root + '/s' + i + '</source>').join('')
      const text = '<coverage><sources>' + sources + '</sources><packages><package name="p"><classes>' +
        classes + '</classes></package></packages></coverage>'
      const path = join(root, 'cov.xml')
      fs.writeFileSync(path, text)
      const settings = { workspace: root, includeOutside: false, excludeGlobs: [], markerLanguages: [], maxBytes: 1 << 30 }
      report(() => engine.mergeAndExclude(engine.readReportGroup([{ path, root }], settings), settings).files.size)
      fs.rmSync(root, { recursive: true, force: true })
    `)
    expect(outcome).toMatchObject({ ok: false, typed: true })
    expect(outcome.message).toMatch(/cov\.xml:1: .*<source>/)
  }, 40_000)

  it('refuses more distinct <source> roots than any real report has', () => {
    const sources = Array.from({ length: 1000 }, (_, i) => `<source>/w/s${i}</source>`).join('')
    expect(parseRefusal(() => parseCobertura(utf8(xml('', sources)), 'x.xml')).line).toBe(3)
  })
})

describe('paths and names have a length bound', () => {
  const long = (bytes: number) => 'p'.repeat(bytes)

  it('refuses an lcov path or a function name over 16,383 bytes, with the line', () => {
    const path = `SF:/w/${long(20_000)}.rs\nDA:1,1\nend_of_record\n`
    expect(parseRefusal(() => parseLcov(utf8(`TN:\n${path}`), 'x.info')).line).toBe(2)
    const name = `SF:/w/a.rs\nFN:1,${long(20_000)}\nDA:1,1\nend_of_record\n`
    expect(parseRefusal(() => parseLcov(utf8(name), 'x.info')).line).toBe(2)
  })

  it('refuses a Cobertura filename and a coverage.py JSON key over 16,383 bytes', () => {
    const body = `<class name="a" filename="${long(20_000)}.py"><lines><line number="1" hits="1"/></lines></class>`
    expect(parseRefusal(() => parseCobertura(utf8(xml(body)), 'x.xml')).line).toBe(5)
    const text = `{"meta": {"format": 3},\n "files": {\n "${long(20_000)}.py": {"executed_lines": [1]}}}`
    expect(parseRefusal(() => parseCoveragePyJson(utf8(text), 'x.json')).line).toBe(3)
  })

  it('refuses a test context name over 16,383 bytes', () => {
    const text = `{"meta": {"format": 3},\n "files": {"a.py": {"executed_lines": [1],\n "contexts": {"1": ["${long(20_000)}"]}}}}`
    expect(parseRefusal(() => parseCoveragePyJson(utf8(text), 'x.json')).line).toBe(3)
  })

  // V8 gives every string longer than 16,383 characters of one length the same hash: without
  // the bound, each of these makes Map, Set or JSON.parse work grow with the square of the count.
  it.each([
    [
      'lcov paths',
      `for (let i = 0; i < 6000; i++) parts.push('SF:/w/' + pad(i) + '\\nDA:1,1\\nend_of_record\\n')
      report(() => engine.parseLcov(Buffer.from(parts.join('')), 'long.info').files.size)`
    ],
    [
      'lcov function names',
      `parts.push('SF:/w/a.rs\\n')
      for (let i = 0; i < 6000; i++) parts.push('FN:1,' + pad(i) + '\\n')
      report(() => engine.parseLcov(Buffer.from(parts.join('') + 'end_of_record\\n'), 'long.info').files.size)`
    ],
    [
      'coverage.py JSON keys',
      `for (let i = 0; i < 6000; i++) parts.push(JSON.stringify(pad(i)) + ': {"executed_lines": [1]}')
      report(() => engine.parseCoveragePyJson(Buffer.from('{"files": {' + parts.join(',') + '}}'), 'long.json').files.size)`
    ],
    [
      'coverage.py test contexts',
      `for (let i = 0; i < 6000; i++) parts.push(JSON.stringify(pad(i)))
      report(() => engine.parseCoveragePyJson(Buffer.from('{"files": {"a.py": {"executed_lines": [1], "contexts": {"1": [' + parts.join(',') + ']}}}}'), 'long.json').files.size)`
    ]
  ])(
    'refuses 6,000 %s of 17,000 characters at once',
    async (_, body) => {
      const outcome = await child(`
      const pad = (i) => 'x'.repeat(16994) + String(i).padStart(6, '0')
      const parts = []
      ${body}
    `)
      expect(outcome).toMatchObject({ ok: false, typed: true })
      expect(outcome.message).toMatch(/16,383/)
    },
    40_000
  )
})

describe('files and functions per report have a bound', () => {
  it('refuses a tracefile with more than 500,000 distinct files, naming the line', async () => {
    const outcome = await child(`
      const parts = []
      for (let i = 0; i <= 500000; i++) parts.push('SF:f' + i + '\\nend_of_record\\n')
      report(() => engine.parseLcov(Buffer.from(parts.join('')), 'many.info').files.size)
    `)
    expect(outcome).toMatchObject({ ok: false, typed: true })
    expect(outcome.message).toMatch(/^many\.info:1000001: .*500,000 files/)
  }, 60_000)

  it('refuses a tracefile declaring more than 4,000,000 functions, naming the line', async () => {
    const outcome = await child(`
      const parts = ['SF:a.rs\\n']
      for (let i = 0; i <= 4000000; i++) parts.push('FN:1,f' + i + '\\n')
      report(() => engine.parseLcov(Buffer.from(parts.join('') + 'end_of_record\\n'), 'fns.info').files.size)
    `)
    expect(outcome).toMatchObject({ ok: false, typed: true })
    expect(outcome.message).toMatch(/^fns\.info:4000002: .*4,000,000 functions/)
  }, 60_000)
})

describe('text longer than a JavaScript string may be', () => {
  // V8 strings hold at most 2^29 - 24 UTF-16 units; these inputs are a little longer.
  const HUGE = `const size = 0x1fffffe8 + 64
    function document(prefix, suffix) {
      const data = Buffer.alloc(prefix.length + size + suffix.length, 0x61)
      data.write(prefix, 0)
      data.write(suffix, prefix.length + size)
      return data
    }
    const big = { maxBytes: 2 ** 31 }`

  it('skips a huge text node the Cobertura reader does not need', async () => {
    const outcome = await child(`${HUGE}
      report(() => engine.parseCobertura(document('<coverage><x>', '</x></coverage>'), 'big.xml', big).files.size)
    `)
    expect(outcome).toMatchObject({ ok: true, value: 0 })
  }, 60_000)

  it('refuses a huge <source> root or condition-coverage with a typed error', async () => {
    const source = await child(`${HUGE}
      report(() => engine.parseCobertura(document('<coverage><sources><source>', '</source></sources></coverage>'), 'big.xml', big))
    `)
    expect(source).toMatchObject({ ok: false, typed: true })
    expect(source.message).toMatch(/^big\.xml:1: /)
    const condition = await child(`${HUGE}
      report(() => engine.parseCobertura(document('<coverage><packages><package><classes><class filename="a.py"><lines><line number="1" hits="1" branch="true" condition-coverage="', '"/></lines></class></classes></package></packages></coverage>'), 'big.xml', big))
    `)
    expect(condition).toMatchObject({ ok: false, typed: true })
  }, 120_000)

  it('refuses coverage.py JSON longer than a string may be with a typed error', async () => {
    const outcome = await child(`${HUGE}
      report(() => engine.parseCoveragePyJson(document('{"files": {}, "x": "', '"}'), 'big.json', big))
    `)
    expect(outcome).toMatchObject({ ok: false, typed: true })
    expect(outcome.message).toMatch(/^big\.json: .*512 MiB/)
  }, 60_000)
})

describe('output longer than a JavaScript string may be', () => {
  it('writes coverage-summary.json longer than a string may be, streaming', async () => {
    const outcome = await child(
      `
      const fs = await import('node:fs')
      const { join } = await import('node:path')
      const { tmpdir } = await import('node:os')
      const out = fs.mkdtempSync(join(tmpdir(), 'mc-summary-'))
      const tail = 'd/'.repeat(8000) + 'x.rs'
      const files = new Map()
      const none = { lines: new Uint32Array(0), blocks: new Int32Array(0), ids: new Int32Array(0), labels: undefined, taken: new Float64Array(0) }
      for (let i = 0; i < 33000; i++) {
        const path = 'f' + i + '/' + tail
        files.set(path, { path, language: 'rust', outsideWorkspace: false, lineNumbers: Uint32Array.of(1),
          lineHits: Float64Array.of(1), branches: none, branchSource: undefined, functions: [], contexts: undefined })
      }
      report(() => {
        const { summaryJson } = engine.writeReportFiles(out, { files, sourceRoots: [], notes: [] }, { root: '/w' }, ['summaryJson'])
        const descriptor = fs.openSync(summaryJson, 'r')
        const chunk = Buffer.alloc(1 << 24)
        let paths = 0, size = 0, read, tail = ''
        while ((read = fs.readSync(descriptor, chunk, 0, chunk.length, null)) > 0) {
          const text = tail + chunk.toString('latin1', 0, read)
          paths += (text.match(/"path": "/g) ?? []).length - (tail.match(/"path": "/g) ?? []).length
          tail = text.slice(-16)
          size += read
        }
        fs.closeSync(descriptor)
        fs.rmSync(out, { recursive: true, force: true })
        return { paths, over: size > 0x1fffffe8, end: tail.endsWith('}\\n') }
      })
    `,
      60_000
    )
    expect(outcome).toMatchObject({ ok: true, value: { paths: 33000, over: true, end: true } })
  }, 120_000)
})
