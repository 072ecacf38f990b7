/**
 * Hostile inputs, class 5: all or nothing. The three outputs are replaced as one set: when any
 * of them cannot be written, the previous set stays as it was, no temporary file is left, and
 * the error names the file that failed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { renameSync } from 'node:fs'
import { writeReportsAtomically } from '../../../../src/coverage/atomic-write.js'
import { OutputSet } from '../../../../src/coverage/output-set.js'
import { parseLcov } from '../../../../src/coverage/lcov-reader.js'
import { buildCli, type BuiltCli } from '../helpers/cli.js'
import { generateShards } from '../helpers/shards.js'

let cli: BuiltCli
beforeAll(async () => (cli = await buildCli()), 30_000)
afterAll(() => cli.remove())

const OLD = {
  'lcov.info': 'TN:old\nSF:/old.rs\nDA:1,1\nend_of_record\n',
  'cobertura.xml': '<coverage old="1"/>\n',
  'coverage-summary.json': '{"old": true}\n'
}
type OutputName = keyof typeof OLD

let out = ''
let count = 0
beforeEach(() => {
  out = join(cli.directory, `out-${count++}`)
  mkdirSync(out)
})

/** The previous set, with `blocked` replaced by a directory so that it cannot be written. */
function previousSet(blocked: OutputName): void {
  for (const [name, text] of Object.entries(OLD)) {
    if (name === blocked) mkdirSync(join(out, name, 'keep'), { recursive: true })
    else writeFileSync(join(out, name), text)
  }
}

function expectPreviousSetKept(blocked: OutputName): void {
  expect(readdirSync(out).sort()).toEqual(Object.keys(OLD).sort())
  for (const [name, text] of Object.entries(OLD)) {
    if (name !== blocked) expect(readFileSync(join(out, name), 'utf8')).toBe(text)
  }
}

const report = () =>
  parseLcov(Buffer.from('SF:/w/a.rs\nDA:1,1\nDA:2,0\nend_of_record\n'), 'new.info')

describe('writeReportsAtomically', () => {
  it.each(['lcov.info', 'cobertura.xml', 'coverage-summary.json'] as OutputName[])(
    'keeps the previous set when %s cannot be written, and names it',
    async (blocked) => {
      previousSet(blocked)
      await expect(writeReportsAtomically(out, report(), { root: '/w' })).rejects.toThrow(
        join(out, blocked)
      )
      expectPreviousSetKept(blocked)
    }
  )

  it('writes a complete new set when nothing is in the way (no temporaries left)', async () => {
    previousSet('cobertura.xml')
    rmSync(join(out, 'cobertura.xml'), { recursive: true })
    await writeReportsAtomically(out, report(), { root: '/w' })
    expect(readdirSync(out).sort()).toEqual(Object.keys(OLD).sort())
    expect(readFileSync(join(out, 'lcov.info'), 'utf8')).toContain('SF:/w/a.rs')
  })
})

describe('OutputSet', () => {
  /** A rename that fails on its `failing`-th call, as a full disk or a lost mount would. */
  const failingRename = (failing: number) => {
    let calls = 0
    return (from: string, to: string) => {
      if (++calls === failing)
        throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' })
      renameSync(from, to)
    }
  }
  const formats = ['lcov', 'cobertura', 'summaryJson'] as const

  it('puts the files already renamed back when a later rename fails', () => {
    for (const [name, text] of Object.entries(OLD)) writeFileSync(join(out, name), text)
    const set = new OutputSet(out, formats, { rename: failingRename(3) })
    for (const format of formats) set.write(format, [`new ${format}\n`])
    expect(() => set.commit()).toThrow(`${join(out, 'coverage-summary.json')}: cannot be written`)
    expect(readdirSync(out).sort()).toEqual(Object.keys(OLD).sort())
    for (const [name, text] of Object.entries(OLD)) {
      expect(readFileSync(join(out, name), 'utf8')).toBe(text)
    }
  })

  it('removes the new files when there was no previous set', () => {
    const set = new OutputSet(out, formats, { rename: failingRename(2) })
    for (const format of formats) set.write(format, [`new ${format}\n`])
    expect(() => set.commit()).toThrow(join(out, 'cobertura.xml'))
    expect(readdirSync(out)).toEqual([])
  })
})

describe('node dist/cli.js merge', () => {
  const tracefile = () => {
    const path = join(cli.directory, `in-${count}.info`)
    writeFileSync(path, generateShards(7, 1, 40)[0] as string)
    return path
  }

  it.each([
    ['1', 'cobertura.xml'],
    ['2', 'cobertura.xml'],
    ['2', 'coverage-summary.json']
  ] as Array<[string, OutputName]>)(
    'on --threads %s keeps the previous set when %s is in the way, exit 1 naming it',
    (threads, blocked) => {
      previousSet(blocked)
      const result = cli.run([
        'merge',
        '-o',
        out,
        '--root',
        '/ws',
        '--threads',
        threads,
        tracefile()
      ])
      expect(result.code).toBe(1)
      expect(result.stderr).toContain(join(out, blocked))
      expectPreviousSetKept(blocked)
    }
  )
})
