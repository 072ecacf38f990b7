// The two Cobertura readers `npm run bench:xml` compares, each ending in the same thing: per
// file, the instrumented line numbers with their hits (ascending, typed arrays, as the engine's
// model holds them) and per branch line the covered/total outcomes of `condition-coverage`.
//
// "ours" is the engine's parseReport (detection + the Cobertura reader on its own scanner).
// "fast-xml-parser" parses the same bytes to a JS object and then walks that object to the same
// numbers, checking them as the engine does (whole numbers in range, a filename on every class),
// so that both columns are a reader from bytes to line numbers and hits, not a tokenizer.
import { performance } from 'node:perf_hooks'

/** Largest line number / count the engine accepts (src/coverage/limits.ts). */
const MAX_LINE_NUMBER = 2 ** 24
const MAX_COUNT = Number.MAX_SAFE_INTEGER

/** fast-xml-parser options shared by both configurations: attributes as strings, no HTML entities. */
const FXP_COMMON = {
  ignoreAttributes: false,
  parseAttributeValue: false,
  parseTagValue: false,
  htmlEntities: false,
  isArray: (name, _path, _leaf, isAttribute) =>
    !isAttribute && ['source', 'package', 'class', 'line'].includes(name)
}

/**
 * The configurations measured. "limited" decodes the predefined entities (as the engine does,
 * so `a&amp;b.py` reads as `a&b.py`) with every expansion limit 5.x offers set tight;
 * "entities off" is the fastest safe setting and leaves every `&…;` as written.
 */
export const FXP_CONFIGS = {
  'fxp-limited': {
    label: 'fast-xml-parser, entities limited',
    options: {
      ...FXP_COMMON,
      processEntities: {
        enabled: true,
        maxEntitySize: 1000,
        maxEntityCount: 10,
        maxExpansionDepth: 1,
        maxTotalExpansions: 100_000,
        maxExpandedLength: 100_000
      }
    }
  },
  'fxp-off': {
    label: 'fast-xml-parser, entities off',
    options: { ...FXP_COMMON, processEntities: false }
  }
}

/** The engine's reader: bytes → model → the comparison table. */
export function readOurs(engine, bytes, source) {
  const report = engine.parseReport(bytes, source)
  const files = new Map()
  for (const file of report.files.values()) {
    const branches = new Map()
    for (const outcome of engine.fileBranches(file)) {
      const counts = branches.get(outcome.line) ?? [0, 0]
      if ((outcome.taken ?? 0) > 0) counts[0]++
      counts[1]++
      branches.set(outcome.line, counts)
    }
    files.set(file.path, { lines: file.lineNumbers, hits: file.lineHits, branches })
  }
  return { files, sources: [...report.sourceRoots] }
}

function list(value) {
  if (value === undefined || value === '') return []
  return Array.isArray(value) ? value : [value]
}

function text(value) {
  if (typeof value === 'string') return value
  if (value !== null && typeof value === 'object' && typeof value['#text'] === 'string') {
    return value['#text']
  }
  return ''
}

function whole(value, name, min, max) {
  const number = /^\d{1,16}$/.test(value ?? '') ? Number(value) : NaN
  if (!(number >= min && number <= max)) {
    throw new Error(
      `expected ${name}= to be a whole number from ${min} to ${max}; found "${value}"`
    )
  }
  return number
}

/** fast-xml-parser: bytes → JS object → the comparison table. */
export function readFxp(XMLParser, options, bytes) {
  const started = performance.now()
  const document = new XMLParser(options).parse(bytes)
  const objectSeconds = (performance.now() - started) / 1000
  const coverage = document?.coverage
  if (coverage === undefined || coverage === null || typeof coverage !== 'object') {
    throw new Error('expected a <coverage> root element')
  }
  const sources = list(coverage.sources?.source)
    .map((source) => text(source).trim())
    .filter((root) => root !== '')
  const building = new Map()
  for (const pack of list(coverage.packages?.package)) {
    for (const klass of list(pack?.classes?.class)) {
      const path = klass['@_filename']
      if (typeof path !== 'string' || path.trim() === '') {
        throw new Error('expected a filename attribute on <class>')
      }
      let file = building.get(path)
      if (file === undefined) {
        file = { lines: new Map(), branches: new Map() }
        building.set(path, file)
      }
      for (const line of list(klass.lines?.line)) {
        const number = whole(line['@_number'], 'number', 1, MAX_LINE_NUMBER)
        const hits = whole(line['@_hits'], 'hits', 0, MAX_COUNT)
        file.lines.set(number, (file.lines.get(number) ?? 0) + hits)
        const condition = line['@_condition-coverage']
        if (String(line['@_branch']).toLowerCase() !== 'true' || condition === undefined) continue
        const match = /\((\d{1,9})\/(\d{1,9})\)\s*$/.exec(condition)
        if (match === null || Number(match[1]) > Number(match[2])) {
          throw new Error(`expected condition-coverage like "50% (1/2)"; found "${condition}"`)
        }
        const counts = file.branches.get(number) ?? [0, 0]
        counts[0] += Number(match[1])
        counts[1] += Number(match[2])
        file.branches.set(number, counts)
      }
    }
  }
  const files = new Map()
  for (const [path, file] of building) {
    const lines = Uint32Array.from(file.lines.keys()).sort()
    const hits = Float64Array.from(lines, (line) => file.lines.get(line))
    files.set(path, { lines, hits, branches: file.branches })
  }
  return { files, sources, objectSeconds }
}

