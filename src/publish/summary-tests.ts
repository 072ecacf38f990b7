/**
 * The step summary's per-test section (per-test: true): which tests run the changed lines, and
 * the changed lines no test runs. Bounded like the other sections: at most TEST_ROWS tests and
 * UNTESTED_ROWS files, each with at most MAX_RANGES_PER_FILE ranges per file.
 */
import type { ChangedTests } from '../per-test/changed-tests.js'
import { escapeHtml, htmlPath } from './escape.js'
import { MAX_RANGES_PER_FILE } from './figures.js'
import { formatCount, paragraph, rangesCell, table } from './summary-html.js'

export const TEST_ROWS = 50
export const UNTESTED_ROWS = 50
const FILES_PER_TEST = 5

/** `12–15, 20` from ascending lines. */
function rangesOf(lines: readonly number[]): string {
  const ranges: Array<{ startLine: number; endLine: number; lines: number }> = []
  for (const line of lines) {
    const last = ranges[ranges.length - 1]
    if (last && line === last.endLine + 1) {
      last.endLine = line
      last.lines++
    } else ranges.push({ startLine: line, endLine: line, lines: 1 })
  }
  return rangesCell(ranges.slice(0, MAX_RANGES_PER_FILE), ranges.length)
}

function linesCell(lines: ReadonlyMap<string, readonly number[]>): string {
  const files = [...lines]
  const shown = files
    .slice(0, FILES_PER_TEST)
    .map(([path, numbers]) => `${htmlPath(path)} ${rangesOf(numbers)}`)
  if (files.length > FILES_PER_TEST) shown.push(`…and ${files.length - FILES_PER_TEST} more files`)
  return shown.join('<br>')
}

/** The section's body; '' without changed coverable lines. */
export function changedTestsSection(changed: ChangedTests | undefined, testsFile: string): string {
  if (!changed || changed.changedLines === 0) return ''
  const { changedLines, testedLines, tests, untested } = changed
  const head = paragraph(
    `${formatCount(testedLines)} of ${formatCount(changedLines)} changed coverable lines are run by ${formatCount(tests.length)} test${tests.length === 1 ? '' : 's'}; ${formatCount(changedLines - testedLines)} by no test. Every test's lines: <code>${escapeHtml(testsFile)}</code>.`
  )
  const parts = [head]
  if (tests.length > 0) {
    const rows = tests
      .slice(0, TEST_ROWS)
      .map((test) => [
        `<code>${escapeHtml(test.id)}</code>`,
        formatCount(test.count),
        linesCell(test.lines)
      ])
    parts.push(table(['Test', 'Changed lines it runs', 'Where'], rows))
    if (tests.length > TEST_ROWS) {
      parts.push(paragraph(`…and ${formatCount(tests.length - TEST_ROWS)} more tests.`))
    }
  }
  if (untested.length > 0) {
    const rows = untested
      .slice(0, UNTESTED_ROWS)
      .map((file) => [
        htmlPath(file.path),
        file.notRun.length ? rangesOf(file.notRun) : '—',
        file.outsideTests.length ? rangesOf(file.outsideTests) : '—'
      ])
    parts.push(paragraph('Changed lines no test runs:'))
    parts.push(table(['File', 'Not run at all', 'Run, but outside any test'], rows))
    if (untested.length > UNTESTED_ROWS) {
      parts.push(paragraph(`…and ${formatCount(untested.length - UNTESTED_ROWS)} more files.`))
    }
  }
  return parts.join('\n\n')
}
