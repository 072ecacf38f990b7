/**
 * The HTML report of examples/pyo3-demo (from committed real tool output, see html-demo.ts),
 * opened from disk in headless Chromium: the totals as coverage-summary.json has them, the
 * marks of a Rust and a Python file page as the model has them, the changed lines, reading
 * without script, sorting with it, dark mode, and the keyboard. Screenshots go to
 * .tmp/screenshots/ for a person to look at; nothing is compared pixel by pixel.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { changedLineCoverage } from '../../src/publish/changed-coverage.js'
import { writeHtmlReport, type HtmlReportResult } from '../../src/publish/html/write.js'
import { fileUrl, launchBrowser, type Browser } from '../helpers/browser.js'
import {
  DEMO_CORE,
  DEMO_PY_INIT,
  demoReports,
  REPO_ROOT,
  type DemoReports
} from '../helpers/html-demo.js'

const SCREENSHOTS = join(REPO_ROOT, '.tmp', 'screenshots')
/** The change the pages mark: a covered and an uncovered Rust line, an uncovered Python line. */
const CHANGED = new Map([
  [DEMO_CORE, new Set([4, 29, 30])],
  [DEMO_PY_INIT, new Set([12])]
])

let demo: DemoReports
let written: HtmlReportResult
let browser: Browser
let page: Page

async function screenshot(name: string, target: Page = page): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  const path = join(SCREENSHOTS, name)
  await target.screenshot({ path, fullPage: true })
  console.log(`screenshot: ${path}`)
}

/** Follows links by their text from the index, as a reader clicks through the folders. */
async function openByLinks(...names: string[]): Promise<void> {
  await page.goto(fileUrl(written.index))
  for (const name of names) {
    await Promise.all([
      page.waitForEvent('load'),
      page.locator('#listing a', { hasText: name }).first().click()
    ])
  }
}

function zeroHitLines(path: string): number[] {
  const file = demo.report.files.get(path)
  if (!file) throw new Error(`${path} is not in the model`)
  return [...file.lineNumbers].filter((_, index) => file.lineHits[index] === 0)
}

beforeAll(async () => {
  demo = await demoReports()
  written = writeHtmlReport({
    outputDir: demo.outputDir,
    workspace: REPO_ROOT,
    maxSourceBytes: 64 << 20,
    report: demo.report,
    figures: demo.figures,
    notes: demo.report.notes,
    changed: {
      name: 'this pull request',
      lines: CHANGED,
      coverage: changedLineCoverage(demo.report, CHANGED)
    },
    toolHtml: {}
  })
  browser = await launchBrowser()
  page = await browser.context.newPage()
}, 60_000)

afterAll(async () => {
  await browser?.close()
})

describe('the index', () => {
  it('shows the totals of coverage-summary.json, per language and overall', async () => {
    await page.goto(fileUrl(written.index))
    const summary = JSON.parse(readFileSync(demo.summaryJson, 'utf8'))
    type Count = { found: number; hit: number; percent: number }
    const shown = (count: Count) =>
      count.found === 0 ? '—' : `${count.percent.toFixed(2)}% (${count.hit}/${count.found})`
    const expected = (totals: Record<'lines' | 'branches' | 'functions', Count>) =>
      [totals.lines, totals.branches, totals.functions].map(shown)
    const rows = await page
      .locator('#totals tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) =>
          [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent?.trim())
        )
      )
    expect(rows).toEqual([
      expected(summary.languages.rust),
      expected(summary.languages.python),
      expected(summary.totals)
    ])
    expect(rows[2]).toEqual(['79.66% (47/59)', '—', '75.00% (9/12)'])
    await screenshot('html-index.png')
  })

  it('is styled from the sibling stylesheet and sorts with its one allowed script', async () => {
    await page.goto(fileUrl(written.index))
    // The skip link is moved off screen by style.css: the stylesheet loaded from disk.
    expect(await page.locator('a.skip').evaluate((a) => getComputedStyle(a).left)).toBe('-10000px')
    await openByLinks('examples/pyo3-demo/', 'python/pyo3_demo/')
    const names = () => page.locator('#listing tbody a').allTextContents()
    expect(await names()).toEqual(['__init__.py', 'unused.py', 'worker.py'])
    await page.getByRole('button', { name: 'Lines' }).click()
    expect(await page.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('ascending')
    expect(await names()).toEqual(['unused.py', '__init__.py', 'worker.py'])
    await page.getByRole('button', { name: 'Lines' }).click()
    expect(await names()).toEqual(['worker.py', '__init__.py', 'unused.py'])
  })

  it('follows prefers-color-scheme', async () => {
    const background = async () =>
      page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    await page.emulateMedia({ colorScheme: 'light' })
    await page.goto(fileUrl(written.index))
    expect(await background()).toBe('rgb(255, 255, 255)')
    await page.emulateMedia({ colorScheme: 'dark' })
    expect(await background()).toBe('rgb(13, 17, 23)')
    await screenshot('html-index-dark.png')
    await page.emulateMedia({ colorScheme: 'light' })
  })
})

