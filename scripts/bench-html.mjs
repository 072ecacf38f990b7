// npm run bench:html — the HTML report of a 4,000-file project: how long writing it takes and
// how large its pages get. The input is the bench's seeded lcov shape (scripts/bench/generate.mjs:
// 4,000 files × 500 instrumented lines in 97 folders, a quarter of them Python), with generated
// sources on disk (about 800 lines of 25 characters on average per file) and a change touching
// every tenth file. The report is read and merged by the
// engine first (not timed); then writeHtmlReport runs BENCH_RUNS times (default 3) and the median
// is printed, with the page count, the total size, the largest page of each kind and the
// ratio of the file pages' bytes to the sources'; then lcov's genhtml makes its report of the
// same tracefile and sources, for the ratio of the two times.
//
// Environment: BENCH_RUNS (default 3), BENCH_FILES (default 4000), BENCH_GENHTML=0 skips
// genhtml, BENCH_KEEP=1 keeps the temporary directory.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { performance } from 'node:perf_hooks'
import { bundleForBench } from './bench/bundle.mjs'
import { benchShape, writeLcovShard } from './bench/generate.mjs'

const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const FILES = Number(process.env.BENCH_FILES ?? 4000)

const work = mkdtempSync(join(tmpdir(), 'mc-bench-html-'))
const workspace = join(work, 'workspace')
console.log(
  `machine: ${cpus().length} cores, node ${process.version}, load average ${loadavg()[0].toFixed(2)}`
)

await bundleForBench({ html: 'scripts/bench/html-entry.ts' }, work)
const bench = await import(join(work, 'html.mjs'))

// The bench shape, rooted in this workspace; every fourth file is Python.
const shape = benchShape({ files: FILES, linesPerFile: 500, shapeSeed: 1 }).map((file, index) => ({
  ...file,
  path: file.path
    .replace('/bench/workspace', workspace)
    .replace(/\.rs$/, index % 4 === 3 ? '.py' : '.rs')
}))
// Generated code of the lengths real code has: indented statements, blank lines, comments,
// and now and then a character the page must escape.
const SOURCE_LINES = [
  (n) => `    let value_${n} = compute(input, ${n})?;`,
  () => '',
  (n) => `        if total > limit_${n} && !done {`,
  () => '        }',
  (n) => `    // step ${n}: fold the <partial> results`,
  (n) => `    results.push(Item::new(${n}, "name"));`,
  () => '    }'
]
let sourceBytes = 0
for (const file of shape) {
  const last = file.lines[file.lines.length - 1]
  const lines = Array.from({ length: last + 3 }, (_, index) =>
    SOURCE_LINES[(index * 5 + file.path.length) % SOURCE_LINES.length](index + 1)
  )
  const text = `${lines.join('\n')}\n`
  mkdirSync(dirname(file.path), { recursive: true })
  writeFileSync(file.path, text)
  sourceBytes += Buffer.byteLength(text)
}
const lcov = join(work, 'bench.info')
writeLcovShard(lcov, shape, 7)
const { report, figures } = bench.readBenchReport(lcov, workspace)
const changed = new Map()
figures.files.forEach((file, index) => {
  if (index % 10 === 0)
    changed.set(file.path, new Set(Array.from({ length: 20 }, (_, n) => 40 + n)))
})
const mib = (bytes) => (bytes / 1048576).toFixed(1)
console.log(
  `input: ${figures.files.length} files (${mib(sourceBytes)} MiB of sources), ${figures.total.lines.found} instrumented lines, ${changed.size} changed files`
)

const times = []
let written
for (let run = 0; run < RUNS; run++) {
  const start = performance.now()
  written = bench.writeBenchHtml({
    outputDir: join(work, 'coverage'),
    workspace,
    report,
    figures,
    changed
  })
  times.push(performance.now() - start)
}
times.sort((a, b) => a - b)
const median = times[Math.floor(times.length / 2)]
console.log(
  `HTML report: median ${(median / 1000).toFixed(2)} s over ${RUNS} runs (${times.map((t) => (t / 1000).toFixed(2)).join(', ')} s)`
)

const sizes = readdirSync(written.dir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => {
    const path = join(entry.parentPath, entry.name)
    return { page: relative(written.dir, path), bytes: statSync(path).size }
  })
const total = sizes.reduce((sum, { bytes }) => sum + bytes, 0)
const largest = (filter) => sizes.filter(filter).reduce((a, b) => (b.bytes > a.bytes ? b : a))
const show = ({ page, bytes }) => `${page} ${(bytes / 1024).toFixed(1)} KiB`
console.log(`pages: ${written.pages}, ${mib(total)} MiB in all`)
console.log(`largest page: ${show(written.largest)}`)
console.log(`largest file page: ${show(largest(({ page }) => page.startsWith('files/')))}`)
console.log(`largest folder page: ${show(largest(({ page }) => page.startsWith('dirs/')))}`)
console.log(`index: ${show(largest(({ page }) => page === 'index.html'))}`)
console.log(
  `file pages / sources: ${(sizes.filter(({ page }) => page.startsWith('files/')).reduce((s, { bytes }) => s + bytes, 0) / sourceBytes).toFixed(2)}× the bytes`
)

// The peer: lcov's genhtml on the same tracefile and sources, one run (it is slow), as a child
// process timed from here. BENCH_GENHTML=0 skips it.
if (process.env.BENCH_GENHTML !== '0') {
  const peerDir = join(work, 'genhtml')
  const start = performance.now()
  const peer = spawnSync('genhtml', ['--quiet', '--output-directory', peerDir, lcov], {
    encoding: 'utf8'
  })
  const seconds = (performance.now() - start) / 1000
  if (peer.status !== 0) console.log(`genhtml failed (${peer.status}): ${peer.stderr.slice(-500)}`)
  else {
    const bytes = readdirSync(peerDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0)
    console.log(
      `genhtml (lcov ${spawnSync('genhtml', ['--version'], { encoding: 'utf8' }).stdout.trim().split(' ').pop()}): ${seconds.toFixed(2)} s, ${mib(bytes)} MiB — ours takes ${(median / 1000 / seconds).toFixed(2)}× its time`
    )
  }
}

if (process.env.BENCH_KEEP) console.log(`kept: ${work}`)
else rmSync(work, { recursive: true, force: true })
