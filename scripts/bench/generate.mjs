// Seeded generators for the benchmark's lcov shards. Two cases:
//   - same shape: every shard has the same files, instrumented lines, functions and branches;
//     only the counts differ (one build's tests split over several runners);
//   - differing shapes: shards of different builds (operating systems, feature sets). cfg'd
//     blocks give each shard its own line set, functions and branches per file; generic
//     functions have per-shard instantiations; some files are missing from some shards and a
//     few (platform modules) exist in one shard only. Every shard lists the files it has in
//     one common order, as a coverage tool does.
// A file shape is { path, lines, functions: [{ start, name }], branches: [{ line, outcomes }] }.
import { closeSync, openSync, writeSync } from 'node:fs'

/** Small, fast, seeded PRNG (mulberry32): the same seed always gives the same shard. */
export function seededRandom(seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A hit count: a quarter of lines missed, most small, a few in the millions. */
function hitCount(random) {
  const roll = random()
  if (roll < 0.25) return 0
  if (roll < 0.95) return 1 + Math.floor(random() * 40)
  return Math.floor(random() * 5_000_000)
}

/** Instrumented line numbers: mostly consecutive, with gaps of 1–3 lines. */
function nextLine(random, line) {
  return line + (random() < 0.7 ? 1 : 2 + Math.floor(random() * 3))
}

function filePath(index) {
  return `/bench/workspace/src/module_${String(index % 97).padStart(2, '0')}/file_${index}.rs`
}

/**
 * The shape shared by all shards of the same-shape case: per file, which lines are
 * instrumented, where functions start and which lines carry a two-way branch. Derived from
 * `shapeSeed` only.
 */
export function benchShape({ files, linesPerFile, shapeSeed }) {
  const random = seededRandom(shapeSeed)
  const shape = []
  for (let index = 0; index < files; index++) {
    const lines = []
    let line = 1
    while (lines.length < linesPerFile) {
      line = nextLine(random, line)
      lines.push(line)
    }
    shape.push({
      path: filePath(index),
      lines,
      functions: lines
        .filter((_, position) => position % 50 === 0)
        .map((start) => ({ start, name: `fn_${start}` })),
      branches: lines
        .filter((_, position) => position % 25 === 7)
        .map((branchLine) => ({ line: branchLine, outcomes: 2 }))
    })
  }
  return shape
}

/** A non-empty subset of `shards` shards as a bit mask, each shard in with probability ½. */
function someShards(random, shards) {
  for (;;) {
    let mask = 0
    for (let shard = 0; shard < shards; shard++) if (random() < 0.5) mask |= 1 << shard
    if (mask !== 0) return mask
  }
}

/**
 * One file of the differing-shapes case over all shards: every line, function and branch
 * carries the mask of the shards that have it. About a quarter of the lines lie in cfg'd
 * blocks of 3–20 lines that each shard has with probability ½; `linesPerFile` is scaled so a
 * shard has about `linesPerFile` lines, like the same-shape case.
 */
function differingFile(random, path, linesPerFile, fileMask, shards) {
  const lines = []
  const masks = []
  let line = 1
  while (lines.length < linesPerFile * 1.14) {
    const cfg = random() < 0.03
    const mask = cfg ? someShards(random, shards) & fileMask || fileMask : fileMask
    const length = cfg ? 3 + Math.floor(random() * 18) : 1
    for (let index = 0; index < length; index++) {
      line = nextLine(random, line)
      lines.push(line)
      masks.push(mask)
    }
  }
  const functions = []
  const branches = []
  lines.forEach((start, position) => {
    const mask = masks[position]
    if (position % 50 === 0) {
      functions.push({ start, name: `fn_${start}`, mask })
      // A generic function: each instantiation exists where its type argument is used.
      if (random() < 0.3) {
        for (const type of ['u32', 'String']) {
          const instances = someShards(random, shards) & mask
          if (instances !== 0)
            functions.push({ start, name: `fn_${start}::<${type}>`, mask: instances })
        }
      }
    }
    if (position % 25 === 7) {
      // A match that gains an arm under some features: 3 outcomes there, 2 elsewhere.
      const wider = random() < 0.15 ? someShards(random, shards) : 0
      branches.push({ line: start, mask, wider })
    }
  })
  return { path, lines, masks, functions, branches, mask: fileMask }
}

/** What shard `shard` sees of a differingFile. */
function projectFile(file, shard) {
  const bit = 1 << shard
  return {
    path: file.path,
    lines: file.lines.filter((_, position) => (file.masks[position] & bit) !== 0),
    functions: file.functions.filter((record) => (record.mask & bit) !== 0),
    branches: file.branches
      .filter((branch) => (branch.mask & bit) !== 0)
      .map((branch) => ({ line: branch.line, outcomes: (branch.wider & bit) !== 0 ? 3 : 2 }))
  }
}

/**
 * Per-shard shapes of the differing-shapes case: 4% of the files are missing from some shards,
 * and about 1% more exist in one shard only. Derived from `shapeSeed` only.
 */
export function differingShapes({ files, linesPerFile, shards, shapeSeed }) {
  const random = seededRandom(shapeSeed)
  const everyShard = (1 << shards) - 1
  const all = []
  for (let index = 0; index < files; index++) {
    const mask = random() < 0.04 ? someShards(random, shards) : everyShard
    all.push(differingFile(random, filePath(index), linesPerFile, mask, shards))
    if (random() < 0.01) {
      const platform = `/bench/workspace/src/platform/os_${index}.rs`
      const only = 1 << Math.floor(random() * shards)
      all.push(differingFile(random, platform, linesPerFile, only, shards))
    }
  }
  return Array.from({ length: shards }, (_, shard) =>
    all.filter((file) => (file.mask & (1 << shard)) !== 0).map((file) => projectFile(file, shard))
  )
}

/** Writes one lcov shard for `shape` with counts from `countSeed`; returns the byte size. */
export function writeLcovShard(path, shape, countSeed) {
  const random = seededRandom(countSeed)
  const fd = openSync(path, 'w')
  let size = 0
  let buffer = ''
  const flush = () => {
    size += writeSync(fd, buffer)
    buffer = ''
  }
  for (const file of shape) {
    buffer += `TN:\nSF:${file.path}\n`
    for (const record of file.functions) buffer += `FN:${record.start},${record.name}\n`
    let functionsHit = 0
    for (const record of file.functions) {
      const hits = random() < 0.3 ? 0 : hitCount(random)
      if (hits > 0) functionsHit++
      buffer += `FNDA:${hits},${record.name}\n`
    }
    buffer += `FNF:${file.functions.length}\nFNH:${functionsHit}\n`
    let branchesFound = 0
    let branchesHit = 0
    for (const { line, outcomes } of file.branches) {
      const reached = random() < 0.8
      for (let branch = 0; branch < outcomes; branch++) {
        const taken = reached ? hitCount(random) : '-'
        if (reached && taken > 0) branchesHit++
        buffer += `BRDA:${line},0,${branch},${taken}\n`
      }
      branchesFound += outcomes
    }
    buffer += `BRF:${branchesFound}\nBRH:${branchesHit}\n`
    let linesHit = 0
    for (const line of file.lines) {
      const hits = hitCount(random)
      if (hits > 0) linesHit++
      buffer += `DA:${line},${hits}\n`
    }
    buffer += `LF:${file.lines.length}\nLH:${linesHit}\nend_of_record\n`
    if (buffer.length > 1 << 20) flush()
  }
  flush()
  closeSync(fd)
  return size
}
