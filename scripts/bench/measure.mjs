// Timing helpers of the benchmark: each tool runs as its own child process under
// /usr/bin/time, which reports its wall time and peak RSS.
import { spawnSync } from 'node:child_process'

/** Wall seconds, peak RSS (KiB) and CPU seconds (user + system) of one child, as GNU time reports them. */
export function timed(argv) {
  const result = spawnSync('/usr/bin/time', ['-f', 'BENCH %e %M %U %S', ...argv], {
    encoding: 'utf8'
  })
  const line = result.stderr.split('\n').find((text) => text.startsWith('BENCH '))
  if (result.status !== 0 || line === undefined) {
    throw new Error(`${argv.join(' ')} failed (${result.status}):\n${result.stderr.slice(-2000)}`)
  }
  const [, wall, rss, user, system] = line.split(' ')
  return { wall: Number(wall), rss: Number(rss), cpu: Number(user) + Number(system) }
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/**
 * Runs every tool `runs` times, interleaved so that a change in machine load hits all of them
 * alike; `slow` tools (lcov -a) run only in the first `slowRuns` rounds. Returns per tool the
 * median wall time and peak RSS and the runs.
 */
export function measure(tools, { runs, slow, slowRuns }) {
  const samples = Object.fromEntries(Object.keys(tools).map((name) => [name, []]))
  for (let run = 0; run < runs; run++) {
    for (const name of Object.keys(tools)) {
      if (!slow.includes(name) || run < slowRuns) samples[name].push(timed(tools[name]))
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([name, taken]) => [
      name,
      {
        wall: median(taken.map((r) => r.wall)),
        rss: median(taken.map((r) => r.rss)),
        cpu: median(taken.map((r) => r.cpu)),
        runs: taken
      }
    ])
  )
}

/** The target: ours in at most half grcov's wall time, in no more peak memory. */
export const TARGET_RATIO = 0.5

/** The results table, the ratios of `ours` to each peer and whether the target is met. */
export function report(results, peers) {
  const lines = [
    '| tool | median wall (s) | median CPU, user + sys (s) | median peak RSS (MiB) | runs (s) |',
    '|---|---:|---:|---:|---|'
  ]
  for (const [name, result] of Object.entries(results)) {
    const runs = result.runs.map((r) => r.wall.toFixed(2)).join(' ')
    const rss = (result.rss / 1024).toFixed(0)
    lines.push(
      `| ${name} | ${result.wall.toFixed(2)} | ${result.cpu.toFixed(2)} | ${rss} | ${runs} |`
    )
  }
  const ours = results.ours
  for (const peer of peers) {
    const ratio = ours.wall / results[peer].wall
    const rss = ours.rss / results[peer].rss
    lines.push(`ours / ${peer}: time ${ratio.toFixed(2)}, peak RSS ${rss.toFixed(2)}`)
  }
  // The machine's speed drifts over minutes; within one round the tools ran back to back, so
  // the ratio of each round's pair cancels most of that drift.
  const rounds = Math.min(ours.runs.length, results.grcov.runs.length)
  if (rounds > 1) {
    const paired = ours.runs
      .slice(0, rounds)
      .map((run, index) => run.wall / results.grcov.runs[index].wall)
      .sort((a, b) => a - b)
    const shown = paired.map((value) => value.toFixed(2)).join(' ')
    lines.push(
      `ours / grcov per round: median ${median(paired).toFixed(2)}, ${paired.filter((value) => value <= TARGET_RATIO).length} of ${rounds} rounds ≤ ${TARGET_RATIO} (${shown})`
    )
  }
  const met = ours.wall / results.grcov.wall <= TARGET_RATIO && ours.rss <= results.grcov.rss
  lines.push(
    `target (time ratio to grcov ≤ ${TARGET_RATIO}, peak RSS ≤ grcov's): ${met ? 'met' : 'NOT met'}`
  )
  return lines
}
