import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  annotationMessage,
  emitAnnotations,
  insideWorkspace,
  planAnnotations
} from '../../../src/publish/annotations.js'
import { Warnings } from '../../../src/warnings.js'
import { changedLineCoverage } from '../../../src/publish/changed-coverage.js'
import type { ChangedLinesResult } from '../../../src/publish/changed-lines.js'
import { parseUnifiedDiff } from '../../../src/publish/diff.js'
import { reportOf, span } from '../../fixtures/publish/model.js'
import { workflowCommands } from '../../fixtures/publish/workflow-commands.js'
import { captureStdout, type CapturedOutput } from '../../support/process-helpers.js'

// A change to two files (and a README no tool instruments), over a report where some changed
// lines ran and some did not.
const DIFF = `diff --git a/core/src/lib.rs b/core/src/lib.rs
index 1111111..2222222 100644
--- a/core/src/lib.rs
+++ b/core/src/lib.rs
@@ -8,0 +8,15 @@ pub fn checksum(data: &[u8]) -> u32 {
${'+    step();\n'.repeat(14)}+++ counter; // an added line that looks like a file header
@@ -31 +31,2 @@ fn tail() {
-    old();
+    new_one();
+    new_two();
diff --git a/python/pkg/mod.py b/python/pkg/mod.py
index 3333333..4444444 100644
--- a/python/pkg/mod.py
+++ b/python/pkg/mod.py
@@ -4,0 +5,8 @@ def f():
${'+    g()\n'.repeat(8)}@@ -15,0 +16,2 @@ def h():
+    i()
+    j()
diff --git a/README.md b/README.md
index 5555555..6666666 100644
--- a/README.md
+++ b/README.md
@@ -1 +1 @@
-# Old
+# New
`

const REPORT = reportOf({
  // 10-19 and 21-23 and 31-32 never ran; 20 did (it splits the change's uncovered lines).
  'core/src/lib.rs': {
    lines: {
      ...span(1, 9, 1),
      ...span(10, 19, 0),
      20: 5,
      ...span(21, 23, 0),
      ...span(24, 30, 2),
      31: 0,
      32: 0
    }
  },
  // 9 and 10 are not instrumented (a comment, a blank line): 5-8 and 11-12 are one range.
  // 15 is uncovered but unchanged: it separates 16-17 from the rest.
  'python/pkg/mod.py': {
    lines: {
      ...span(1, 4, 1),
      ...span(5, 8, 0),
      ...span(11, 12, 0),
      ...span(13, 14, 1),
      ...span(15, 20, 0)
    }
  },
  '/opt/elsewhere/outside.rs': { lines: span(1, 30, 0), outsideWorkspace: true }
})

const changedLines = parseUnifiedDiff(DIFF)
const changed: ChangedLinesResult = {
  status: 'ok',
  range: { kind: 'pull_request', base: 'b'.repeat(40), head: 'h'.repeat(40) },
  diffed: { basis: 'merge-base', from: 'b'.repeat(40), to: 'h'.repeat(40) },
  lines: changedLines
}

let stdout: CapturedOutput
beforeEach(() => {
  stdout = captureStdout()
})
afterEach(() => stdout.restore())

