import { describe, expect, it } from '@jest/globals'
import { FunctionTable } from '../../../src/coverage/function-table.js'
import { seededRandom } from './helpers/shards.js'

function tableOf(records: Array<{ name: string; start: number }>): FunctionTable {
  const table = new FunctionTable()
  for (const record of records) table.add(record.name, record.start, undefined, 1, record.name)
  return table
}

const byStartThenName = (a: { name: string; start: number }, b: { name: string; start: number }) =>
  a.start - b.start || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

describe('FunctionTable.list', () => {
  it('orders by start line, then name, however the records came', () => {
    const random = seededRandom(5)
    for (const size of [0, 1, 2, 7, 40, 300]) {
      const records = Array.from({ length: size }, (_, index) => ({
        name: `f${Math.floor(random() * 1000)}_${index}`,
        start: 1 + Math.floor(random() * size)
      }))
      const sorted = [...records].sort(byStartThenName)
      // Sorted but for some neighbours swapped (instantiations listed in another order).
      const nearly = [...sorted]
      for (let index = 1; index < size; index += 5) {
        ;[nearly[index - 1], nearly[index]] = [nearly[index]!, nearly[index - 1]!]
      }
      for (const order of [records, sorted, [...sorted].reverse(), nearly]) {
        const listed = tableOf(order).list()
        expect(listed.map((record) => record.name)).toEqual(sorted.map((record) => record.name))
      }
    }
  })

  it('returns a copy: adding later leaves an earlier list alone', () => {
    const table = tableOf([{ name: 'b', start: 2 }])
    const first = table.list()
    table.add('a', 1, undefined, 1, 'a')
    expect(first.map((record) => record.name)).toEqual(['b'])
    expect(table.list().map((record) => record.name)).toEqual(['a', 'b'])
  })
})

describe('FunctionTable.add', () => {
  it('finds a function by name at every size, across the switch from scanning to a map', () => {
    const table = new FunctionTable()
    const names = Array.from({ length: 100 }, (_, index) => `f${(index * 37) % 100}`)
    names.forEach((name, index) => {
      expect(table.add(name, index + 1, undefined, 1, name)).toBe(true)
      // Every name added so far is found again (hits add up), none is added twice.
      for (const seen of names.slice(0, index + 1)) {
        expect(table.add(seen, 1000, undefined, 1, seen)).toBe(false)
      }
      expect(table.size).toBe(index + 1)
    })
    const listed = table.list()
    expect(listed.map((record) => record.hits)).toEqual(
      listed.map((record) => 1 + (100 - names.indexOf(record.name)))
    )
  })
})
