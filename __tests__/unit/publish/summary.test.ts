import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { emitAnnotations, planAnnotations } from '../../../src/publish/annotations.js'
import { Warnings } from '../../../src/warnings.js'
import type { UploadOutcome } from '../../../src/publish/artifact.js'
import { changedLineCoverage } from '../../../src/publish/changed-coverage.js'
import type { ChangedLinesResult } from '../../../src/publish/changed-lines.js'
import { parseUnifiedDiff } from '../../../src/publish/diff.js'
import { figuresOf } from '../../../src/publish/figures.js'
import { evaluateGates } from '../../../src/publish/gates.js'
import { renderSummary, type SummaryInput } from '../../../src/publish/summary.js'
import { STEP_SUMMARY_LIMIT_BYTES, writeStepSummary } from '../../../src/publish/step-summary.js'
import { reportOf, span } from '../../fixtures/publish/model.js'
import { captureStdout } from '../../support/process-helpers.js'

const HOSTILE = '<img src=x>|*_[x](y)'

const REPORT = reportOf(
  {
    'core/src/lib.rs': {
      lines: { ...span(4, 10, 2), ...span(13, 21, 1), ...span(29, 32, 0) },
      functions: [
        ['checksum', 4, 2],
        ['fibonacci', 13, 1],
        ['never_called', 29, 0]
      ]
    },
    'python/pkg/__init__.py': {
      lines: { ...span(1, 9, 1), 10: 0, 11: 1, 12: 0 },
      branches: [
        [10, 1],
        [10, 0]
      ]
    },
    [`python/pkg/${HOSTILE}.py`]: { lines: span(1, 3, 0) },
    'python/pkg/evil\n## heading\n<script>.py': { lines: { 1: 1, 2: 0 } }
  },
  ['coverage.py: 1 file could not be parsed <b>bold</b>']
)

const CHANGED: ChangedLinesResult = {
  status: 'ok',
  range: { kind: 'pull_request', base: 'a'.repeat(40), head: 'b'.repeat(40) },
  diffed: { basis: 'merge-base', from: 'a'.repeat(40), to: 'b'.repeat(40) },
  lines: parseUnifiedDiff(
    [
      '--- a/core/src/lib.rs',
      '+++ b/core/src/lib.rs',
      '@@ -6,0 +6,2 @@',
      '+a',
      '+b',
      '@@ -30,0 +30,2 @@',
      '+c',
      '+d',
      '--- a/python/pkg/__init__.py',
      '+++ b/python/pkg/__init__.py',
      '@@ -11,0 +11,2 @@',
      '+e',
      '+f'
    ].join('\n')
  )
}

const UPLOADED: UploadOutcome = {
  status: 'uploaded',
  name: 'mixed-coverage-coverage',
  id: 42,
  url: 'https://github.com/org/project/actions/runs/1/artifacts/42',
  size: 1234,
  files: 9,
  leftOut: []
}

function summaryInput(overrides: Partial<SummaryInput> = {}): SummaryInput {
  const figures = figuresOf(REPORT)
  const changedCoverage =
    CHANGED.status === 'ok' ? changedLineCoverage(REPORT, CHANGED.lines) : undefined
  return {
    gates: evaluateGates(
      { lines: 60, rustLines: 90, branches: 50, changedLines: 80, functions: 50 },
      {
        lines: figures.total.lines,
        rustLines: figures.byLanguage.rust.lines,
        pythonLines: figures.byLanguage.python.lines,
        branches: figures.total.branches,
        functions: { noData: 'the reports have no function data' },
        changedLines: changedCoverage?.lines ?? { noData: 'no diff' }
      }
    ),
    thresholdPolicy: 'warn',
    tests: { rust: 0, python: 1 },
    figures,
    changed: CHANGED,
    changedCoverage,
    annotations: { scope: 'changed', ranked: [], emitted: [], notShown: 0 },
    artifact: UPLOADED,
    outputDir: 'coverage',
    phases: [
      { name: 'Rust tests', durationMs: 12_300, outcome: 'ok' },
      { name: 'Python tests', durationMs: 950, outcome: 'failed' }
    ],
    diagnosis: 'The extension wrote no profile.\n\nIt was built in release </pre><b>x</b>',
    notes: REPORT.notes,
    ...overrides
  }
}

