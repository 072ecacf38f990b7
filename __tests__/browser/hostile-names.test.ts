/**
 * File names and sources written to attack the report — markup, entities, quotes, Markdown,
 * workflow commands, a very long name — rendered in headless Chromium: each shows as the text
 * it is, no injected script runs (the page-level flag they would set stays unset), and every
 * file the writer makes is inside html/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import type { Page } from 'playwright-core'
import { figuresOf } from '../../src/publish/figures.js'
import { writeHtmlReport, type HtmlReportResult } from '../../src/publish/html/write.js'
import { fileUrl, launchBrowser, type Browser } from '../helpers/browser.js'
import { REPO_ROOT } from '../helpers/html-demo.js'
import { reportOf } from '../fixtures/publish/model.js'

const INJECTED = 'window.pwned=1'
const LONG_NAME = `${'n'.repeat(240)}.rs`
/** Names in src/; each is also a real file there. */
const NAMES = [
  `<img src=x onerror="${INJECTED}">.py`,
  '<script>alert(1)<',
  'a&amp;b.rs',
  `quo"te's.py`,
  '::error file=x::boom.py',
  '[x](javascript:alert(1)).py',
  '`code` **bold** _em_.py',
  LONG_NAME
]
const SOURCE_LINE = `print("</td></tr><script>${INJECTED}</script>") # \u202Eevil`

let workspace: string
let written: HtmlReportResult
let browser: Browser
let page: Page

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort()
}

let before: string[]

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'mc-html-hostile-'))
  // '<script>alert(1)<' is a folder: the file is `<script>alert(1)</script>.py`.
  const paths = NAMES.map(
    (name) => `src/${name === '<script>alert(1)<' ? `${name}/script>.py` : name}`
  )
  for (const path of paths) {
    mkdirSync(dirname(join(workspace, path)), { recursive: true })
    writeFileSync(join(workspace, path), `${SOURCE_LINE}\n`)
  }
  const report = reportOf(Object.fromEntries(paths.map((path) => [path, { lines: { 1: 0 } }])))
  before = listFiles(workspace)
  written = writeHtmlReport({
    outputDir: join(workspace, 'coverage'),
    workspace,
    maxSourceBytes: 1 << 20,
    report,
    figures: figuresOf(report),
    notes: [`a note with <b>${INJECTED}</b> and ::warning::x`],
    toolHtml: {}
  })
  browser = await launchBrowser()
  page = await browser.context.newPage()
}, 60_000)

afterAll(async () => {
  await browser?.close()
})

describe('hostile file names', () => {
  it('writes nothing outside html/', () => {
    const added = listFiles(workspace).filter((path) => !before.includes(path))
    expect(added.length).toBe(written.pages + 1) // and style.css
    for (const path of added)
      expect([path, path.startsWith('coverage/html/')]).toEqual([path, true])
  })

  it('shows every name as text on the folder page, running no injected script', async () => {
    await page.goto(fileUrl(written.index))
    expect(await page.locator('main li', { hasText: 'a note with' }).textContent()).toBe(
      `a note with <b>${INJECTED}</b> and ::warning::x`
    )
    await Promise.all([
      page.waitForEvent('load'),
      page.locator('#listing a', { hasText: 'src/' }).click()
    ])
    const names = await page.locator('#listing tbody a').allTextContents()
    expect(names.sort()).toEqual(
      NAMES.map((name) => (name === '<script>alert(1)<' ? `${name}/` : name)).sort()
    )
    expect(await page.evaluate(() => 'pwned' in window)).toBe(false)
    // The sorting script is the page's only script; it ran (the headings are buttons).
    expect(await page.locator('script').count()).toBe(1)
    expect(await page.locator('#listing th button').count()).toBe(5)
    const mkdir = join(REPO_ROOT, '.tmp', 'screenshots')
    mkdirSync(mkdir, { recursive: true })
    await page.screenshot({ path: join(mkdir, 'html-hostile-names.png'), fullPage: true })
    console.log(`screenshot: ${join(mkdir, 'html-hostile-names.png')}`)
  })

  it('shows each name and source line as text on its page, with no script at all', async () => {
    await page.goto(fileUrl(written.index))
    const folder = await page.locator('#listing a', { hasText: 'src/' }).getAttribute('href')
    await page.goto(new URL(folder as string, page.url()).href)
    const links = await page
      .locator('#listing tbody a')
      .evaluateAll((anchors) => anchors.map((a) => [a.textContent, (a as HTMLAnchorElement).href]))
    let filePages = 0
    for (const [name, href] of links as Array<[string, string]>) {
      if (name.endsWith('/')) continue
      await page.goto(href)
      expect(decodeURIComponent(new URL(href).pathname)).toMatch(
        /\/coverage\/html\/files\/\d+(-[\w.-]+)?\.html$/
      )
      expect(await page.locator('h1').textContent()).toBe(`File src/${name}`)
      expect(await page.locator('#L1 td:last-child').textContent()).toBe(
        SOURCE_LINE.replace('\u202E', '\\u{202e}')
      )
      expect(await page.locator('#source tbody tr').count()).toBe(1)
      expect(await page.locator('script').count()).toBe(0)
      expect(await page.evaluate(() => 'pwned' in window)).toBe(false)
      filePages++
    }
    expect(filePages).toBe(NAMES.length - 1)
  })
})
