// npm run bench:xml — the engine's own Cobertura reader against fast-xml-parser, the library
// the design card names, on a seeded ~100 MB coverage.py-style Cobertura file. Three parts:
//
//   1. Speed and memory: each reader in a separate child process measured by /usr/bin/time
//      (wall seconds, peak RSS), median of BENCH_RUNS runs, interleaved. Both readers go from
//      the file's bytes to per-file line numbers and hits (and branch covered/total): ours is
//      parseReport; fast-xml-parser is its parse to a JS object plus the walk from that object
//      to the same numbers (scripts/bench/xml-readers.mjs). "parse" is the time inside the
//      child, without node's start-up and the file read; for fast-xml-parser, "XML → object"
//      is the part of it spent in the library, before the walk.
//   2. Agreement: both readers must give the same files, line numbers, hits and branches.
//   3. Entities: each reader is fed a billion-laughs DOCTYPE, an external entity, an undeclared
//      entity, character references, a predefined entity and a harmless internal entity; each
//      case runs in its own child with a time limit (timeout -s KILL) and a 2 GB heap cap, so a
//      blow-up cannot hang the bench or the machine.
//
// Runs the children with the node that runs this script (under `npm run bench:xml`, the
// project's Node 24). fast-xml-parser is a devDependency used by this script only.
//
// Environment: BENCH_RUNS (default 5), BENCH_XML_MB (default 100, MiB), BENCH_ENTITY_TIMEOUT
// (seconds, default 20), BENCH_KEEP=1 keeps the temporary directory.
import { build } from 'esbuild'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, URL } from 'node:url'
import { writeCoberturaReport } from './bench/generate.mjs'
import { ENTITY_CASES, FXP_CONFIGS } from './bench/xml-readers.mjs'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const SIZE_MIB = Number(process.env.BENCH_XML_MB ?? 100)
const ENTITY_TIMEOUT = Number(process.env.BENCH_ENTITY_TIMEOUT ?? 20)
const CHILD = fileURLToPath(new URL('./bench/xml-child.mjs', import.meta.url))
const READERS = { ours: 'ours (engine parseReport)' }
for (const [key, config] of Object.entries(FXP_CONFIGS)) READERS[key] = config.label

for (const tool of ['/usr/bin/time', 'timeout']) {
  const found = tool.startsWith('/')
    ? existsSync(tool)
    : spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0
  if (!found) {
    console.error(`bench:xml needs ${tool}: apt-get install -y time coreutils`)
    process.exit(1)
  }
}

/** The installed fast-xml-parser's version, from the package.json above its entry file. */
function fxpVersion() {
  let directory = dirname(fileURLToPath(import.meta.resolve('fast-xml-parser')))
  while (directory !== dirname(directory)) {
    const manifest = join(directory, 'package.json')
    if (existsSync(manifest)) {
      const json = JSON.parse(readFileSync(manifest, 'utf8'))
      if (json.name === 'fast-xml-parser') return json.version
    }
    directory = dirname(directory)
  }
  return 'unknown'
}

const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')
console.log(
  `machine: ${cpus().length} cores, node ${process.version}, fast-xml-parser ${fxpVersion()}, ` +
    `load average ${load()}`
)

const work = mkdtempSync(join(tmpdir(), 'mc-bench-xml-'))
await build({
  entryPoints: { engine: 'src/coverage/index.ts' },
  outdir: work,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning'
})
const engine = join(work, 'engine.mjs')
const report = join(work, 'coveragepy.xml')
writeCoberturaReport(report, SIZE_MIB * 1048576, 7)
const size = statSync(report).size
const mib = size / 1048576
console.log(`input: ${mib.toFixed(1)} MiB coverage.py-style Cobertura (seed 7)`)

/** Runs argv under /usr/bin/time: its status, stdout, stderr, wall seconds and peak RSS KiB. */
function timed(argv) {
  const result = spawnSync('/usr/bin/time', ['-f', 'BENCH %e %M', ...argv], {
    encoding: 'utf8',
    maxBuffer: 64 << 20
  })
  const lines = result.stderr.split('\n')
  const line = lines.find((text) => text.startsWith('BENCH '))
  const [, wall, rss] = (line ?? 'BENCH NaN NaN').split(' ')
  const stderr = lines.filter((text) => !text.startsWith('BENCH ') && text.trim() !== '')
  return {
    status: result.status,
    stdout: result.stdout,
    stderr,
    wall: Number(wall),
    rss: Number(rss)
  }
}

const lastJson = (stdout) => JSON.parse(stdout.trim().split('\n').pop())
const node = process.execPath