/** Every tag in the summary is one the summary itself writes: no file name became markup. */
const OWN_TAGS = new Set([
  'p',
  'table',
  'tr',
  'th',
  'td',
  'details',
  'summary',
  'ul',
  'li',
  'pre',
  'strong',
  'code',
  'a'
])

function expectInert(markdown: string): void {
  for (const match of markdown.matchAll(/<\/?([a-zA-Z][\w-]*)/g))
    expect(OWN_TAGS).toContain(match[1])
  // Each block is a fixed heading or an HTML block, where GitHub parses no Markdown.
  for (const block of markdown.split(/\n\n+/).filter((b) => b.trim())) {
    expect(block).toMatch(/^(## Coverage|### [A-Z][a-z ]+|<(p|table|details|ul|pre)>)/)
  }
}

function detailRows(markdown: string): number {
  const details = markdown.slice(markdown.indexOf('<summary>All files'))
  return details.match(/<tr><td>/g)?.length ?? 0
}

describe('step summary', () => {
  it('matches the snapshot', () => {
    const { markdown, truncated } = renderSummary(summaryInput())
    expect(truncated).toBe(false)
    expect(markdown).toMatchSnapshot()
  })

  it('renders hostile file names inert', () => {
    const { markdown } = renderSummary(summaryInput())
    expectInert(markdown)
    expect(markdown).not.toContain('<img')
    expect(markdown).not.toContain('<script')
    expect(markdown).toContain('&#60;img src&#61;x&#62;&#124;&#42;&#95;&#91;x&#93;&#40;y&#41;.py')
    expect(markdown).toContain('evil&#92;n&#35;&#35; heading&#92;n&#60;script&#62;.py')
    expect(markdown).toContain('&#60;/pre&#62;&#60;b&#62;x&#60;/b&#62;')
  })

  it('states each gate, the totals per language, changed lines and least-covered files', () => {
    const { markdown } = renderSummary(summaryInput())
    expect(markdown).toContain(
      '<strong>❌ 2 of 5 coverage gates failed</strong> (on-threshold-failure: warn — the step still succeeds) · Lines ≥ 60%: ✅ pass · Rust lines ≥ 90%: ❌ fail'
    )
    expect(markdown).toContain(
      '<tr><td>Rust</td><td>80.00% (16/20)</td><td>—</td><td>66.67% (2/3)</td><td>1</td></tr>'
    )
    expect(markdown).toContain('Python: ❌ failed (exit code 1)')
    expect(markdown).toContain(
      '<strong>50.00% (3/6)</strong> of the instrumented lines this pull request adds or changes ran in the tests'
    )
    expect(markdown).toMatch(
      /### Least covered files\n\n<table>\n<tr><th>File<\/th>.*\n<tr><td>python\/pkg\/&#60;img/
    )
  })

  it('says why the tests failed, under the tests line, escaped', () => {
    const rust = 'the test build of <a> (lib test) could not be linked: it calls Python'
    const { markdown } = renderSummary(summaryInput({ testCauses: { rust } }))
    expect(markdown).toContain(
      '· Python: ❌ failed (exit code 1)</p>\n\n<p>Rust tests: the test build of &#60;a&#62; &#40;lib test&#41; could not be linked&#58; it calls Python.</p>'
    )
  })

  it('names the range diffed: a merge commit from its first parent', () => {
    if (CHANGED.status !== 'ok') throw new Error('CHANGED is a diff')
    const merge = 'c'.repeat(7) + 'd'.repeat(33)
    const changed: ChangedLinesResult = {
      ...CHANGED,
      diffed: { basis: 'merge-commit', from: 'a'.repeat(40), to: merge }
    }
    const { markdown } = renderSummary(summaryInput({ changed }))
    expect(markdown).toContain(
      'Compared aaaaaaaaaaaa → cccccccddddd (merge commit ccccccc&#58; first parent → merge).</p>'
    )
  })

  it('points to the output directory when there is no artifact', () => {
    const skipped: UploadOutcome = { status: 'skipped', reason: 'upload-artifact is false' }
    const { markdown } = renderSummary(summaryInput({ artifact: skipped }))
    expect(markdown).toContain(
      'Full report: the reports in <code>coverage</code> on the runner (no artifact: upload-artifact is false).'
    )
  })

  it('counts the uncovered ranges GitHub did not show as annotations', () => {
    const input = summaryInput()
    const captured = captureStdout()
    try {
      const plan = planAnnotations('changed', REPORT, CHANGED, input.changedCoverage)
      const annotations = emitAnnotations(plan, new Warnings(9))
      const { markdown } = renderSummary({ ...input, annotations })
      expect(markdown).toContain(
        'Annotated the 1 largest uncovered ranges; 1 more are not annotated (GitHub shows 10 warnings per step)'
      )
    } finally {
      captured.restore()
    }
  })
})

describe('summary size limit', () => {
  // 20,000 files with long hostile names: far more than 1 MiB if every file were listed.
  const files = Object.fromEntries(
    Array.from({ length: 20_000 }, (_, i) => [
      `src/${HOSTILE.repeat(12)}/${'&'.repeat(40)}/${i}.py`,
      { lines: { 1: 1, 2: 0, 4: 0, 6: 0, 8: 0 } }
    ])
  )
  const input = summaryInput({
    figures: figuresOf(reportOf(files)),
    changed: { status: 'off', reason: 'not a pull request' },
    changedCoverage: undefined
  })

  it('stays under 1 MiB, says it was truncated and where every file is', () => {
    const { markdown, truncated, filesShown } = renderSummary(input, STEP_SUMMARY_LIMIT_BYTES)
    expect(Buffer.byteLength(markdown)).toBeLessThan(STEP_SUMMARY_LIMIT_BYTES)
    expect(truncated).toBe(true)
    expect(filesShown).toBeGreaterThan(100)
    expect(filesShown).toBeLessThan(20_000)
    expect(markdown).toContain(
      `⚠️ This summary is truncated: it lists ${filesShown.toLocaleString('en-US')} of 20,000 files`
    )
    expect(markdown).toContain(
      'Every file is in artifact <a href="https://github.com/org/project/actions/runs/1/artifacts/42">'
    )
    expect(markdown).toContain(
      `<summary>All files (${filesShown.toLocaleString('en-US')} of 20,000: truncated)</summary>`
    )
    expect(detailRows(markdown)).toBe(filesShown)
    expectInert(markdown)
  })

  it('keeps every file in the untruncated copy for the artifact', () => {
    const { markdown, truncated } = renderSummary(input)
    expect(truncated).toBe(false)
    expect(detailRows(markdown)).toBe(20_000)
  })

  it('fits in what an earlier writer in the step left of the 1 MiB', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'mc-summary-')), 'step_summary')
    writeFileSync(path, `# Earlier step output\n${'x'.repeat(300_000)}\n`)
    const captured = captureStdout()
    try {
      const rendered = await writeStepSummary((max) => renderSummary(input, max), {
        GITHUB_STEP_SUMMARY: path
      })
      expect(rendered?.truncated).toBe(true)
    } finally {
      captured.restore()
    }
    expect(statSync(path).size).toBeLessThan(STEP_SUMMARY_LIMIT_BYTES)
    expect(readFileSync(path, 'utf8')).toContain('This summary is truncated')
  })
})
