import { describe, expect, it } from '@jest/globals'
import type { ChangedCoverage } from '../../../src/publish/changed-coverage.js'
import type { ChangedLinesResult } from '../../../src/publish/changed-lines.js'
import { figuresOf, type CoverageFigures } from '../../../src/publish/figures.js'
import { evaluateGates } from '../../../src/publish/gates.js'
import { compareWithBaseline } from '../../../src/review/delta.js'
import type { Baseline } from '../../../src/review/baseline-file.js'
import { MAX_COMMENT_CHARS, renderComment, type CommentInput } from '../../../src/review/comment.js'
import { commentMarker } from '../../../src/review/marker.js'
import type { Review } from '../../../src/review/types.js'
import { reportOf } from '../../fixtures/publish/model.js'

const BASE = 'b'.repeat(40)
const HEAD = 'c'.repeat(40)
const MARKER = commentMarker('coverage', 'mixed-coverage-coverage-0')
const RUN = 'https://github.com/o/r/actions/runs/5'
const count = (hit: number, found: number) => ({ hit, found })

function baselineFor(
  files: Map<string, { hit: number; found: number }>,
  rust = count(3, 4),
  python = count(1, 1)
): Baseline {
  return {
    commit: BASE,
    ref: 'refs/heads/main',
    total: count(rust.hit + python.hit, rust.found + python.found),
    byLanguage: { rust, python, other: count(0, 0) },
    files
  }
}

function input(
  figures: CoverageFigures,
  review: Review,
  changed: ChangedLinesResult,
  changedCoverage?: ChangedCoverage
): CommentInput {
  return {
    marker: MARKER,
    figures,
    review,
    changed,
    changedCoverage,
    gates: [],
    commit: HEAD,
    runUrl: RUN
  }
}

const notMeasured: ChangedLinesResult = { status: 'unavailable', reason: 'a shallow clone' }

describe('the pull request comment', () => {
  it('starts with its marker and gives the change against the merge base, escaped', () => {
    const figures = figuresOf(
      reportOf({
        'src/<b>.rs': { lines: { 1: 1, 2: 0, 3: 1, 4: 0 } },
        'pkg/a.py': { lines: { 1: 1 } }
      })
    )
    const baseline = baselineFor(new Map([['src/<b>.rs', count(3, 4)]]))
    const delta = compareWithBaseline(figures, baseline)
    const review: Review = {
      baseline: {
        status: 'found',
        baseline,
        runId: 7,
        basis: 'merge-base',
        branch: 'main<x>',
        mergeBase: BASE
      },
      delta
    }
    const gates = evaluateGates(
      { delta: 1 },
      {
        lines: count(0, 0),
        rustLines: count(0, 0),
        pythonLines: count(0, 0),
        branches: count(0, 0),
        functions: count(0, 0),
        changedLines: count(0, 0),
        delta: { now: delta.total.now, base: delta.total.base, commit: BASE, points: '-20.00' }
      }
    )
    const { body } = renderComment({ ...input(figures, review, notMeasured), gates })
    expect(body).toBe(
      [
        MARKER,
        '## Coverage',
        `<p><strong>Lines 60.00% (3/5)</strong> · <strong>🔻 -20.00</strong> points against <code>main&#60;x&#62;</code> at <code>bbbbbbbbbb</code> (the merge base).</p>`,
        [
          '<table>',
          '<tr><th></th><th>Lines</th><th>Baseline</th><th>Change (points)</th></tr>',
          '<tr><td>Rust</td><td>50.00% (2/4)</td><td>75.00% (3/4)</td><td>🔻 -25.00</td></tr>',
          '<tr><td>Python</td><td>100.00% (1/1)</td><td>100.00% (1/1)</td><td>+0.00</td></tr>',
          '<tr><td><strong>Total</strong></td><td><strong>60.00% (3/5)</strong></td><td>80.00% (4/5)</td><td><strong>🔻 -20.00</strong></td></tr>',
          '</table>'
        ].join('\n'),
        '<p>Changed lines: not measured (a shallow clone).</p>',
        '<p>Gates: ❌ Line coverage change ≥ -1 points: -20.00 points (80.00% → 60.00%)</p>',
        '### Files whose coverage changed',
        [
          '<table>',
          '<tr><th>File</th><th>Lines</th><th>Change</th><th>Changed lines covered</th><th>Not covered</th></tr>',
          '<tr><td>src/&#60;b&#62;.rs</td><td>50.00% (2/4)</td><td>🔻 -25.00</td><td>—</td><td></td></tr>',
          '<tr><td>pkg/a.py</td><td>100.00% (1/1)</td><td>new</td><td>—</td><td></td></tr>',
          '</table>'
        ].join('\n'),
        `<p><sub>Commit <code>cccccccccc</code> · <a href="${RUN}">workflow run</a> · mixed-coverage</sub></p>`
      ].join('\n\n') + '\n'
    )
  })

  it('cuts the file table of a 70,000-character comment under 65,536 characters and says so', () => {
    const files: Record<string, { lines: Record<number, number> }> = {}
    const changedFiles: ChangedCoverage['files'] = []
    for (let index = 0; index < 480; index++) {
      const path = `crates/very/long/directory/name/for/the/module/number/${String(index).padStart(4, '0')}/lib.rs`
      files[path] = { lines: { 1: 1, 2: 0, 3: 0 } }
      changedFiles.push({
        path,
        language: 'rust',
        lines: count(1, 3),
        uncovered: [{ startLine: 2, endLine: 3, lines: 2 }]
      })
    }
    const figures = figuresOf(reportOf(files))
    const changedCoverage: ChangedCoverage = {
      lines: count(480, 1440),
      byLanguage: { rust: count(480, 1440), python: count(0, 0), other: count(0, 0) },
      files: changedFiles,
      ranked: []
    }
    const changed: ChangedLinesResult = {
      status: 'ok',
      range: { kind: 'pull_request', base: BASE, head: HEAD },
      diffed: { basis: 'merge-base', from: BASE, to: HEAD },
      lines: new Map()
    }
    const review: Review = {
      baseline: { status: 'none', branch: 'main', reason: 'no run kept one' }
    }
    const whole = renderComment(input(figures, review, changed, changedCoverage), Infinity)
    expect(whole.body.length).toBeGreaterThan(70_000)
    expect(whole.filesShown).toBe(480)
    const cut = renderComment(input(figures, review, changed, changedCoverage))
    expect(cut.body.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS)
    expect(cut.filesTotal).toBe(480)
    expect(cut.filesShown).toBe(434)
    expect(cut.body).toContain(
      `<p>⚠️ Cut: this comment lists 434 of 480 files, because GitHub keeps a comment only up to 65,536 characters. Every file is in the step summary and the report artifact of the <a href="${RUN}">workflow run</a>.</p>`
    )
    expect(cut.body.startsWith(`${MARKER}\n`)).toBe(true)
    expect(cut.body.trimEnd().endsWith('mixed-coverage</sub></p>')).toBe(true)
    expect(cut.body.match(/<table>/g)).toHaveLength(1)
    expect(cut.body.match(/<\/table>/g)).toHaveLength(1)
  })
})
