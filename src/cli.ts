/**
 * Command-line entry of the report engine (bundled to dist/cli.js):
 *
 *   node dist/cli.js merge --output DIR [options] FILE...
 *   node dist/cli.js tests-for --diff BASE [--tests tests.json]    (cli-tests-for.ts)
 *
 * Each FILE's format is detected from its content; all are merged and written as lcov.info,
 * cobertura.xml and coverage-summary.json. File and process I/O live here; every decision
 * is the engine's (src/coverage).
 */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import {
  DEFAULT_MAX_REPORT_MB,
  megabytesToBytes,
  reportNotes,
  reportTotals,
  showControls,
  type Count,
  type OutputFormat
} from './coverage/index.js'
import { formatPercent } from './coverage/percent.js'
import type { MergeCommand } from './cli-merge.js'
import { EmptyMergeError, mergeAndWrite, runWorkerIfAny } from './cli-run.js'
import { testsFor, TestsForUsageError } from './cli-tests-for.js'

const HELP = `Usage: node dist/cli.js merge --output DIR [options] FILE...
       node dist/cli.js tests-for --diff BASE [--tests FILE] [--json]   (tests-for --help)

Merges coverage reports (lcov tracefiles, Cobertura XML, coverage.py JSON; the format of
each FILE is detected from its content) into DIR/lcov.info, DIR/cobertura.xml and
DIR/coverage-summary.json. The same file in several reports sums, as lcov -a does.

Options:
  -o, --output DIR        directory to write into (created if missing; required)
  --root DIR              workspace root that paths are made relative to (default: cwd)
  --include-outside       keep files outside the root (default: leave them out)
  --exclude GLOB          leave out files matching GLOB (repeatable; ** * ? over paths)
  --path-map FROM=TO      rewrite paths starting with FROM to TO (repeatable)
  --no-markers            do not apply LCOV_EXCL_* markers found in Rust sources
  --format NAME           write only lcov, cobertura or summary (repeatable; default all)
  --max-size-mb N         refuse reports larger than N MB (default ${DEFAULT_MAX_REPORT_MB})
  --threads N             1, or 2 to split the lcov inputs with a worker thread
                          (default: 2 for 8 MB of lcov or more on 4 cores or more)
  --allow-empty           write the outputs even when the merge keeps no file
  -h, --help              show this help

A measure with nothing found (no branches, no functions) is shown as "no data", never as
100 %. The outputs are the same bytes whatever --threads is and whatever the order of FILEs.

Exit status: 0 when written, 1 when a report is refused or an output cannot be written (the
message names the file, the line and what was expected; the outputs of an earlier run are
then left as they were), 2 on a usage error, 3 when the merge kept no file (nothing is
written unless --allow-empty).`

class UsageError extends Error {}

const FORMAT_NAMES: Record<string, OutputFormat> = {
  lcov: 'lcov',
  cobertura: 'cobertura',
  summary: 'summaryJson'
}

function parseCommand(argv: string[]): MergeCommand | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      root: { type: 'string' },
      'include-outside': { type: 'boolean' },
      exclude: { type: 'string', multiple: true },
      'path-map': { type: 'string', multiple: true },
      'no-markers': { type: 'boolean' },
      format: { type: 'string', multiple: true },
      'max-size-mb': { type: 'string' },
      threads: { type: 'string' },
      'allow-empty': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' }
    }
  })
  if (values.help || positionals[0] === 'help') return 'help'
  const [command, ...files] = positionals
  if (command !== 'merge')
    throw new UsageError(command ? `unknown command '${command}'` : 'missing command')
  if (values.output === undefined) throw new UsageError('--output DIR is required')
  if (files.length === 0) throw new UsageError('no report FILE given')
  const maxMb = Number(values['max-size-mb'] ?? DEFAULT_MAX_REPORT_MB)
  if (!Number.isFinite(maxMb) || maxMb <= 0)
    throw new UsageError('--max-size-mb needs a positive number')
  const formats = (values.format ?? ['lcov', 'cobertura', 'summary']).map((name) => {
    const format = FORMAT_NAMES[name]
    if (format === undefined)
      throw new UsageError(`--format must be lcov, cobertura or summary, not '${name}'`)
    return format
  })
  const pathMaps = (values['path-map'] ?? []).map((text) => {
    const separator = text.indexOf('=')
    if (separator <= 0) throw new UsageError(`--path-map needs FROM=TO, not '${text}'`)
    return { from: text.slice(0, separator), to: text.slice(separator + 1) }
  })
  const threads = values.threads === undefined ? 'auto' : Number(values.threads)
  if (threads !== 'auto' && threads !== 1 && threads !== 2)
    throw new UsageError('--threads must be 1 or 2')
  return {
    output: resolve(values.output),
    root: resolve(values.root ?? process.cwd()),
    includeOutside: values['include-outside'] ?? false,
    excludes: values.exclude ?? [],
    pathMaps,
    markers: !(values['no-markers'] ?? false),
    formats,
    maxBytes: megabytesToBytes(maxMb),
    threads,
    allowEmpty: values['allow-empty'] ?? false,
    files
  }
}

