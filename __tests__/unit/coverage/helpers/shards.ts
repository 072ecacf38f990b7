/**
 * Seeded lcov shards for merge tests: one project's shape, shards that each see part of it —
 * files missing from some shards, lines missing from some records, a file split over two
 * records, branches never evaluated (`-`), functions never called, large counts.
 */

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let mixed = state
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1)
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61)
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296
  }
}

interface FileShape {
  path: string
  lines: number[]
  functions: Array<{ name: string; start: number }>
  branchLines: number[]
}

function projectShape(random: () => number, files: number): FileShape[] {
  const shape: FileShape[] = []
  for (let index = 0; index < files; index++) {
    const lines: number[] = []
    let line = 0
    const count = 5 + Math.floor(random() * 60)
    while (lines.length < count) {
      line += 1 + Math.floor(random() * 3)
      lines.push(line)
    }
    const functions = lines
      .filter((_, position) => position % 9 === 0)
      .map((start) => ({ name: `_RNvCs0_4demo${index}f${start}`, start }))
    const branchLines = lines.filter((_, position) => position % 7 === 3)
    const extension = index % 3 === 0 ? 'py' : 'rs'
    shape.push({
      path: `/ws/pkg${index % 4}/mod_${index}.${extension}`,
      lines,
      functions,
      branchLines
    })
  }
  return shape
}

function count(random: () => number): number {
  const roll = random()
  if (roll < 0.3) return 0
  if (roll < 0.95) return 1 + Math.floor(random() * 50)
  return Math.floor(random() * 1e11)
}

function record(random: () => number, file: FileShape, lines: number[]): string {
  let text = `SF:${file.path}\n`
  for (const fn of file.functions) text += `FN:${fn.start},${fn.name}\n`
  for (const fn of file.functions) if (random() < 0.9) text += `FNDA:${count(random)},${fn.name}\n`
  for (const line of file.branchLines) {
    if (!lines.includes(line)) continue
    const reached = random() < 0.7
    for (let branch = 0; branch < 2; branch++) {
      text += `BRDA:${line},0,${branch},${reached ? count(random) : '-'}\n`
    }
  }
  for (const line of lines) text += `DA:${line},${count(random)}\n`
  return `${text}end_of_record\n`
}

/** `shards` tracefiles of one seeded project. */
export function generateShards(seed: number, shards: number, files = 25): string[] {
  const random = seededRandom(seed)
  const shape = projectShape(random, files)
  const result: string[] = []
  for (let shard = 0; shard < shards; shard++) {
    let text = `TN:shard_${shard}\n`
    for (const file of shape) {
      if (random() < 0.2) continue
      const lines = file.lines.filter(() => random() < 0.9)
      if (lines.length === 0) lines.push(file.lines[0] as number)
      if (random() < 0.15 && lines.length > 2) {
        const cut = Math.floor(lines.length / 2)
        text += record(random, file, lines.slice(cut)) + record(random, file, lines.slice(0, cut))
      } else text += record(random, file, lines)
    }
    result.push(text)
  }
  return result
}
