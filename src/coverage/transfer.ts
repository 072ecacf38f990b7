import {
  EMPTY_BRANCHES,
  type BranchTable,
  type CoverageReport,
  type FileCoverage,
  type FunctionRecord,
  type Language,
  type ReportFormat
} from './model.js'

/**
 * A report as a few flat arrays, so it can cross a thread boundary (postMessage) with its
 * tables transferred instead of copied object by object: per-file offsets into one array per
 * column. `unpackReport` gives views into those arrays back.
 */
export interface PackedReport {
  paths: string[]
  languages: Language[]
  outside: boolean[]
  branchSources: Array<ReportFormat | null>
  lineOffsets: Uint32Array
  lineNumbers: Uint32Array
  lineHits: Float64Array
  branchOffsets: Uint32Array
  branchLines: Uint32Array
  branchBlocks: Int32Array
  branchIds: Int32Array
  branchTaken: Float64Array
  branchLabels: Array<string | null> | null
  functionOffsets: Uint32Array
  functionNames: string[]
  functionStarts: Uint32Array
  functionEnds: Uint32Array
  functionHits: Float64Array
  /** The key, or null when it equals the name (most functions). */
  functionKeys: Array<string | null>
  contexts: Array<[file: number, line: number, names: string[]]>
  /** Per file: counts capped at 2^53 - 1; branch formats dropped in a merge (null: none). */
  saturated: boolean[]
  droppedBranchSources: Array<ReportFormat[] | null>
  sourceRoots: string[]
  notes: string[]
  tallies: Array<[key: string, count: number, examples: string[]]>
}

export function packReport(report: CoverageReport): {
  packed: PackedReport
  transfer: ArrayBuffer[]
} {
  const files = [...report.files.values()]
  const count = (select: (file: FileCoverage) => number) => {
    const offsets = new Uint32Array(files.length + 1)
    files.forEach((file, index) => (offsets[index + 1] = (offsets[index] as number) + select(file)))
    return offsets
  }
  const lineOffsets = count((file) => file.lineNumbers.length)
  const branchOffsets = count((file) => file.branches.lines.length)
  const functionOffsets = count((file) => file.functions.length)
  const lines = lineOffsets[files.length] as number
  const branches = branchOffsets[files.length] as number
  const functions = functionOffsets[files.length] as number
  const packed: PackedReport = {
    paths: files.map((file) => file.path),
    languages: files.map((file) => file.language),
    outside: files.map((file) => file.outsideWorkspace),
    branchSources: files.map((file) => file.branchSource ?? null),
    lineOffsets,
    lineNumbers: new Uint32Array(lines),
    lineHits: new Float64Array(lines),
    branchOffsets,
    branchLines: new Uint32Array(branches),
    branchBlocks: new Int32Array(branches),
    branchIds: new Int32Array(branches),
    branchTaken: new Float64Array(branches),
    branchLabels: files.some((file) => file.branches.labels !== undefined) ? [] : null,
    functionOffsets,
    functionNames: [],
    functionStarts: new Uint32Array(functions),
    functionEnds: new Uint32Array(functions),
    functionHits: new Float64Array(functions),
    functionKeys: [],
    contexts: [],
    ...packedNotes(report, files)
  }
  files.forEach((file, index) => packFile(packed, file, index))
  const transfer = [
    packed.lineNumbers,
    packed.lineHits,
    packed.branchLines,
    packed.branchBlocks,
    packed.branchIds,
    packed.branchTaken,
    packed.functionStarts,
    packed.functionEnds,
    packed.functionHits
  ].map((array) => array.buffer as ArrayBuffer)
  return { packed, transfer }
}

/** What notes are made of: the report's notes and tallies, and each file's flags. */
function packedNotes(report: CoverageReport, files: readonly FileCoverage[]) {
  return {
    saturated: files.map((file) => file.saturated === true),
    droppedBranchSources: files.map((file) =>
      file.droppedBranchSources ? [...file.droppedBranchSources] : null
    ),
    sourceRoots: [...report.sourceRoots],
    notes: [...report.notes],
    tallies: [...(report.tallies ?? [])].map(([key, tally]): [string, number, string[]] => [
      key,
      tally.count,
      [...tally.examples]
    ])
  }
}

