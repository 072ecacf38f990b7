import { describe, expect, it } from '@jest/globals'
import { commentMarker } from '../../../src/review/marker.js'
import {
  neutralizeMentions,
  parsePendingComment,
  refusalFor,
  serializePendingComment,
  triggeringRunOf,
  type PendingComment,
  type TriggeringRun
} from '../../../src/review/pending-comment.js'

const HEAD = 'c'.repeat(40)
const MARKER = commentMarker('coverage', 'mixed-coverage-coverage-0')
const comment: PendingComment = {
  repository: 'octo-org/octo-repo',
  pullRequest: 8,
  headSha: HEAD,
  marker: MARKER,
  body: `${MARKER}\n\n## Coverage\n`
}
const run: TriggeringRun = {
  id: 3003,
  headSha: HEAD,
  event: 'pull_request',
  pullRequests: [],
  repository: 'octo-org/octo-repo',
  headRepository: 'fork-owner/octo-repo'
}
const parse = (change: Partial<PendingComment> & Record<string, unknown>) => () =>
  parsePendingComment(
    serializePendingComment({ ...comment, ...change } as PendingComment),
    'c.json'
  )

describe('a pending comment read by the comment workflow', () => {
  it('reads back what the run wrote', () => {
    expect(parsePendingComment(serializePendingComment(comment), 'c.json')).toEqual(comment)
  })

  it('refuses a body over 65,536 characters, without its marker first, or with a second marker', () => {
    expect(parse({ body: `${MARKER}\n${'x'.repeat(70_000)}` })).toThrow(
      "c.json is refused: its body has 70080 characters, over GitHub's 65536"
    )
    expect(parse({ body: `hello\n${MARKER}\n` })).toThrow('its body does not start with its marker')
    expect(parse({ body: `${MARKER}\n${commentMarker('other', 'x')}\n` })).toThrow(
      'its body carries more than one marker'
    )
    expect(parse({ marker: '<!-- x --> @everyone', body: '<!-- x --> @everyone\n' })).toThrow(
      'its marker is not one this action writes'
    )
    expect(parse({ pullRequest: -1 })).toThrow(
      'its pull request number is not a positive whole number'
    )
    expect(parse({ headSha: 'HEAD' })).toThrow('its commit is not a commit id')
    expect(() => parsePendingComment('[]', 'c.json')).toThrow('c.json is refused: not an object')
    expect(() => parsePendingComment('x'.repeat(2 * 1024 * 1024), 'c.json')).toThrow(
      'larger than 1 MiB'
    )
  })

  it('makes @-mentions inert', () => {
    expect(neutralizeMentions('ping @octo-org/security and @alice')).toBe(
      'ping &#64;octo-org/security and &#64;alice'
    )
  })
})

describe('checking a pending comment against the triggering run', () => {
  const here = 'octo-org/octo-repo'

  it("posts a fork's comment only on a pull request whose head is the run's commit, from the run's repository", () => {
    expect(
      refusalFor(comment, run, here, { sha: HEAD, repository: 'fork-owner/octo-repo' })
    ).toBeUndefined()
    expect(refusalFor(comment, run, here, { sha: HEAD, repository: 'octo-org/octo-repo' })).toEqual(
      {
        kind: 'refused',
        reason: 'pull request #8 comes from octo-org/octo-repo, the run from fork-owner/octo-repo'
      }
    )
    expect(refusalFor(comment, run, here, undefined)).toEqual({
      kind: 'refused',
      reason: 'pull request #8 was not found'
    })
    expect(
      refusalFor(comment, run, here, { sha: 'd'.repeat(40), repository: 'fork-owner/octo-repo' })
    ).toEqual({
      kind: 'stale',
      reason: `pull request #8 was pushed again since (its head is dddddddddd, the run measured cccccccccc): its newer run comments`
    })
  })

  it("takes the run's own pull requests from the payload when it lists them", () => {
    const sameRepo = { ...run, pullRequests: [{ number: 7, headSha: HEAD }], headRepository: here }
    expect(refusalFor({ ...comment, pullRequest: 7 }, sameRepo, here, undefined)).toBeUndefined()
    expect(refusalFor(comment, sameRepo, here, undefined)).toEqual({
      kind: 'refused',
      reason: "pull request #8 is not among the run's (#7)"
    })
  })

  it('refuses a comment made for another commit or repository', () => {
    expect(refusalFor({ ...comment, headSha: 'e'.repeat(40) }, run, here, undefined)?.reason).toBe(
      "it was made for commit eeeeeeeeee, not the run's cccccccccc"
    )
    expect(refusalFor({ ...comment, repository: 'other/repo' }, run, here, undefined)?.reason).toBe(
      'it is for the repository other/repo, not octo-org/octo-repo'
    )
  })

  it('reads the triggering run from a workflow_run event only', () => {
    expect(triggeringRunOf('push', {})).toBe(
      'mode: comment runs in a workflow triggered by workflow_run, and this one was triggered by push'
    )
    expect(triggeringRunOf('workflow_run', { workflow_run: { id: 'x' } })).toBe(
      'the workflow_run payload names no run, commit or repository'
    )
    expect(
      triggeringRunOf('workflow_run', {
        workflow_run: {
          id: 3003,
          head_sha: HEAD.toUpperCase(),
          event: 'pull_request',
          pull_requests: [{ number: 7, head: { sha: HEAD } }, { number: 'x' }],
          repository: { full_name: here },
          head_repository: { full_name: 'fork-owner/octo-repo' }
        }
      })
    ).toEqual({ ...run, pullRequests: [{ number: 7, headSha: HEAD }] })
  })
})
