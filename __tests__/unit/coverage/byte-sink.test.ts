import { describe, expect, it } from '@jest/globals'
import { ByteSink, chunksToString } from '../../../src/coverage/byte-sink.js'
import { seededRandom } from './helpers/shards.js'

/** Every digit count's edges, the int32 edge and the largest exact count. */
const EDGES = [
  0,
  1,
  9,
  10,
  11,
  99,
  100,
  101,
  999,
  1000,
  1001,
  9999,
  10000,
  10001,
  99999,
  100000,
  999999,
  1000000,
  9999999,
  10000000,
  99999999,
  100000000,
  999999999,
  1000000000,
  2147483647,
  2147483648,
  4294967295,
  4294967296,
  Number.MAX_SAFE_INTEGER
]

function written(fill: (sink: ByteSink) => void): string {
  const sink = new ByteSink()
  fill(sink)
  return chunksToString(sink.finish())
}

describe('ByteSink integers', () => {
  it('writes each digit-count edge as String() does', () => {
    const text = written((sink) => {
      for (const value of EDGES) {
        sink.integer(value)
        sink.byte(10)
      }
    })
    expect(text).toBe(EDGES.map((value) => `${value}\n`).join(''))
  })

  it('writes DA pairs as String() does, across chunk boundaries', () => {
    const random = seededRandom(11)
    // About 2 MB of records: the loop rotates its buffer at least twice.
    const count = 200_000
    const lines = new Uint32Array(count)
    const hits = new Float64Array(count)
    for (let index = 0; index < count; index++) {
      lines[index] = EDGES[index % 22]! + Math.floor(random() * 3)
      hits[index] = index % 7 === 0 ? EDGES[index % EDGES.length]! : Math.floor(random() * 20_000)
    }
    const text = written((sink) => sink.pairs('DA:', lines, hits))
    let expected = ''
    for (let index = 0; index < count; index++) expected += `DA:${lines[index]},${hits[index]}\n`
    expect(text).toBe(expected)
  })
})