function packFile(packed: PackedReport, file: FileCoverage, index: number): void {
  const lineAt = packed.lineOffsets[index] as number
  packed.lineNumbers.set(file.lineNumbers, lineAt)
  packed.lineHits.set(file.lineHits, lineAt)
  const branchAt = packed.branchOffsets[index] as number
  packed.branchLines.set(file.branches.lines, branchAt)
  packed.branchBlocks.set(file.branches.blocks, branchAt)
  packed.branchIds.set(file.branches.ids, branchAt)
  packed.branchTaken.set(file.branches.taken, branchAt)
  for (let outcome = 0; outcome < file.branches.lines.length; outcome++) {
    packed.branchLabels?.push(file.branches.labels?.[outcome] ?? null)
  }
  let functionAt = packed.functionOffsets[index] as number
  for (const record of file.functions) {
    packed.functionNames.push(record.name)
    packed.functionKeys.push(record.key === record.name ? null : record.key)
    packed.functionStarts[functionAt] = record.start
    packed.functionEnds[functionAt] = record.end ?? 0
    packed.functionHits[functionAt++] = record.hits
  }
  for (const [line, names] of file.contexts ?? []) packed.contexts.push([index, line, [...names]])
}

export function unpackReport(packed: PackedReport): CoverageReport {
  const files = new Map<string, FileCoverage>()
  const contexts = new Map<number, Map<number, string[]>>()
  for (const [file, line, names] of packed.contexts) {
    const table = contexts.get(file) ?? new Map<number, string[]>()
    table.set(line, names)
    contexts.set(file, table)
  }
  packed.paths.forEach((path, index) => {
    const lines = [
      packed.lineOffsets[index] as number,
      packed.lineOffsets[index + 1] as number
    ] as const
    const dropped = packed.droppedBranchSources[index]
    files.set(path, {
      path,
      language: packed.languages[index] as Language,
      outsideWorkspace: packed.outside[index] as boolean,
      lineNumbers: packed.lineNumbers.subarray(...lines),
      lineHits: packed.lineHits.subarray(...lines),
      branches: unpackBranches(packed, index),
      branchSource: packed.branchSources[index] ?? undefined,
      functions: unpackFunctions(packed, index),
      contexts: contexts.get(index),
      ...(dropped ? { droppedBranchSources: dropped } : {}),
      ...(packed.saturated[index] ? { saturated: true } : {})
    })
  })
  const tallies = new Map(
    packed.tallies.map(([key, count, examples]) => [key, { count, examples }] as const)
  )
  return { files, sourceRoots: packed.sourceRoots, notes: packed.notes, tallies }
}

function unpackFunctions(packed: PackedReport, index: number): FunctionRecord[] {
  const functions: FunctionRecord[] = []
  const last = packed.functionOffsets[index + 1] as number
  for (let at = packed.functionOffsets[index] as number; at < last; at++) {
    const name = packed.functionNames[at] as string
    const end = packed.functionEnds[at] as number
    functions.push({
      name,
      start: packed.functionStarts[at] as number,
      end: end === 0 ? undefined : end,
      hits: packed.functionHits[at] as number,
      key: packed.functionKeys[at] ?? name
    })
  }
  return functions
}

function unpackBranches(packed: PackedReport, index: number): BranchTable {
  const start = packed.branchOffsets[index] as number
  const end = packed.branchOffsets[index + 1] as number
  if (end === start) return EMPTY_BRANCHES
  return {
    lines: packed.branchLines.subarray(start, end),
    blocks: packed.branchBlocks.subarray(start, end),
    ids: packed.branchIds.subarray(start, end),
    labels: packed.branchLabels?.slice(start, end).map((label) => label ?? undefined),
    taken: packed.branchTaken.subarray(start, end)
  }
}
