/**
 * Headless Chromium for the HTML report's tests, driven by playwright-core. Debian's chromium
 * (scripts/setup.sh installs it), not a Playwright browser build: those are downloaded from the
 * network, which these machines cannot reach. The flags keep it off the network and from
 * needing a GPU or a sandbox; each launch gets a fresh profile.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type BrowserContext } from 'playwright-core'

export const CHROMIUM = process.env.MC_CHROMIUM ?? '/usr/bin/chromium'

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
]

export interface Browser {
  context: BrowserContext
  close(): Promise<void>
}

export async function launchBrowser(
  options: { javaScriptEnabled?: boolean } = {}
): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'mc-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1200, height: 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    offline: true
  })
  return {
    context,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    }
  }
}

export function fileUrl(path: string): string {
  return pathToFileURL(path).href
}
