import { describe, expect, it } from '@jest/globals'
import { orderCandidates, type BaseRun } from '../../../src/review/runs.js'

const sha = (ch: string) => ch.repeat(40)
const run = (id: number, head: string, minute: number): BaseRun => ({
  id,
  headSha: sha(head),
  createdAt: `2026-01-01T10:${String(minute).padStart(2, '0')}:00Z`
})
const RUNS = [run(1, 'a', 1), run(2, 'b', 2), run(3, 'c', 3), run(4, 'c', 4), run(5, 'd', 5)]

describe('which base-branch runs stand for the merge base', () => {
  it("tries the merge base's own runs first, newest first", () => {
    const order = orderCandidates(RUNS, {
      sha: sha('c'),
      source: 'git',
      firstParents: [sha('c'), sha('b'), sha('a')]
    })
    expect(order.map((c) => [c.run.id, c.basis, c.commitsBefore])).toEqual([
      [4, 'merge-base', undefined],
      [3, 'merge-base', undefined],
      [2, 'first-parent', 1],
      [1, 'first-parent', 2]
    ])
  })

  it('never takes a run of a newer commit (d), nor one off the first-parent history', () => {
    const order = orderCandidates(RUNS, {
      sha: sha('e'),
      source: 'git',
      firstParents: [sha('e'), sha('a')]
    })
    expect(order.map((c) => [c.run.id, c.basis, c.commitsBefore])).toEqual([[1, 'first-parent', 1]])
  })

  it('without history, takes the runs created before the merge base was committed, newest first', () => {
    const order = orderCandidates(RUNS, {
      sha: sha('e'),
      source: 'api',
      date: '2026-01-01T10:03:30Z'
    })
    expect(order.map((c) => [c.run.id, c.basis])).toEqual([
      [3, 'older-run'],
      [2, 'older-run'],
      [1, 'older-run']
    ])
  })
})
