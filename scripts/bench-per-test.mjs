// What per-test: true costs: wall time of the bundled action on examples/pyo3-demo, run as a
// runner runs it, without and with per-test coverage, alternating, same machine, same warm
// dependency build (both modes rebuild the example's own crates: the action cleans them).
// Prints the median of each mode, the ratio to the plain run, the phases that differ, and how
// many tests tests.json holds. A script, never a test: tests do not assert on time.
// With --many N, on a copy of the example with N more tests (tests/test_many.py): each calls the
// extension's checksum on one of --lengths L inputs (L distinct counter sets to map to lines).
// Usage: node scripts/bench-per-test.mjs [rounds] [--many N [--lengths L]]
//   (needs scripts/setup.sh; npm run build first)
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { REPO_ROOT, runAction } from './runner.mjs'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { many: { type: 'string' }, lengths: { type: 'string' } }
})
const rounds = Number(positionals[0] ?? 5)
const many = Number(values.many ?? 0)
const lengths = Number(values.lengths ?? 10)
const venv = join(REPO_ROOT, '.tmp', 'venv')
const env = {
  VIRTUAL_ENV: venv,
  PATH: [join(venv, 'bin'), process.env.PATH].join(delimiter),
  CARGO_TARGET_DIR: join(REPO_ROOT, '.tmp', 'cargo-target'),
  RUNNER_TOOL_CACHE: join(REPO_ROOT, '.tmp', 'tool-cache')
}

function hasNextest() {
  try {
    execFileSync('cargo', ['nextest', '--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** A copy of the example (its tracked files) with `count` more tests, in a new directory. */
function exampleWithMoreTests(count) {
  const dir = mkdtempSync(join(tmpdir(), 'mc-bench-per-test-'))
  const example = 'examples/pyo3-demo'
  const tracked = execFileSync('git', ['ls-files', '-z', '--', example], { cwd: REPO_ROOT })
  for (const path of tracked.toString().split('\0').filter(Boolean)) {
    const target = join(dir, path.slice(example.length + 1))
    mkdirSync(dirname(target), { recursive: true })
    copyFileSync(join(REPO_ROOT, path), target)
  }
  writeFileSync(
    join(dir, 'tests', 'test_many.py'),
    `import pytest\nimport pyo3_demo\n\n\n@pytest.mark.parametrize("n", range(${count}))\ndef test_many(n):\n    assert pyo3_demo.checksum(b"x" * (n % ${lengths})) >= 0\n`
  )
  execFileSync('git', ['init', '-q'], { cwd: dir })
  return dir
}

const workspace = many ? exampleWithMoreTests(many) : REPO_ROOT
const base = {
  'working-directory': many ? '.' : 'examples/pyo3-demo',
  'upload-artifact': 'false'
}
const modes = {
  plain: base,
  'per-test': { ...base, 'per-test': 'true' },
  ...(hasNextest()
    ? {
        'per-test, nextest': {
          ...base,
          'per-test': 'true',
          'rust-test-command': 'cargo nextest run --workspace'
        }
      }
    : {})
}

/** Phase name → milliseconds, from the action's log. */
function phases(stdout) {
  const found = {}
  for (const match of stdout.matchAll(/^(.+): done in (\d+(?:\.\d+)?) (ms|s)$/gm)) {
    found[match[1]] = Number(match[2]) * (match[3] === 's' ? 1000 : 1)
  }
  return found
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

const times = Object.fromEntries(Object.keys(modes).map((mode) => [mode, []]))
const phaseTimes = Object.fromEntries(Object.keys(modes).map((mode) => [mode, []]))
const tests = {}
// One run of each mode first, not counted: the first build after a switch of mode.
for (let round = -1; round < rounds; round++) {
  for (const [mode, inputs] of Object.entries(modes)) {
    const result = await runAction({ inputs, env, workspace })
    if (result.exitCode !== 0)
      throw new Error(`${mode}: exit ${result.exitCode}\n${result.stdout.slice(-4000)}`)
    if (round < 0) continue
    times[mode].push(result.durationMs)
    phaseTimes[mode].push(phases(result.stdout))
    if (inputs['per-test']) {
      const document = JSON.parse(readFileSync(join(workspace, 'coverage', 'tests.json'), 'utf8'))
      tests[mode] = document.tests.map((test) => `${test.kind} ${test.id}`)
    }
    process.stdout.write(`${mode} ${(result.durationMs / 1000).toFixed(1)} s  `)
  }
  if (round >= 0) process.stdout.write('\n')
}

const plain = median(times.plain)
console.log(
  `\n${rounds} rounds, ${availableParallelism()} cores (load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}); median wall time of the step:`
)
for (const mode of Object.keys(modes)) {
  const ms = median(times[mode])
  console.log(`  ${mode.padEnd(18)} ${(ms / 1000).toFixed(2)} s  ×${(ms / plain).toFixed(2)}`)
}
const phaseNames = [
  ...new Set(Object.values(phaseTimes).flatMap((runs) => runs.flatMap(Object.keys)))
]
console.log('\nmedian per phase (ms):')
console.log(
  `  ${'phase'.padEnd(52)}${Object.keys(modes)
    .map((mode) => mode.padStart(20))
    .join('')}`
)
for (const name of phaseNames) {
  const cells = Object.keys(modes).map((mode) => {
    const values = phaseTimes[mode].map((run) => run[name]).filter((v) => v !== undefined)
    return (values.length ? String(Math.round(median(values))) : '—').padStart(20)
  })
  console.log(`  ${name.slice(0, 50).padEnd(52)}${cells.join('')}`)
}
for (const [mode, list] of Object.entries(tests)) {
  const shown = list.length > 12 ? [...list.slice(0, 10), `… ${list.length - 10} more`] : list
  console.log(`\n${mode}: ${list.length} tests in tests.json\n  ${shown.join('\n  ')}`)
}
