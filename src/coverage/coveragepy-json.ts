import { isUtf8 } from 'node:buffer'
import { ReportAccumulator } from './accumulator.js'
import { checkEncoding, notUtf8Error } from './encoding.js'
import { ReportParseError, ReportTooLargeError } from './errors.js'
import type { FileBuilder } from './file-builder.js'
import { JsonFields } from './json-fields.js'
import { firstLongKey } from './json-keys.js'
import { lineOfOffset, locateJson } from './json-locate.js'
import {
  checkReportSize,
  MAX_FILES_PER_READ,
  MAX_FUNCTIONS_PER_REPORT,
  MAX_PATH_BYTES,
  MAX_STRING_LENGTH,
  type ParseOptions
} from './limits.js'
import type { CoverageReport } from './model.js'
import { readsAsEndLine, textProblem } from './report-text.js'
import { statementLines, type Region } from './coveragepy-statements.js'

/** Why the longest JSON report is what it is, and what to write instead. */
const JSON_STRING_REMEDY =
  'coverage.py JSON is parsed whole, and JavaScript holds at most 512 MiB of text in one ' +
  'string: write Cobertura XML instead (coverage xml), which is read as a stream.'

/**
 * coverage.py JSON reader (format 3; 1 and 2 read the same). coverage.py keeps no counts:
 * executed lines get 1 hit, missing lines 0. Excluded lines are not statements, even when
 * the tracer saw them run (a line listed as executed and excluded counts as excluded), so
 * line totals equal coverage.py's own `covered_lines`/`num_statements` (see
 * coveragepy-statements.ts for the docstring lines `executed_lines` also lists). Branches are
 * the arcs of `executed_branches` (taken 1) and `missing_branches` (taken 0), keyed by their
 * destination (negative: an exit). Function regions become functions (hit when any of their
 * statements ran); `contexts` (line → test names) is kept when present.
 */
export function parseCoveragePyJson(
  data: Uint8Array,
  source: string,
  options?: ParseOptions
): CoverageReport {
  checkReportSize(data.length, source, options)
  checkEncoding(data, source)
  if (data.length > MAX_STRING_LENGTH) {
    throw new ReportTooLargeError(source, data.length, MAX_STRING_LENGTH, JSON_STRING_REMEDY)
  }
  if (!isUtf8(data)) throw notUtf8Error(data, 0, data.length, source, 'the report')
  const text = new TextDecoder().decode(data)
  const longKey = firstLongKey(text, MAX_PATH_BYTES)
  if (longKey >= 0) {
    const limit = MAX_PATH_BYTES.toLocaleString('en-US')
    throw new ReportParseError(
      source,
      lineOfOffset(text, longKey),
      `expected keys (paths, names) of at most ${limit} characters`
    )
  }
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch {
    const location = locateJson(text)
    const expected = location.expected ?? 'valid JSON'
    throw new ReportParseError(
      source,
      lineOfOffset(text, location.offset),
      `expected ${expected} (not valid JSON)`
    )
  }
  const fields = new JsonFields(text, source)
  const root = fields.object(
    document,
    [],
    'a coverage.py JSON report (an object with "meta" and "files")'
  )
  const files = fields.object(root.files, ['files'], 'a "files" object')
  const accumulator = new ReportAccumulator({ lines: data.length / 4 + 16 })
  const counts = { functions: 0 }
  for (const path of Object.keys(files)) readFile(fields, accumulator, path, files[path], counts)
  return accumulator.build()
}