// 1. speed and memory
const samples = Object.fromEntries(Object.keys(READERS).map((name) => [name, []]))
console.log(`timing: ${RUNS} runs of each reader, interleaved; load before ${load()}`)
for (let run = 0; run < RUNS; run++) {
  for (const name of Object.keys(READERS)) {
    const result = timed([node, CHILD, 'time', name, engine, report])
    if (result.status !== 0) {
      throw new Error(`${name} failed (${result.status}):\n${result.stderr.slice(-20).join('\n')}`)
    }
    const { seconds, objectSeconds, totals } = lastJson(result.stdout)
    samples[name].push({
      wall: result.wall,
      rss: result.rss,
      parse: seconds,
      objectSeconds,
      totals
    })
  }
}
const loadAfter = load()
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const results = Object.fromEntries(
  Object.entries(samples).map(([name, runs]) => [
    name,
    {
      wall: median(runs.map((r) => r.wall)),
      rss: median(runs.map((r) => r.rss)),
      parse: median(runs.map((r) => r.parse)),
      object:
        runs[0].objectSeconds === undefined ? undefined : median(runs.map((r) => r.objectSeconds)),
      runs
    }
  ])
)
console.log(
  '\n| reader | median wall (s) | median peak RSS (MiB) | median parse (s) | of which XML → object (s) | MiB/s (parse) | MiB/s (wall) | walls (s) |'
)
console.log('|---|---:|---:|---:|---:|---:|---:|---|')
for (const [name, result] of Object.entries(results)) {
  const walls = result.runs.map((r) => r.wall.toFixed(2)).join(' ')
  console.log(
    `| ${READERS[name]} | ${result.wall.toFixed(2)} | ${(result.rss / 1024).toFixed(0)} | ` +
      `${result.parse.toFixed(2)} | ${result.object?.toFixed(2) ?? '–'} | ` +
      `${(mib / result.parse).toFixed(0)} | ` +
      `${(mib / result.wall).toFixed(0)} | ${walls} |`
  )
}
const ours = results.ours
for (const name of Object.keys(FXP_CONFIGS)) {
  const peer = results[name]
  console.log(
    `${READERS[name]} / ours: wall ${(peer.wall / ours.wall).toFixed(2)}×, ` +
      `parse ${(peer.parse / ours.parse).toFixed(2)}×, peak RSS ${(peer.rss / ours.rss).toFixed(2)}×`
  )
}
console.log(`load average after timing: ${loadAfter}`)

// 2. agreement
const agreement = timed([node, CHILD, 'agree', '-', engine, report])
if (agreement.status !== 0) {
  throw new Error(`agreement check failed:\n${agreement.stderr.slice(-20).join('\n')}`)
}
const agreed = lastJson(agreement.stdout)
const shown = (t) =>
  `${t.files} files, ${t.lines} lines, ${t.hits} hits, ${t.branchLines} branch lines`
console.log(`\nagreement on the generated file (ours: ${shown(agreed.ours)}):`)
for (const [name, peer] of Object.entries(agreed.peers)) {
  const verdict =
    peer.differences.length === 0
      ? 'ok (same files, line numbers, hits, branch covered/total)'
      : `MISMATCH: ${peer.differences.join('; ')}`
  console.log(`  ${READERS[name]}: ${verdict}`)
}

// 3. entities
console.log(
  `\nentity handling (each case in its own child: timeout ${ENTITY_TIMEOUT} s, heap cap 2 GB):`
)
console.log('\n| case | reader | outcome | filename= read as | wall (s) | peak RSS (MiB) |')
console.log('|---|---|---|---|---:|---:|')
const cell = (value) => String(value).replace(/\|/g, '\\|').slice(0, 200)
for (const [index, entityCase] of ENTITY_CASES.entries()) {
  const path = join(work, `entity-${index}.xml`)
  writeFileSync(path, entityCase.xml)
  for (const name of Object.keys(READERS)) {
    const result = timed([
      'timeout',
      '-s',
      'KILL',
      String(ENTITY_TIMEOUT),
      node,
      '--max-old-space-size=2048',
      CHILD,
      'entity',
      name,
      engine,
      path
    ])
    let outcome
    let filename = ''
    if (result.status === 0) {
      const answer = lastJson(result.stdout)
      if (answer.ok) {
        filename = JSON.stringify(answer.filename)
        outcome =
          answer.filename === entityCase.literal
            ? 'read; reference kept as written'
            : 'read; reference replaced'
      } else outcome = `refused: ${answer.error}`
    } else if (result.status === 137) outcome = `killed after ${ENTITY_TIMEOUT} s`
    else {
      const last =
        result.stderr.find((text) => /out of memory|FATAL/i.test(text)) ?? result.stderr.pop()
      outcome = `crashed (exit ${result.status}): ${last ?? ''}`
    }
    console.log(
      `| ${cell(entityCase.name)} | ${READERS[name]} | ${cell(outcome)} | ${cell(filename)} | ` +
        `${result.wall.toFixed(2)} | ${(result.rss / 1024).toFixed(0)} |`
    )
  }
}

if (process.env.BENCH_KEEP === '1') console.log(`\nkept ${work}`)
else rmSync(work, { recursive: true, force: true })
