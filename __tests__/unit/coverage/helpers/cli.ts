/**
 * The CLI as users run it, for tests: src/cli.ts bundled by esbuild into a temporary
 * directory and spawned as its own node process (with a timeout, so a hang fails the test
 * instead of stalling the run).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { FIXTURES } from './fixtures.js'

export interface CliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface BuiltCli {
  /** A scratch directory that is removed by `remove`. */
  directory: string
  run(args: readonly string[], options?: { timeoutMs?: number; env?: NodeJS.ProcessEnv }): CliResult
  remove(): void
}

export async function buildCli(): Promise<BuiltCli> {
  const directory = mkdtempSync(join(tmpdir(), 'mc-cli-'))
  const cli = join(directory, 'cli.mjs')
  await build({
    entryPoints: [join(FIXTURES, '..', '..', 'src', 'cli.ts')],
    outfile: cli,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    logLevel: 'silent'
  })
  return {
    directory,
    run(args, options = {}) {
      const result = spawnSync(process.execPath, [cli, ...args], {
        encoding: 'utf8',
        timeout: options.timeoutMs ?? 20_000,
        env: options.env ?? process.env
      })
      return {
        code: result.status,
        signal: result.signal,
        stdout: result.stdout,
        stderr: result.stderr
      }
    },
    remove: () => rmSync(directory, { recursive: true, force: true })
  }
}