function readFile(
  fields: JsonFields,
  accumulator: ReportAccumulator,
  path: string,
  value: unknown,
  counts: { functions: number }
) {
  const at = ['files', path]
  const problem = path.trim() === '' ? 'is empty' : textProblem(path, 'path')
  if (problem !== undefined) fields.fail(at, `a file path as the key (this one ${problem})`)
  const entry = fields.object(value, at)
  const executed = fields.lines(entry.executed_lines, [...at, 'executed_lines'])
  const missing = fields.lines(entry.missing_lines, [...at, 'missing_lines'])
  const excluded = fields.lines(entry.excluded_lines, [...at, 'excluded_lines'])
  const summary = fields.optionalObject(entry.summary, [...at, 'summary'])
  const coveredLines = fields.count(summary?.covered_lines, [...at, 'summary', 'covered_lines'])
  const classes = regions(fields, entry.classes, [...at, 'classes'])
  const functions = regions(fields, entry.functions, [...at, 'functions'])
  counts.functions += functions.length
  if (counts.functions > MAX_FUNCTIONS_PER_REPORT) {
    const limit = MAX_FUNCTIONS_PER_REPORT.toLocaleString('en-US')
    fields.fail([...at, 'functions'], `at most ${limit} functions in one report`)
  }
  const statements = statementLines({ executed, missing, excluded, coveredLines, classes })
  const file = accumulator.record(path)
  if (accumulator.fileCount > MAX_FILES_PER_READ)
    fields.fail(at, `at most ${MAX_FILES_PER_READ.toLocaleString('en-US')} files`)
  addStatements(file, statements.executed, statements.missing)
  if (statements.note !== undefined)
    accumulator.addNotes([`${fields.source}: ${path}: ${statements.note}`])
  readBranches(fields, file, entry, at)
  for (const region of functions) addRegionFunction(file, region)
  const contexts = fields.optionalObject(entry.contexts, [...at, 'contexts'])
  for (const [line, names] of Object.entries(contexts ?? {})) {
    const number = Number(line)
    if (!Number.isInteger(number) || number < 1)
      fields.fail([...at, 'contexts', line], 'a line number as the key')
    file.addContexts(number, fields.names(names, [...at, 'contexts', line]))
  }
}

/** Both ascending lists as one ascending run of lines: executed 1 hit, missing 0. */
function addStatements(
  file: FileBuilder,
  executed: readonly number[],
  missing: readonly number[]
): void {
  let next = 0
  for (const line of executed) {
    while (next < missing.length && (missing[next] as number) < line)
      file.addLine(missing[next++] as number, 0)
    file.addLine(line, 1)
  }
  while (next < missing.length) file.addLine(missing[next++] as number, 0)
}

function readBranches(
  fields: JsonFields,
  file: FileBuilder,
  entry: Record<string, unknown>,
  at: string[]
): void {
  const taken = fields.arcs(entry.executed_branches, [...at, 'executed_branches'])
  const missed = fields.arcs(entry.missing_branches, [...at, 'missing_branches'])
  if (taken.length + missed.length === 0) return
  file.branchSource = 'coveragepy-json'
  // coverage.py lists each kind sorted by (from, to): a merge-walk adds them in order.
  const before = (a: [number, number], b: [number, number]) =>
    a[0] < b[0] || (a[0] === b[0] && a[1] < b[1])
  let next = 0
  for (const arc of taken) {
    while (next < missed.length && before(missed[next] as [number, number], arc)) {
      const miss = missed[next++] as [number, number]
      file.addBranch(miss[0], 0, miss[1], undefined, 0)
    }
    file.addBranch(arc[0], 0, arc[1], undefined, 1)
  }
  for (; next < missed.length; next++) {
    const miss = missed[next] as [number, number]
    file.addBranch(miss[0], 0, miss[1], undefined, 0)
  }
}

/** A function region (not the module level '') with statements becomes a function. */
function addRegionFunction(file: FileBuilder, region: Region): void {
  if (region.name === '') return
  const excluded = new Set(region.excluded)
  const statements = [...region.executed, ...region.missing].filter((line) => !excluded.has(line))
  if (statements.length === 0 || region.statements === 0) return
  const start = region.startLine ?? statements.reduce((low, line) => Math.min(low, line))
  const covered = region.covered ?? region.executed.filter((line) => !excluded.has(line)).length
  file.addFunction(region.name, start, undefined, covered > 0 ? 1 : 0, region.name)
}

/** Function or class regions (coverage.py 7.9+): name → its lines and summary. */
function regions(fields: JsonFields, value: unknown, at: string[]): Region[] {
  const table = fields.optionalObject(value, at)
  if (table === undefined) return []
  return Object.keys(table).map((name): Region => {
    const here = [...at, name]
    const problem = textProblem(name, 'name') ?? readsAsEndLine(name)
    if (problem !== undefined) fields.fail(here, `a region name as the key (this one ${problem})`)
    const region = fields.object(table[name], here)
    const summary = fields.optionalObject(region.summary, [...here, 'summary'])
    const startLine =
      region.start_line === undefined
        ? undefined
        : fields.lines([region.start_line], [...here, 'start_line'])[0]
    return {
      name,
      executed: fields.lines(region.executed_lines, [...here, 'executed_lines']),
      missing: fields.lines(region.missing_lines, [...here, 'missing_lines']),
      excluded: fields.lines(region.excluded_lines, [...here, 'excluded_lines']),
      covered: fields.count(summary?.covered_lines, [...here, 'summary', 'covered_lines']),
      statements: fields.count(summary?.num_statements, [...here, 'summary', 'num_statements']),
      startLine
    }
  })
}
