import { describe, expect, it } from '@jest/globals'
import { figuresOf } from '../../../src/publish/figures.js'
import {
  baselineOf,
  BaselineError,
  parseBaseline,
  serializeBaseline
} from '../../../src/review/baseline-file.js'
import { reportOf } from '../../fixtures/publish/model.js'

const SHA = '9b05d5807472b9ba31d9e0f8657a999f4a458bf8'

describe('the baseline file', () => {
  it('keeps line counts in total, per language and per file (not those outside the workspace)', () => {
    const figures = figuresOf(
      reportOf({
        'src/lib.rs': { lines: { 1: 1, 2: 0 } },
        'pkg/a.py': { lines: { 1: 3 } },
        '/usr/lib/x.py': { lines: { 1: 1 }, outsideWorkspace: true }
      })
    )
    const text = serializeBaseline(baselineOf(figures, SHA, 'refs/heads/main'))
    expect(JSON.parse(text)).toEqual({
      schema: 'mixed-coverage-baseline/1',
      commit: SHA,
      ref: 'refs/heads/main',
      lines: { total: [4, 3], rust: [2, 1], python: [2, 2], other: [0, 0] },
      files: { 'pkg/a.py': [1, 1], 'src/lib.rs': [2, 1] }
    })
    const read = parseBaseline(text, 'b.json')
    expect(read.total).toEqual({ found: 4, hit: 3 })
    expect([...read.files]).toEqual([
      ['pkg/a.py', { found: 1, hit: 1 }],
      ['src/lib.rs', { found: 2, hit: 1 }]
    ])
  })

  const valid = {
    schema: 'mixed-coverage-baseline/1',
    commit: SHA,
    ref: 'refs/heads/main',
    lines: { total: [1, 1], rust: [1, 1], python: [0, 0], other: [0, 0] },
    files: { 'a.rs': [1, 1] }
  }
  const refused = (change: object) => () =>
    parseBaseline(JSON.stringify({ ...valid, ...change }), 'b.json')

  it('refuses what is not a baseline of this action, naming why', () => {
    expect(() => parseBaseline('{', 'b.json')).toThrow(
      'b.json is not a baseline of this action: it is not JSON'
    )
    expect(refused({ schema: 'other/1' })).toThrow('its schema is not mixed-coverage-baseline/1')
    expect(refused({ commit: '--output=/etc/passwd' })).toThrow('its commit is not a commit id')
    expect(refused({ lines: { ...valid.lines, total: [1, 2] } })).toThrow(
      'lines.total is not two whole numbers with hit ≤ found'
    )
    expect(refused({ lines: { ...valid.lines, rust: [1.5, 1] } })).toThrow(BaselineError)
    expect(refused({ files: { 'a.rs': { found: 1, hit: 1 } } })).toThrow(
      'a file is not [found, hit]'
    )
    expect(refused({ files: { '': [1, 1] } })).toThrow('a file path is empty or too long')
    expect(refused({ files: [] })).toThrow('files is not an object')
  })

  it('keeps a path named __proto__ as a plain key', () => {
    const read = parseBaseline(
      JSON.stringify({ ...valid, files: JSON.parse('{"__proto__": [2, 1]}') }),
      'b.json'
    )
    expect(read.files.get('__proto__')).toEqual({ found: 2, hit: 1 })
    expect(({} as Record<string, unknown>).found).toBeUndefined()
  })
})
