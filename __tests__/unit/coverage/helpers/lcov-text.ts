/**
 * An independent, deliberately naive reading of lcov text for the tests: split into lines,
 * split on commas. It gives (a) the totals a producer states (LF/LH, BRF/BRH, FNF/FNH summed
 * over records) and (b) a recount from the raw records, to check the engine against both.
 */
export interface Totals3 {
  lines: { found: number; hit: number }
  branches: { found: number; hit: number }
  functions: { found: number; hit: number }
}

export function statedLcovTotals(text: string): Totals3 {
  const totals = zero()
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '')
    const [tag, value] = line.split(':')
    const number = Number(value)
    if (tag === 'LF') totals.lines.found += number
    if (tag === 'LH') totals.lines.hit += number
    if (tag === 'BRF') totals.branches.found += number
    if (tag === 'BRH') totals.branches.hit += number
    if (tag === 'FNF') totals.functions.found += number
    if (tag === 'FNH') totals.functions.hit += number
  }
  return totals
}

/** Lines and branches recounted from DA/BRDA records, summed per source file like lcov -a. */
export function recountLcov(text: string): Omit<Totals3, 'functions'> {
  const lines = new Map<string, Map<number, number>>()
  const branches = new Map<string, Map<string, number>>()
  let file = ''
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '')
    if (line.startsWith('SF:')) file = line.slice(3)
    if (line.startsWith('DA:')) {
      const [number, hits] = line.slice(3).split(',')
      const table = lines.get(file) ?? new Map<number, number>()
      table.set(Number(number), (table.get(Number(number)) ?? 0) + Number(hits))
      lines.set(file, table)
    }
    if (line.startsWith('BRDA:')) {
      const fields = line.slice(5).split(',')
      const taken = fields[fields.length - 1] as string
      const key = fields.slice(0, -1).join(',')
      const table = branches.get(file) ?? new Map<string, number>()
      const before = table.get(key)
      const value = taken === '-' ? -1 : Number(taken)
      table.set(
        key,
        before === undefined || before === -1 ? value : value === -1 ? before : before + value
      )
      branches.set(file, table)
    }
  }
  const count = (tables: Map<string, Map<unknown, number>>) => {
    let found = 0
    let hit = 0
    for (const table of tables.values()) {
      for (const value of table.values()) {
        found++
        if (value > 0) hit++
      }
    }
    return { found, hit }
  }
  return { lines: count(lines), branches: count(branches) }
}

function zero(): Totals3 {
  return {
    lines: { found: 0, hit: 0 },
    branches: { found: 0, hit: 0 },
    functions: { found: 0, hit: 0 }
  }
}
