/**
 * A file page with branch data and per-test contexts (coverage.py's `contexts`, which the
 * pyo3-demo fixture does not have): partly taken branches marked and named, and each line's
 * tests one link away. Screenshot in .tmp/screenshots/.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FileCoverage } from '../../src/coverage/index.js'
import { figuresOf } from '../../src/publish/figures.js'
import { writeHtmlReport, type HtmlReportResult } from '../../src/publish/html/write.js'
import { fileUrl, launchBrowser, type Browser } from '../helpers/browser.js'
import { REPO_ROOT } from '../helpers/html-demo.js'
import { fileOf } from '../fixtures/publish/model.js'

const SOURCE = 'import os\nif os.sep:\n    x = "<b>&"\n\nprint(1)\n'

/** coverage.py arcs: 2 → 3 not taken, 2 → 5 taken, 5 → exit not taken; tests per line. */
function pythonFile(): FileCoverage {
  return {
    ...fileOf('pkg/mod.py', { lines: { 1: 1, 2: 1, 3: 0, 5: 1 } }),
    branches: {
      lines: Uint32Array.from([2, 2, 5]),
      blocks: new Int32Array(3),
      ids: Int32Array.from([3, 5, -1]),
      labels: undefined,
      taken: Float64Array.from([0, 1, 0])
    },
    branchSource: 'coveragepy-json',
    contexts: new Map([
      [1, ['tests/test_mod.py::test_a|run']],
      [2, ['tests/test_mod.py::test_a|run']],
      [5, ['', 'tests/test_mod.py::test_b|run']]
    ])
  }
}

let browser: Browser
let written: HtmlReportResult

beforeAll(async () => {
  const workspace = mkdtempSync(join(tmpdir(), 'mc-html-tests-'))
  mkdirSync(join(workspace, 'pkg'))
  writeFileSync(join(workspace, 'pkg', 'mod.py'), SOURCE)
  const file = pythonFile()
  const report = { files: new Map([[file.path, file]]), sourceRoots: [], notes: [] }
  written = writeHtmlReport({
    outputDir: join(workspace, 'coverage'),
    workspace,
    maxSourceBytes: 1 << 20,
    report,
    figures: figuresOf(report),
    notes: [],
    toolHtml: {}
  })
  browser = await launchBrowser()
}, 60_000)

afterAll(async () => {
  await browser?.close()
})

it('marks partly taken branches and links each line to the tests that ran it', async () => {
  const page = await browser.context.newPage()
  await page.goto(fileUrl(join(written.dir, 'files', '1-mod.py.html')))
  const partial = await page
    .locator('#source tr.part')
    .evaluateAll((rows) => rows.map((row) => row.id))
  expect(partial).toEqual(['L2', 'L5'])
  expect(await page.locator('#L2 td:nth-child(3)').textContent()).toBe('1/2 not taken: → 3')
  expect(await page.locator('#L5 td:nth-child(3)').textContent()).toBe('0/1 not taken: → exit')
  await page.locator('#L5 td:nth-child(4) a').click()
  expect(new URL(page.url()).hash).toBe('#t2')
  expect(await page.locator('#t2 li').allTextContents()).toEqual([
    'outside any test',
    'tests/test_mod.py::test_b|run'
  ])
  const screenshots = join(REPO_ROOT, '.tmp', 'screenshots')
  mkdirSync(screenshots, { recursive: true })
  const path = join(screenshots, 'html-branches-tests.png')
  await page.screenshot({ path, fullPage: true })
  console.log(`screenshot: ${path}`)
})
