// Compares the three merged outputs file by file, line by line. lcov -a keeps exact counts
// for everything, so ours must equal it exactly. grcov keeps exact line counts, but reduces a
// function's count to executed-or-not (FNDA 0/1) and a branch outcome to evaluated-or-not
// (it writes 1 for every outcome that is not `-`, even a 0-count one), so for grcov only
// those are compared.
import { readFileSync } from 'node:fs'

function tables(engine, path, root) {
  const report = engine.normalizePaths(engine.parseLcov(readFileSync(path), path), {
    root,
    includeOutside: true
  })
  const files = new Map()
  for (const file of report.files.values()) {
    files.set(file.path, {
      lines: [...engine.fileLines(file)].map(([line, hits]) => `${line}=${hits}`),
      branches: [...engine.fileBranches(file)].map((b) => ({
        id: `${b.line}.${b.block}.${b.id}`,
        taken: b.taken
      })),
      functions: new Map(file.functions.map((f) => [f.name, f.hits]))
    })
  }
  return { files, totals: engine.summarize(report).totals }
}

function differences(ours, theirs, compareBranch, compareFunction) {
  const found = []
  const paths = new Set([...ours.files.keys(), ...theirs.files.keys()])
  for (const path of paths) {
    const a = ours.files.get(path)
    const b = theirs.files.get(path)
    if (a === undefined || b === undefined) {
      found.push(`${path}: only in ${a === undefined ? 'theirs' : 'ours'}`)
      continue
    }
    if (a.lines.join() !== b.lines.join()) found.push(`${path}: lines differ`)
    const branchesA = a.branches.map((x) => `${x.id}=${compareBranch(x.taken)}`).join()
    const branchesB = b.branches.map((x) => `${x.id}=${compareBranch(x.taken)}`).join()
    if (branchesA !== branchesB) found.push(`${path}: branches differ`)
    const names = new Set([...a.functions.keys(), ...b.functions.keys()])
    for (const name of names) {
      if (compareFunction(a.functions.get(name)) !== compareFunction(b.functions.get(name))) {
        found.push(`${path}: function ${name} differs`)
      }
    }
  }
  return found
}

export function compareOutputs(engine, outputs, root) {
  const ours = tables(engine, outputs.ours, root)
  const report = []
  const exact = (value) => (value === undefined ? '-' : value)
  const lcov = tables(engine, outputs.lcov, root)
  const lcovDiffs = differences(ours, lcov, exact, exact)
  report.push(
    `vs lcov -a: ${lcov.files.size} files; lines, branches (counts and -) and function counts: ` +
      (lcovDiffs.length === 0
        ? 'identical'
        : `${lcovDiffs.length} differences, e.g. ${lcovDiffs.slice(0, 3).join('; ')}`)
  )
  const grcov = tables(engine, outputs.grcov, root)
  const evaluated = (value) => (value === undefined ? 'not evaluated' : 'evaluated')
  const executed = (value) =>
    value === undefined ? 'absent' : value > 0 ? 'executed' : 'not executed'
  const grcovDiffs = differences(ours, grcov, evaluated, executed)
  report.push(
    `vs grcov: ${grcov.files.size} files; line counts, branch outcomes evaluated or not, ` +
      'functions executed or not: ' +
      (grcovDiffs.length === 0
        ? 'identical'
        : `${grcovDiffs.length} differences, e.g. ${grcovDiffs.slice(0, 3).join('; ')}`)
  )
  const show = (totals) =>
    ['lines', 'branches', 'functions']
      .map((kind) => `${kind} ${totals[kind].hit}/${totals[kind].found}`)
      .join(', ')
  report.push(`totals ours:  ${show(ours.totals)}`)
  report.push(`totals lcov:  ${show(lcov.totals)}`)
  report.push(
    `totals grcov: ${show(grcov.totals)} (grcov counts every evaluated branch outcome as hit)`
  )
  return report
}
