// npm run bench — merge 4 seeded lcov shards (4,000 files × 500 lines, FN/FNDA and BRDA
// records, ~22 MiB each) with this engine's CLI, grcov and `lcov -a`; report wall time and
// peak RSS (median of several runs, each tool a separate child process measured by
// /usr/bin/time), the ratios, whether the three outputs agree, and MB/s for reading a 50 MB
// coverage.py-style Cobertura file and a 50 MB coverage.py JSON file in-process.
//
// "ours" is `node dist/cli.js merge --format lcov` as built from src/cli.ts, run by the node
// that runs this script (under `npm run bench`, the project's Node 24 — the action's runtime);
// with its defaults that is one thread on a machine with fewer than four cores. "ours
// --threads 2" splits the inputs with a worker thread; "ours, all 3 outputs" also writes
// cobertura.xml and coverage-summary.json (not comparable to the peers, shown for scale).
//
// Environment: BENCH_RUNS (default 5), BENCH_LCOV_RUNS (default 3), BENCH_KEEP=1 keeps the
// temporary directory.
import { build } from 'esbuild'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { compareOutputs } from './bench/compare.mjs'
import {
  benchShape,
  writeCoberturaReport,
  writeCoveragePyJson,
  writeLcovShard
} from './bench/generate.mjs'
import { ensureTools } from './bench/tools.mjs'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const LCOV_RUNS = Number(process.env.BENCH_LCOV_RUNS ?? 3)
const ROOT = '/bench/workspace'

ensureTools()
const work = mkdtempSync(join(tmpdir(), 'mc-bench-'))
const load = () => loadavg()[0].toFixed(2)
console.log(`machine: ${cpus().length} cores, node ${process.version}, load average ${load()}`)

await build({
  entryPoints: { cli: 'src/cli.ts', engine: 'src/coverage/index.ts' },
  outdir: work,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  logLevel: 'warning'
})
const engine = await import(join(work, 'engine.mjs'))

const shape = benchShape({ files: 4000, linesPerFile: 500, shapeSeed: 1 })
const shards = [0, 1, 2, 3].map((index) => join(work, `shard${index}.info`))
shards.forEach((path, index) => writeLcovShard(path, shape, 100 + index))
const mib = (path) => (statSync(path).size / 1048576).toFixed(1)
console.log(
  `inputs: ${shards.map(mib).join(' + ')} MiB of lcov (seeded; same shapes, different counts)`
)

const outputs = {
  ours: join(work, 'ours', 'lcov.info'),
  grcov: join(work, 'grcov.info'),
  lcov: join(work, 'lcov.info')
}
const node = process.execPath
const oursArgs = (...extra) => [node, join(work, 'cli.mjs'), 'merge', '--root', ROOT, ...extra]
const tools = {
  ours: oursArgs('--format', 'lcov', '-o', join(work, 'ours'), ...shards),
  'ours --threads 2': oursArgs(
    '--threads',
    '2',
    '--format',
    'lcov',
    '-o',
    join(work, 'ours2'),
    ...shards
  ),
  'ours, all 3 outputs': oursArgs('-o', join(work, 'ours3'), ...shards),
  grcov: ['grcov', ...shards, '--branch', '-t', 'lcov', '-o', outputs.grcov],
  'lcov -a': [
    'lcov',
    '--rc',
    'lcov_branch_coverage=1',
    '--quiet',
    ...shards.flatMap((shard) => ['-a', shard]),
    '-o',
    outputs.lcov
  ]
}

/** Wall seconds and peak RSS (KiB) of one child, as GNU time reports them. */
function timed(argv) {
  const result = spawnSync('/usr/bin/time', ['-f', 'BENCH %e %M', ...argv], { encoding: 'utf8' })
  const line = result.stderr.split('\n').find((text) => text.startsWith('BENCH '))
  if (result.status !== 0 || line === undefined) {
    throw new Error(`${argv.join(' ')} failed (${result.status}):\n${result.stderr.slice(-2000)}`)
  }
  const [, wall, rss] = line.split(' ')
  return { wall: Number(wall), rss: Number(rss) }
}

const samples = Object.fromEntries(Object.keys(tools).map((name) => [name, []]))
console.log(`timing: ${RUNS} runs each, interleaved (lcov -a: ${LCOV_RUNS}), load ${load()}`)
for (let run = 0; run < RUNS; run++) {
  for (const name of ['ours', 'ours --threads 2', 'grcov', 'ours, all 3 outputs']) {
    samples[name].push(timed(tools[name]))
  }
  if (run < LCOV_RUNS) samples['lcov -a'].push(timed(tools['lcov -a']))
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const results = Object.fromEntries(
  Object.entries(samples).map(([name, runs]) => [
    name,
    { wall: median(runs.map((r) => r.wall)), rss: median(runs.map((r) => r.rss)), runs }
  ])
)

console.log('\n| tool | median wall (s) | median peak RSS (MiB) | runs (s) |')
console.log('|---|---:|---:|---|')
for (const [name, result] of Object.entries(results)) {
  const runs = result.runs.map((r) => r.wall.toFixed(2)).join(' ')
  console.log(
    `| ${name} | ${result.wall.toFixed(2)} | ${(result.rss / 1024).toFixed(0)} | ${runs} |`
  )
}
const ours = results.ours
for (const peer of ['grcov', 'lcov -a']) {
  const ratio = ours.wall / results[peer].wall
  const rss = ours.rss / results[peer].rss
  console.log(`ours / ${peer}: time ${ratio.toFixed(2)}, peak RSS ${rss.toFixed(2)}`)
}
const target = ours.wall / results.grcov.wall <= 0.5 && ours.rss <= results.grcov.rss
console.log(`target (time ratio to grcov ≤ 0.5, peak RSS ≤ grcov's): ${target ? 'met' : 'NOT met'}`)
console.log(`load average after timing: ${load()}`)

console.log('\nagreement (each output parsed by the engine):')
for (const line of compareOutputs(engine, outputs, ROOT)) console.log(`  ${line}`)

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
    const report = parse(data, path)
    times.push(performance.now() - started)
    lines = engine.summarize(report).totals.lines.found
  }
  const seconds = median(times) / 1000
  console.log(
    `  ${label}: ${(data.length / 1048576).toFixed(1)} MiB, ${lines} lines, ` +
      `${seconds.toFixed(2)} s → ${(data.length / 1048576 / seconds).toFixed(0)} MiB/s`
  )
}

if (process.env.BENCH_KEEP === '1') console.log(`\nkept ${work}`)
else rmSync(work, { recursive: true, force: true })
