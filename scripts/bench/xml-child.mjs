// One measured child of `npm run bench:xml`, so that each reader's wall time and peak RSS are
// its own. Prints one JSON line on stdout.
//
//   node xml-child.mjs time   READER ENGINE FILE   parse FILE once, report parse time and totals
//   node xml-child.mjs agree  -      ENGINE FILE   every reader on FILE, differences to ours
//   node xml-child.mjs entity READER ENGINE FILE   what READER makes of one entity case
//
// READER is `ours` or a key of FXP_CONFIGS; ENGINE is the bundled src/coverage/index.ts.
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { basename } from 'node:path'
import { pathToFileURL } from 'node:url'
import { differences, FXP_CONFIGS, readFxp, readOurs, totals } from './xml-readers.mjs'

const [mode, reader, enginePath, file] = process.argv.slice(2)
const engine = await import(pathToFileURL(enginePath).href)
const needsFxp = mode === 'agree' || reader !== 'ours'
const { XMLParser } = needsFxp ? await import('fast-xml-parser') : {}

function read(name, bytes) {
  if (name === 'ours') return readOurs(engine, bytes, basename(file))
  const config = FXP_CONFIGS[name]
  if (config === undefined) throw new Error(`unknown reader ${name}`)
  return readFxp(XMLParser, config.options, bytes)
}

const print = (value) => process.stdout.write(`${JSON.stringify(value)}\n`)

if (mode === 'time') {
  const started = performance.now()
  const table = read(reader, readFileSync(file))
  const seconds = (performance.now() - started) / 1000
  print({ seconds, objectSeconds: table.objectSeconds, totals: totals(table) })
} else if (mode === 'agree') {
  const bytes = readFileSync(file)
  const ours = read('ours', bytes)
  const result = { ours: totals(ours), peers: {} }
  for (const name of Object.keys(FXP_CONFIGS)) {
    const theirs = read(name, bytes)
    result.peers[name] = { totals: totals(theirs), differences: differences(ours, theirs) }
  }
  print(result)
} else if (mode === 'entity') {
  const started = performance.now()
  try {
    const table = read(reader, readFileSync(file))
    const [path] = table.files.keys()
    print({ ok: true, filename: path, source: table.sources[0], ms: performance.now() - started })
  } catch (error) {
    const message = String(error?.message ?? error).split('\n')[0]
    print({ ok: false, error: message, ms: performance.now() - started })
  }
} else {
  throw new Error(`unknown mode ${mode}`)
}
