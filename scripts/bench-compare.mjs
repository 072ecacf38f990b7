// npm run bench:compare -- [REV] — is the working tree's merge faster than REV's (default HEAD)?
//
// On a shared 2-core VM the machine's speed drifts by half within minutes, so two separate
// `npm run bench` runs cannot tell a 5 % change from noise. This script builds the CLI of REV
// (from `git archive`) and of the working tree, generates the differing-shapes shards of
// `npm run bench`, and runs rounds of grcov, REV and the working tree back to back. It prints,
// per build, the median and spread of its time divided by the same round's grcov time (the
// ratio the target is stated in) and in how many rounds it was at most 0.5, then the
// median of the per-round ratios working tree / REV (the two take turns going first). The
// outputs of both builds must be the same bytes; it stops if they are not, and keeps its
// temporary directory then (and whenever it stops with an error).
//
// Environment: BENCH_ROUNDS (default 15), BENCH_CASES (`differing`, `same` or both; default
// differing), BENCH_KEEP=1 keeps the temporary directory.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { bundleForBench } from './bench/bundle.mjs'
import { BENCH_ROOT as ROOT, writeCaseShards } from './bench/cases.mjs'
import { median, TARGET_RATIO, timed } from './bench/measure.mjs'
import { ensureTools } from './bench/tools.mjs'

const REV = process.argv[2] ?? 'HEAD'
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15)
const CASES = (process.env.BENCH_CASES ?? 'differing').split(',')

ensureTools()
const work = mkdtempSync(join(tmpdir(), 'mc-bench-compare-'))
const load = () => loadavg()[0].toFixed(2)

async function bundle(sourceDir, name) {
  // REV's sources resolve their packages from this checkout's node_modules.
  const nodePaths = [join(process.cwd(), 'node_modules')]
  await bundleForBench({ [name]: join(sourceDir, 'src/cli.ts') }, work, { nodePaths })
  return join(work, `${name}.mjs`)
}

// Anything that stops the comparison leaves its files for a look, and says where they are.
process.on('exit', (code) => {
  if (code !== 0 || process.env.BENCH_KEEP === '1') console.log(`\nkept ${work}`)
  else rmSync(work, { recursive: true, force: true })
})
process.on('SIGINT', () => process.exit(130))

const revDir = join(work, 'rev')
mkdirSync(revDir)
const revision = execFileSync('git', ['rev-parse', '--short', '--verify', `${REV}^{commit}`], {
  encoding: 'utf8'
}).trim()
const archive = join(work, 'rev.tar')
execFileSync('git', ['archive', '-o', archive, revision, 'src'])
execFileSync('tar', ['-x', '-f', archive, '-C', revDir])
const clis = {
  [`rev ${revision}`]: await bundle(revDir, 'rev'),
  'working tree': await bundle('.', 'work')
}

const spread = (values) => values.map((value) => value.toFixed(2)).join(' ')

for (const name of CASES) {
  const dir = join(work, name)
  const shards = writeCaseShards(name, dir)
  const ours = (cli, output) => [
    process.execPath,
    cli,
    'merge',
    '--root',
    ROOT,
    '--format',
    'lcov',
    '-o',
    join(dir, output),
    ...shards
  ]
  console.log(
    `\n## ${name}: ${ROUNDS} rounds of grcov, rev ${revision}, working tree (load ${load()})`
  )
  const ratios = Object.fromEntries(Object.keys(clis).map((label) => [label, []]))
  const paired = []
  for (let round = 0; round < ROUNDS; round++) {
    const grcov = timed([
      'grcov',
      ...shards,
      '--branch',
      '-t',
      'lcov',
      '-o',
      join(dir, 'grcov.info')
    ])
    // The two builds take turns going first, so that an effect of the order falls on both.
    const walls = Object.entries(clis).map(() => 0)
    const order = round % 2 === 0 ? [0, 1] : [1, 0]
    for (const index of order) {
      const [label, cli] = Object.entries(clis)[index]
      walls[index] = timed(ours(cli, `out${index}`)).wall
      ratios[label].push(walls[index] / grcov.wall)
    }
    paired.push(walls[1] / walls[0])
  }
  const [revOut, workOut] = [0, 1].map((index) =>
    readFileSync(join(dir, `out${index}`, 'lcov.info'))
  )
  if (!revOut.equals(workOut)) throw new Error(`${name}: the two builds wrote different lcov`)
  for (const [label, values] of Object.entries(ratios)) {
    const sorted = [...values].sort((a, b) => a - b)
    const met = sorted.filter((value) => value <= TARGET_RATIO).length
    console.log(
      `${label} / grcov per round: median ${median(sorted).toFixed(3)}, ${met} of ${ROUNDS} ≤ ${TARGET_RATIO} (${spread(sorted)})`
    )
  }
  const sortedPairs = paired.sort((a, b) => a - b)
  console.log(
    `working tree / rev ${revision} per round: median ${median(sortedPairs).toFixed(3)} (${spread(sortedPairs)})`
  )
  console.log(`outputs: identical lcov (${workOut.length} bytes); load after ${load()}`)
}