describe('file pages', () => {
  it("marks the Rust file's uncovered lines, as many as the model has, and the changed ones", async () => {
    await openByLinks('examples/pyo3-demo/', 'core/src/', 'lib.rs')
    expect(await page.locator('h1').textContent()).toBe(`File ${DEMO_CORE}`)
    const missed = await page
      .locator('#source tr.miss')
      .evaluateAll((rows) => rows.map((row) => Number(row.id.slice(1))))
    expect(missed).toEqual(zeroHitLines(DEMO_CORE))
    expect(missed.length).toBeGreaterThan(0)
    expect(await page.locator('#L29').getAttribute('class')).toBe('miss chg')
    expect(await page.locator('#L4').getAttribute('class')).toBe('hit chg')
    expect(await page.locator('#source tr.chg').count()).toBe(3)
    expect(await page.locator('#L4 td:nth-child(2)').textContent()).toBe('2 changed')
    await screenshot('html-rust-file.png')
  })

  it('marks the Python file the same way, with its source escaped as text', async () => {
    await openByLinks('examples/pyo3-demo/', 'python/pyo3_demo/', '__init__.py')
    const missed = await page
      .locator('#source tr.miss')
      .evaluateAll((rows) => rows.map((row) => Number(row.id.slice(1))))
    expect(missed).toEqual(zeroHitLines(DEMO_PY_INIT))
    expect(missed).toEqual([12])
    expect(await page.locator('#L12').getAttribute('class')).toBe('miss chg')
    const source = readFileSync(join(REPO_ROOT, DEMO_PY_INIT), 'utf8').split('\n')
    expect(await page.locator('#L12 td:last-child').textContent()).toBe(source[11])
    expect(await page.locator('#L12 td:nth-child(2)').textContent()).toBe('0 not covered, changed')
    // The link to the uncovered line leads to its row.
    await page.getByRole('link', { name: 'line 12' }).first().click()
    expect(new URL(page.url()).hash).toBe('#L12')
    await screenshot('html-python-file.png')
  })
})

describe('without script', () => {
  it('reads the same: every folder, file and figure is in the markup', async () => {
    const plain = await launchBrowser({ javaScriptEnabled: false })
    try {
      const noScript = await plain.context.newPage()
      await noScript.goto(fileUrl(written.index))
      expect(await noScript.locator('#listing a').allTextContents()).toEqual([
        'examples/pyo3-demo/'
      ])
      expect(await noScript.locator('#listing th button').count()).toBe(0)
      expect(await noScript.locator('#totals tbody tr').count()).toBe(3)
    } finally {
      await plain.close()
    }
  })
})

describe('the keyboard', () => {
  it('reaches the skip link first, then every file link in order, each with a visible focus', async () => {
    await openByLinks('examples/pyo3-demo/', 'python/pyo3_demo/')
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    const reached: Array<{ text: string; outline: string }> = []
    for (let step = 0; step < 20; step++) {
      await page.keyboard.press('Tab')
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null
        if (!element || element === document.body) return undefined
        return {
          text: element.textContent?.trim() ?? '',
          outline: getComputedStyle(element).outlineStyle
        }
      })
      if (!focused) break
      reached.push(focused)
    }
    const texts = reached.map((focused) => focused.text)
    expect(texts[0]).toBe('Skip to content')
    const files = texts.filter((text) => /\.py$/.test(text))
    expect(files).toEqual(['__init__.py', 'unused.py', 'worker.py'])
    // Breadcrumbs, then the sort buttons, then the listing: the files come after the headings.
    expect(texts.indexOf('__init__.py')).toBeGreaterThan(texts.indexOf('Lines'))
    for (const focused of reached)
      expect([focused.text, focused.outline]).toEqual([focused.text, 'solid'])
    // The skip link moves the focus to the main content.
    await page.keyboard.press('Shift+Tab')
    await page.goto(page.url())
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main')
  })
})
