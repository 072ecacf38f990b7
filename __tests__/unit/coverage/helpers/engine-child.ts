/**
 * Runs a piece of code against the engine in a child node process with a timeout: for inputs
 * whose failure mode is a hang (regex backtracking, quadratic loops) or a crash of the whole
 * process (V8's string limit, memory), which an in-process test could neither bound nor survive.
 * The code sees the engine's public API as `engine`; what it prints on stdout is returned.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { FIXTURES } from './fixtures.js'

export interface ChildResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** Wall time of the child, in ms (start-up included). */
  elapsedMs: number
}

export async function runEngineChild(body: string, timeoutMs: number): Promise<ChildResult> {
  const directory = mkdtempSync(join(tmpdir(), 'mc-child-'))
  try {
    const script = join(directory, 'child.mjs')
    const engine = join(FIXTURES, '..', '..', 'src', 'coverage', 'index.ts')
    await build({
      stdin: {
        contents: `import * as engine from ${JSON.stringify(engine)}\n${body}`,
        loader: 'ts',
        resolveDir: directory
      },
      outfile: script,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node24',
      logLevel: 'silent'
    })
    const started = Date.now()
    const result = spawnSync(process.execPath, [script], {
      encoding: 'utf8',
      timeout: timeoutMs,
      cwd: directory,
      maxBuffer: 16 << 20
    })
    return {
      code: result.status,
      signal: result.signal,
      stdout: result.stdout,
      stderr: result.stderr,
      elapsedMs: Date.now() - started
    }
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
}
