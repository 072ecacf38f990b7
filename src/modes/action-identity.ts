/**
 * Which version of the action is running, for the shard manifest. A runner downloads the
 * whole action repository, so package.json sits next to dist/; the ref the workflow named
 * (`uses: org/mixed-coverage@v1`) comes from GITHUB_ACTION_REF, empty for `uses: ./`.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const PACKAGE_NAME = 'mixed-coverage'

/** dist/index.js → ../package.json; src/modes/*.ts (tests) → ../../package.json. */
const CANDIDATES = ['../package.json', '../../package.json']

let cached: string | undefined

function packageVersion(): string {
  if (cached !== undefined) return cached
  cached = 'unknown'
  for (const candidate of CANDIDATES) {
    try {
      const text = readFileSync(fileURLToPath(new URL(candidate, import.meta.url)), 'utf8')
      const data = JSON.parse(text) as { name?: unknown; version?: unknown }
      if (data.name === PACKAGE_NAME && typeof data.version === 'string') {
        cached = data.version
        break
      }
    } catch {
      // Not there (another layout): try the next place.
    }
  }
  return cached
}

export function actionIdentity(env: NodeJS.ProcessEnv = process.env): {
  version: string
  ref: string
} {
  return { version: packageVersion(), ref: env.GITHUB_ACTION_REF ?? '' }
}
