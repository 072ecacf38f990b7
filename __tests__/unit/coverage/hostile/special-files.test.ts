/**
 * Hostile inputs, class 3: special files. A FIFO, a device, a directory, a /proc file or a
 * symlink to /dev/zero — as a report or as a source read for LCOV_EXCL markers — never hangs,
 * never reads without bound, and the message names the file.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CoverageError } from '../../../../src/coverage/errors.js'
import { reportNotes } from '../../../../src/coverage/notes.js'
import {
  mergeAndExclude,
  readReportGroup,
  type ReadSettings
} from '../../../../src/coverage/read-reports.js'
import { buildCli, type BuiltCli } from '../helpers/cli.js'
import { engineRefusal } from '../helpers/hostile.js'

let cli: BuiltCli
let dir = ''
beforeAll(async () => {
  cli = await buildCli()
  dir = cli.directory
}, 30_000)
afterAll(() => cli.remove())

const settings = (workspace: string, maxBytes = 1 << 20): ReadSettings => ({
  workspace,
  includeOutside: false,
  excludeGlobs: [],
  markerLanguages: ['rust'],
  maxBytes
})

function fifo(path: string): string {
  execFileSync('mkfifo', [path])
  return path
}

const read = (path: string) => readReportGroup([{ path, root: dir }], settings(dir))

describe('special files as reports (engine)', () => {
  it('refuses a FIFO, a directory, /dev/null and a symlink to /dev/zero, naming each', () => {
    const zero = join(dir, 'zero.info')
    symlinkSync('/dev/zero', zero)
    mkdirSync(join(dir, 'dir.info'))
    for (const path of [fifo(join(dir, 'pipe.info')), join(dir, 'dir.info'), '/dev/null', zero]) {
      expect(engineRefusal(() => read(path)).message).toContain(`${path}: is `)
    }
  })

  it.each(['/proc/self/mem', '/proc/self/pagemap'])(
    'refuses %s with a typed error that names it (it fails to read, it is no report)',
    (path) => {
      if (!existsSync(path)) return
      const error = engineRefusal(() => read(path))
      expect(error.file).toBe(path)
      expect(error.message.startsWith(`${path}:`)).toBe(true)
    }
  )
})

describe('special files as sources read for LCOV_EXCL markers (engine)', () => {
  it('never blocks on them, and a note names each one whose markers could not be read', () => {
    const root = join(dir, 'markers')
    mkdirSync(join(root, 'src'), { recursive: true })
    fifo(join(root, 'src', 'pipe.rs'))
    symlinkSync('/dev/zero', join(root, 'src', 'zero.rs'))
    mkdirSync(join(root, 'src', 'dir.rs'))
    writeFileSync(join(root, 'src', 'big.rs'), `// LCOV_EXCL_LINE\n${'x'.repeat(2048)}\n`)
    const names = ['pipe.rs', 'zero.rs', 'dir.rs', 'big.rs']
    const tracefile = join(dir, 'markers.info')
    writeFileSync(
      tracefile,
      names.map((name) => `SF:${root}/src/${name}\nDA:1,0\nend_of_record\n`).join('')
    )
    const small = settings(root, 1024)
    const report = mergeAndExclude(readReportGroup([{ path: tracefile, root }], small), small)
    expect(report.files.size).toBe(4)
    for (const name of names) {
      expect(reportNotes(report).some((note) => note.startsWith(`src/${name}: `))).toBe(true)
    }
  })
})

describe('special files given to the CLI (end to end, with a timeout)', () => {
  const merge = (...args: string[]) =>
    cli.run(['merge', '-o', join(dir, 'out'), '--root', dir, ...args], { timeoutMs: 15_000 })

  it.each(['1', '2'])('refuses a FIFO without a writer on --threads %s, at once', (threads) => {
    const path = fifo(join(dir, `cli-pipe-${threads}.info`))
    const good = join(dir, `good-${threads}.info`)
    writeFileSync(good, `SF:${dir}/a.rs\nDA:1,1\nend_of_record\n`)
    const result = merge('--threads', threads, good, path)
    expect(result.signal).toBeNull()
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`${path}: is a FIFO`)
  })

  it('refuses a symlink to /dev/zero among tracefiles split between two threads', () => {
    const zero = join(dir, 'cli-zero.info')
    symlinkSync('/dev/zero', zero)
    const good = join(dir, 'good-zero.info')
    writeFileSync(good, `SF:${dir}/a.rs\nDA:1,1\nend_of_record\n`)
    const result = merge('--threads', '2', good, zero)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`${zero}: is a device`)
  })

  it('names /proc/self/mem when reading it fails', () => {
    if (!existsSync('/proc/self/mem')) return
    const result = merge('/proc/self/mem')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^mixed-coverage: error: \/proc\/self\/mem: /m)
  })

  it('does not block on a FIFO where a Rust source should be, and names it in a note', () => {
    const root = join(dir, 'cli-markers')
    mkdirSync(root)
    fifo(join(root, 'lib.rs'))
    const tracefile = join(dir, 'cli-markers.info')
    writeFileSync(tracefile, `SF:${root}/lib.rs\nDA:1,1\nend_of_record\n`)
    const result = cli.run(['merge', '-o', join(dir, 'out-m'), '--root', root, tracefile], {
      timeoutMs: 15_000
    })
    expect(result.signal).toBeNull()
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/note: lib\.rs: .*FIFO/)
  })
})

describe('errors stay typed', () => {
  it('a missing report is a typed error naming it', () => {
    const path = join(dir, 'missing.info')
    const error = engineRefusal(() => read(path))
    expect(error).toBeInstanceOf(CoverageError)
    expect(error.message).toContain(path)
  })
})