/** Why nothing was written: the notes say where the files went (outside the root, excluded). */
function emptyMergeMessage(notes: readonly string[]): string {
  const why =
    notes.length > 0 ? ` (${notes.slice(0, 3).join('; ')})` : ': the reports name no source file'
  return (
    `the merge kept no file${why}, so there is nothing to report and nothing was written. ` +
    'Pass --allow-empty to write empty reports.'
  )
}

/** Notes are report data (file names, paths): each is printed as one escaped line. */
function printNotes(notes: readonly string[]): void {
  for (const note of notes.slice(0, MAX_NOTES_SHOWN)) {
    console.error(`mixed-coverage: note: ${showControls(note)}`)
  }
  if (notes.length > MAX_NOTES_SHOWN) {
    console.error(
      `mixed-coverage: note: …and ${notes.length - MAX_NOTES_SHOWN} more in coverage-summary.json`
    )
  }
}

const MAX_NOTES_SHOWN = 20

/** `lines 85.10% (851/1000)`, or `lines no data` when nothing was found (not 100 %). */
function showCount(name: string, count: Count): string {
  if (count.found === 0) return `${name} no data`
  return `${name} ${formatPercent(count.hit, count.found)}% (${count.hit}/${count.found})`
}

async function merge(command: MergeCommand): Promise<string> {
  const report = await mergeAndWrite(command)
  printNotes(reportNotes(report))
  const totals = reportTotals(report)
  return (
    `merged ${command.files.length} report(s), ${report.files.size} file(s): ` +
    `${showCount('lines', totals.lines)}, ${showCount('branches', totals.branches)}, ` +
    `${showCount('functions', totals.functions)} → ${showControls(command.output)}`
  )
}

async function main(argv: string[]): Promise<number> {
  try {
    if (argv[0] === 'tests-for') return await testsFor(argv.slice(1))
    const command = parseCommand(argv)
    if (command === 'help') {
      console.log(HELP)
      return 0
    }
    console.log(`mixed-coverage: ${await merge(command)}`)
    return 0
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof TestsForUsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      console.error(`mixed-coverage: ${(error as Error).message}\nRun with --help for usage.`)
      return 2
    }
    if (error instanceof EmptyMergeError) {
      const notes = reportNotes(error.report)
      printNotes(notes)
      console.error(`mixed-coverage: error: ${showControls(emptyMergeMessage(notes))}`)
      return 3
    }
    // Engine errors name the file (and line); file system errors say what failed on which path.
    console.error(
      `mixed-coverage: error: ${showControls((error as Error).message ?? String(error))}`
    )
    return 1
  }
}

/**
 * Exits once stdout and stderr are flushed instead of letting the process wind down: a merge
 * leaves a heap of large arenas and many thousand objects, and tearing it down (a last garbage
 * collection, freeing the arenas) measured 15-30 ms after every output was already written.
 */
function exitWhenFlushed(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)))
}

if (!runWorkerIfAny()) exitWhenFlushed(await main(process.argv.slice(2)))