/** Line, hit and branch totals of a table (also keeps the work from being optimised away). */
export function totals(table) {
  let lines = 0
  let hits = 0
  let branchLines = 0
  for (const file of table.files.values()) {
    lines += file.lines.length
    for (const count of file.hits) hits += count
    branchLines += file.branches.size
  }
  return { files: table.files.size, lines, hits, branchLines }
}

/** Differences between two tables, at most `limit` of them. */
export function differences(a, b, limit = 5) {
  const found = []
  const note = (text) => found.length < limit && found.push(text)
  if (a.sources.join('\n') !== b.sources.join('\n')) note('source roots differ')
  for (const path of new Set([...a.files.keys(), ...b.files.keys()])) {
    const x = a.files.get(path)
    const y = b.files.get(path)
    if (x === undefined || y === undefined) {
      note(`${path}: only in ${x === undefined ? 'the second' : 'the first'}`)
      continue
    }
    const sameLines =
      x.lines.length === y.lines.length &&
      x.lines.every((line, index) => line === y.lines[index] && x.hits[index] === y.hits[index])
    if (!sameLines) note(`${path}: line numbers or hits differ`)
    const branchKey = (table) =>
      [...table.branches]
        .sort((p, q) => p[0] - q[0])
        .map(([line, [covered, total]]) => `${line}:${covered}/${total}`)
        .join()
    if (branchKey(x) !== branchKey(y)) note(`${path}: branch outcomes differ`)
  }
  return found
}

/** A one-file report with `reference` in its `<source>` text and in its `filename=`. */
function caseDocument(doctype, reference) {
  return (
    `<?xml version="1.0"?>\n${doctype}<coverage version="7.6.1">` +
    `<sources><source>/w/${reference}</source></sources>` +
    '<packages><package name="p"><classes>' +
    `<class name="m" filename="f${reference}.py"><lines><line number="1" hits="1"/></lines>` +
    '</class></classes></package></packages></coverage>\n'
  )
}

function laughs() {
  let doctype = '<!DOCTYPE coverage [\n<!ENTITY lol0 "lol">\n'
  for (let level = 1; level <= 9; level++) {
    doctype += `<!ENTITY lol${level} "${`&lol${level - 1};`.repeat(10)}">\n`
  }
  return `${doctype}]>\n`
}

const entityCase = (name, doctype, reference) => ({
  name,
  reference,
  xml: caseDocument(doctype, reference),
  /** The filename a reader that leaves the reference alone reports. */
  literal: `f${reference}.py`
})

/** The entity cases the bench feeds every reader. */
export const ENTITY_CASES = [
  entityCase('(a) billion laughs, 10 levels of 10 (3 GB expanded)', laughs(), '&lol9;'),
  entityCase(
    '(b) external entity SYSTEM "file:///etc/passwd"',
    '<!DOCTYPE coverage [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n',
    '&xxe;'
  ),
  entityCase('(c) undeclared entity &foo;', '', '&foo;'),
  entityCase('(d) character references &#65;&#x41;', '', '&#65;&#x41;'),
  entityCase('(e) predefined entity &amp;', '', 'a&amp;b'),
  entityCase(
    '(f) harmless internal entity <!ENTITY x "hello">',
    '<!DOCTYPE coverage [\n<!ENTITY x "hello">\n]>\n',
    '&x;'
  )
]
