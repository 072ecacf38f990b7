// npm run bench — merge 4 seeded lcov shards (about 4,000 files × 500 lines each, FN/FNDA and
// BRDA records, ~22 MiB each) with this engine's CLI, grcov and `lcov -a`, in two cases:
//   - same shape: the shards share files, lines, functions and branches; only counts differ;
//   - differing shapes: shards of different builds (cfg'd blocks, per-shard functions and
//     branch arms, files missing from some shards or present in one only), see generate.mjs.
// For each case: wall time, CPU time and peak RSS (median of several runs, each tool a separate
// child process measured by /usr/bin/time), the ratios of the medians and of each round's pair
// (ours and grcov back to back, which cancels the machine's drift), and whether the three
// outputs agree. Then
// MB/s for reading a 50 MB coverage.py-style Cobertura file and a 50 MB coverage.py JSON file
// in-process.
//
// "ours" is `node dist/cli.js merge --format lcov` as built from src/cli.ts, run by the node
// that runs this script (under `npm run bench`, the project's Node 24 — the action's runtime);
// with its defaults that is one thread on a machine with fewer than four cores. "ours
// --threads 2" splits the inputs with a worker thread; "ours, all 3 outputs" also writes
// cobertura.xml and coverage-summary.json (not comparable to the peers, shown for scale).
//
// Environment: BENCH_RUNS (default 5), BENCH_LCOV_RUNS (default 1: one lcov -a run takes about
// 30 s, and its output is needed for the agreement check), BENCH_CASES (default
// `same,differing`), BENCH_KEEP=1 keeps the temporary directory.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { bundleForBench } from './bench/bundle.mjs'
import { BENCH_CASES, BENCH_ROOT as ROOT, writeCaseShards } from './bench/cases.mjs'
import { compareOutputs } from './bench/compare.mjs'
import { median, measure, report } from './bench/measure.mjs'
import { writeCoberturaReport, writeCoveragePyJson } from './bench/python-reports.mjs'
import { ensureTools } from './bench/tools.mjs'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const LCOV_RUNS = Number(process.env.BENCH_LCOV_RUNS ?? 1)
const CASES = (process.env.BENCH_CASES ?? 'same,differing').split(',')

ensureTools()
const work = mkdtempSync(join(tmpdir(), 'mc-bench-'))
const load = () => loadavg()[0].toFixed(2)
console.log(`machine: ${cpus().length} cores, node ${process.version}, load average ${load()}`)

await bundleForBench({ cli: 'src/cli.ts', engine: 'src/coverage/index.ts' }, work)
const engine = await import(join(work, 'engine.mjs'))

/** The commands of one case: ours (three ways), grcov and lcov -a over `shards`. */
function commands(dir, shards) {
  const oursArgs = (output, ...extra) => [
    process.execPath,
    join(work, 'cli.mjs'),
    'merge',
    '--root',
    ROOT,
    ...extra,
    '-o',
    join(dir, output),
    ...shards
  ]
  const lcovArgs = shards.flatMap((shard) => ['-a', shard])
  return {
    ours: oursArgs('ours', '--format', 'lcov'),
    'ours --threads 2': oursArgs('ours2', '--threads', '2', '--format', 'lcov'),
    grcov: ['grcov', ...shards, '--branch', '-t', 'lcov', '-o', join(dir, 'grcov.info')],
    'ours, all 3 outputs': oursArgs('ours3'),
    'lcov -a': [
      'lcov',
      '--rc',
      'lcov_branch_coverage=1',
      '--quiet',
      ...lcovArgs,
      '-o',
      join(dir, 'lcov.info')
    ]
  }
}

for (const name of CASES) {
  const dir = join(work, name)
  const shards = writeCaseShards(name, dir)
  const mib = (path) => (statSync(path).size / 1048576).toFixed(1)
  console.log(`\n## ${BENCH_CASES[name].title}`)
  console.log(`inputs: ${shards.map(mib).join(' + ')} MiB of lcov (seeded)`)
  console.log(`timing: ${RUNS} runs each, interleaved (lcov -a: ${LCOV_RUNS}), load ${load()}`)
  const results = measure(commands(dir, shards), {
    runs: Math.max(RUNS, LCOV_RUNS, 1),
    slow: ['lcov -a'],
    slowRuns: Math.max(LCOV_RUNS, 1)
  })
  console.log('')
  for (const line of report(results, ['grcov', 'lcov -a'])) console.log(line)
  console.log(`load average after timing: ${load()}`)
  console.log('\nagreement (each output parsed by the engine):')
  const outputs = {
    ours: join(dir, 'ours', 'lcov.info'),
    grcov: join(dir, 'grcov.info'),
    lcov: join(dir, 'lcov.info')
  }
  for (const line of compareOutputs(engine, outputs, ROOT)) console.log(`  ${line}`)
  if (process.env.BENCH_KEEP !== '1') rmSync(dir, { recursive: true, force: true })
}

console.log('\nin-process read speed (median of 3 parses):')
const bigXml = join(work, 'coveragepy-50mb.xml')
const bigJson = join(work, 'coveragepy-50mb.json')
writeCoberturaReport(bigXml, 50 * 1048576, 7)
writeCoveragePyJson(bigJson, 50 * 1048576, 7)
for (const [label, path, parse] of [
  ['Cobertura (coverage.py style)', bigXml, engine.parseCobertura],
  ['coverage.py JSON', bigJson, engine.parseCoveragePyJson]
]) {
  const data = readFileSync(path)
  const times = []
  let lines = 0
  for (let run = 0; run < 3; run++) {
    const started = performance.now()
    const parsed = parse(data, path)
    times.push(performance.now() - started)
    lines = engine.summarize(parsed).totals.lines.found
  }
  const seconds = median(times) / 1000
  console.log(
    `  ${label}: ${(data.length / 1048576).toFixed(1)} MiB, ${lines} lines, ` +
      `${seconds.toFixed(2)} s → ${(data.length / 1048576 / seconds).toFixed(0)} MiB/s`
  )
}

if (process.env.BENCH_KEEP === '1') console.log(`\nkept ${work}`)
else rmSync(work, { recursive: true, force: true })
