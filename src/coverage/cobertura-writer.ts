import { ByteSink, chunksToString, type ChunkOptions } from './byte-sink.js'
import { CoverageError } from './errors.js'
import { MAX_CONDITIONS_PER_LINE } from './limits.js'
import { sortedFiles, type CoverageReport, type FileCoverage } from './model.js'
import { addInto, emptyTotals, fileTotals, type Count, type Totals } from './summary.js'
import { toPosixPath } from './paths.js'

export interface CoberturaOptions extends ChunkOptions {
  /** Workspace root, written as the one `<source>`; file names are relative to it. */
  readonly root: string
  /** Written as the `timestamp` attribute (ms since the epoch); default 0, so output is reproducible. */
  readonly timestamp?: number
  /** The `version` attribute; default "mixed-coverage". */
  readonly version?: string
}

/**
 * Cobertura XML writer, valid against coverage-04.dtd: one package per directory (named like
 * coverage.py does, `src/pkg` → `src.pkg`), one class per file with its methods (one line each:
 * the function's start and hits) and lines (`branch`/`condition-coverage` where the line has
 * branch outcomes: covered = outcomes taken at least once). Rates are exact ratios; an empty
 * total has rate 1, as percent() shows 100. No DOCTYPE, so no reader is tempted to fetch it.
 */
export function* coberturaChunks(
  report: CoverageReport,
  options: CoberturaOptions
): Generator<Uint8Array> {
  const sink = new ByteSink()
  const files = sortedFiles(report)
  const packages = new Map<string, Array<{ file: FileCoverage; totals: Totals }>>()
  const overall = emptyTotals()
  for (const file of files) {
    const totals = fileTotals(file)
    addInto(overall, totals)
    const directory = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : ''
    const members = packages.get(directory) ?? []
    members.push({ file, totals })
    packages.set(directory, members)
  }
  sink.ascii('<?xml version="1.0" ?>\n')
  sink.ascii('<!-- Written by mixed-coverage; structure of coverage-04.dtd -->\n')
  sink.text(
    `<coverage line-rate="${rate(overall.lines)}" branch-rate="${rate(overall.branches)}" ` +
      `lines-covered="${overall.lines.hit}" lines-valid="${overall.lines.found}" ` +
      `branches-covered="${overall.branches.hit}" branches-valid="${overall.branches.found}" ` +
      `complexity="0" version="${escape(options.version ?? 'mixed-coverage')}" timestamp="${options.timestamp ?? 0}">\n`
  )
  sink.text(
    `\t<sources>\n\t\t<source>${escape(toPosixPath(options.root))}</source>\n\t</sources>\n\t<packages>\n`
  )
  for (const [directory, members] of packages) {
    const totals = emptyTotals()
    for (const member of members) addInto(totals, member.totals)
    const name = directory === '' ? '.' : directory.replace(/\//g, '.')
    sink.text(
      `\t\t<package name="${escape(name)}" line-rate="${rate(totals.lines)}" ` +
        `branch-rate="${rate(totals.branches)}" complexity="0">\n\t\t\t<classes>\n`
    )
    for (const member of members) {
      writeClass(sink, member.file, member.totals)
      const chunks = sink.drain()
      yield* chunks
      if (options.reuseBuffers === true) sink.recycle(chunks)
    }
    sink.ascii('\t\t\t</classes>\n\t\t</package>\n')
  }
  sink.ascii('\t</packages>\n</coverage>\n')
  yield* sink.finish()
}

export function writeCobertura(report: CoverageReport, options: CoberturaOptions): string {
  return chunksToString(coberturaChunks(report, options))
}

function writeClass(sink: ByteSink, file: FileCoverage, totals: Totals): void {
  const name = file.path.slice(
    Math.max(file.path.lastIndexOf('/'), file.path.lastIndexOf('\\')) + 1
  )
  sink.text(
    `\t\t\t\t<class name="${escape(name)}" filename="${escape(file.path)}" ` +
      `line-rate="${rate(totals.lines)}" branch-rate="${rate(totals.branches)}" complexity="0">\n`
  )
  sink.ascii('\t\t\t\t\t<methods>\n')
  for (const record of file.functions) {
    const hit = record.hits > 0 ? '1' : '0'
    sink.text(
      `\t\t\t\t\t\t<method name="${escape(record.name)}" signature="" line-rate="${hit}" ` +
        `branch-rate="1" complexity="0">\n\t\t\t\t\t\t\t<lines>\n` +
        `\t\t\t\t\t\t\t\t<line number="${record.start}" hits="${record.hits}"/>\n` +
        '\t\t\t\t\t\t\t</lines>\n\t\t\t\t\t\t</method>\n'
    )
  }
  sink.ascii('\t\t\t\t\t</methods>\n\t\t\t\t\t<lines>\n')
  writeLines(sink, file)
  sink.ascii('\t\t\t\t\t</lines>\n\t\t\t\t</class>\n')
}

function writeLines(sink: ByteSink, file: FileCoverage): void {
  const branches = file.branches
  let branch = 0
  for (let index = 0; index < file.lineNumbers.length; index++) {
    const line = file.lineNumbers[index] as number
    while (branch < branches.lines.length && (branches.lines[branch] as number) < line) branch++
    let total = 0
    let covered = 0
    while (branch < branches.lines.length && branches.lines[branch] === line) {
      total++
      if ((branches.taken[branch] as number) > 0) covered++
      branch++
    }
    if (total > MAX_CONDITIONS_PER_LINE) {
      // The merge pipeline leaves such lines out (branch-limit.ts); a reader would refuse it.
      throw new CoverageError(
        file.path,
        `${file.path}:${line}: ${total} branch outcomes on one line cannot be written as condition-coverage`
      )
    }
    sink.ascii('\t\t\t\t\t\t<line number="')
    sink.integer(line)
    sink.ascii('" hits="')
    sink.integer(file.lineHits[index] as number)
    if (total > 0) {
      const percent = Math.floor((covered * 100) / total)
      sink.ascii(`" branch="true" condition-coverage="${percent}% (${covered}/${total})`)
    }
    sink.ascii('"/>\n')
  }
}

function rate(count: Count): string {
  return count.found === 0 ? '1' : String(count.hit / count.found)
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}