describe('annotations on a synthetic diff', () => {
  const coverage = changedLineCoverage(REPORT, changedLines)

  it('counts the changed instrumented lines and how many ran', () => {
    expect(coverage.lines).toEqual({ found: 25, hit: 3 })
    expect(coverage.byLanguage.rust).toEqual({ found: 17, hit: 3 })
    expect(coverage.byLanguage.python).toEqual({ found: 8, hit: 0 })
    expect(coverage.files.map((file) => file.path)).toEqual([
      'core/src/lib.rs',
      'python/pkg/mod.py'
    ])
  })

  it('ranks the uncovered changed ranges, largest first', () => {
    const plan = planAnnotations('changed', REPORT, changed, coverage)
    expect(plan.ranked.map((r) => [r.path, r.startLine, r.endLine, r.lines])).toEqual([
      ['core/src/lib.rs', 10, 19, 10],
      ['python/pkg/mod.py', 5, 12, 6],
      ['core/src/lib.rs', 21, 22, 2],
      ['core/src/lib.rs', 31, 32, 2],
      ['python/pkg/mod.py', 16, 17, 2]
    ])
  })

  it('emits them as warnings with file and line range, within the places left', () => {
    const plan = planAnnotations('changed', REPORT, changed, coverage)
    const outcome = emitAnnotations(plan, new Warnings(8))
    expect(outcome.emitted).toHaveLength(2)
    expect(outcome.notShown).toBe(3)
    expect(workflowCommands(stdout.text())).toEqual([
      {
        command: 'warning',
        properties: {
          title: 'Not covered by tests',
          file: 'core/src/lib.rs',
          line: '10',
          endLine: '19'
        },
        data: 'Changed lines 10–19 are not run by any test.'
      },
      {
        command: 'warning',
        properties: {
          title: 'Not covered by tests',
          file: 'python/pkg/mod.py',
          line: '5',
          endLine: '12'
        },
        data: 'Changed lines 5–12 (6 instrumented) are not run by any test.'
      }
    ])
  })

  it('stops at 10 warnings for the step', () => {
    const many = reportOf(
      Object.fromEntries(
        Array.from({ length: 15 }, (_, i) => [
          `f${String(i).padStart(2, '0')}.py`,
          { lines: { 1: 1, 2: 0 } }
        ])
      )
    )
    const outcome = emitAnnotations(
      planAnnotations('all', many, changed, undefined),
      new Warnings(0)
    )
    expect(outcome.emitted).toHaveLength(10)
    expect(outcome.notShown).toBe(5)
    expect(workflowCommands(stdout.text())).toHaveLength(10)
  })

  it('annotates every file in scope all, never one outside the workspace', () => {
    const plan = planAnnotations('all', REPORT, changed, coverage)
    expect(new Set(plan.ranked.map((r) => r.path))).toEqual(
      new Set(['core/src/lib.rs', 'python/pkg/mod.py'])
    )
    expect(plan.ranked.map((r) => [r.path, r.startLine, r.endLine, r.lines])).toEqual([
      ['core/src/lib.rs', 10, 19, 10],
      ['python/pkg/mod.py', 5, 12, 6],
      ['python/pkg/mod.py', 15, 20, 6],
      ['core/src/lib.rs', 21, 23, 3],
      ['core/src/lib.rs', 31, 32, 2]
    ])
  })

  it('has nothing to annotate without a diff, and says why', () => {
    const off: ChangedLinesResult = { status: 'off', reason: 'not a pull request' }
    expect(planAnnotations('changed', REPORT, off, undefined)).toEqual({
      scope: 'changed',
      ranked: [],
      reason: 'no changed lines (not a pull request)'
    })
    expect(planAnnotations('none', REPORT, changed, coverage).ranked).toEqual([])
  })
})

describe('hostile file names in annotations', () => {
  const names = [
    'src/evil::error::pwned.py',
    'src/a,title=forged,line=1.py',
    'src/new\nline::warning::x.py',
    'src/percent%0A%3A%25.py',
    'src/carriage\r::notice::y.py',
    'src/col:on.rs'
  ]

  it('reach GitHub as exactly the file name, one command each, nothing injected', () => {
    const report = reportOf(Object.fromEntries(names.map((name) => [name, { lines: { 3: 0 } }])))
    emitAnnotations(planAnnotations('all', report, changed, undefined), new Warnings(0))
    const lines = stdout.text().split(/\r?\n/).filter(Boolean)
    expect(lines).toHaveLength(names.length)
    const commands = workflowCommands(stdout.text())
    expect(commands.map((c) => c.command)).toEqual(names.map(() => 'warning'))
    expect(commands.map((c) => c.properties.file).sort()).toEqual([...names].sort())
    for (const command of commands) {
      expect(Object.keys(command.properties).sort()).toEqual(['endLine', 'file', 'line', 'title'])
      expect(command.properties).toMatchObject({
        line: '3',
        endLine: '3',
        title: 'Not covered by tests'
      })
      expect(command.data).toBe('Line 3 is not run by any test.')
    }
  })

  it('treats absolute and climbing paths as outside the workspace', () => {
    for (const path of ['/etc/passwd', 'C:/x.rs', '../up.py', 'a/../../b.py', '..', '']) {
      expect([path, insideWorkspace(path)]).toEqual([path, false])
    }
    expect(insideWorkspace('src/..hidden/x.py')).toBe(true)
  })
})

describe('annotation messages', () => {
  it('names one line or a range, and the instrumented count when the range has gaps', () => {
    const base = { path: 'x.rs', language: 'rust' as const }
    expect(annotationMessage({ ...base, startLine: 4, endLine: 4, lines: 1 }, 'all')).toBe(
      'Line 4 is not run by any test.'
    )
    expect(annotationMessage({ ...base, startLine: 4, endLine: 9, lines: 3 }, 'changed')).toBe(
      'Changed lines 4–9 (3 instrumented) are not run by any test.'
    )
  })
})
