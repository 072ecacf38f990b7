// The merge benchmarks' two cases (npm run bench, npm run bench:compare): four seeded lcov
// shards of 4,000 files × ~500 lines under one root, of one shape or of differing shapes.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { benchShape, differingShapes, writeLcovShard } from './generate.mjs'

/** The workspace root the generated shards' paths lie under (`--root` for ours). */
export const BENCH_ROOT = '/bench/workspace'

const SIZE = { files: 4000, linesPerFile: 500 }

export const BENCH_CASES = {
  same: {
    title: 'same shape (same files, lines, functions and branches; different counts)',
    shapes: () => {
      const shape = benchShape({ ...SIZE, shapeSeed: 1 })
      return [shape, shape, shape, shape]
    },
    countSeed: 100
  },
  differing: {
    title: 'differing shapes (per-shard lines, functions, branches and files; different counts)',
    shapes: () => differingShapes({ ...SIZE, shards: 4, shapeSeed: 2 }),
    countSeed: 200
  }
}

/** Writes the shards of case `name` into `dir` (created); returns their paths. */
export function writeCaseShards(name, dir) {
  const benchCase = BENCH_CASES[name]
  if (benchCase === undefined) throw new Error(`BENCH_CASES: unknown case ${name}`)
  mkdirSync(dir)
  return benchCase.shapes().map((shape, index) => {
    const path = join(dir, `shard${index}.info`)
    writeLcovShard(path, shape, benchCase.countSeed + index)
    return path
  })
}
