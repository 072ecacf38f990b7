/**
 * The engine's read → merge → write pipeline over report files written to a scratch
 * directory, and the reference readers (xmllint against coverage-04.dtd, `lcov --summary`)
 * for its outputs.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeReportsAtomically } from '../../../../src/coverage/atomic-write.js'
import type { CoverageReport } from '../../../../src/coverage/model.js'
import {
  mergeAndExclude,
  readReportGroup,
  type ReadSettings
} from '../../../../src/coverage/read-reports.js'
import { FIXTURES } from './fixtures.js'

export interface PipelineResult {
  report: CoverageReport
  lcov: string
  cobertura: string
  summaryJson: string
  /** Where the outputs were written (removed with the scratch directory). */
  paths: { lcov: string; cobertura: string; summaryJson: string }
}

export function scratch(): { directory: string; remove(): void } {
  const directory = mkdtempSync(join(tmpdir(), 'mc-hostile-'))
  return { directory, remove: () => rmSync(directory, { recursive: true, force: true }) }
}

/** Writes `files` under `directory`, reads them as one group rooted at `root`, writes outputs. */
export async function runPipeline(
  directory: string,
  files: Record<string, string | Uint8Array>,
  root: string,
  settings: Partial<ReadSettings> = {}
): Promise<PipelineResult> {
  const inputs = Object.entries(files).map(([name, content]) => {
    const path = join(directory, name)
    writeFileSync(path, content)
    return { path, root }
  })
  const read: ReadSettings = {
    workspace: root,
    includeOutside: false,
    excludeGlobs: [],
    markerLanguages: [],
    maxBytes: 1 << 30,
    ...settings
  }
  const report = mergeAndExclude(readReportGroup(inputs, read), read)
  const paths = await writeReportsAtomically(join(directory, 'out'), report, { root })
  return {
    report,
    paths,
    lcov: readFileSync(paths.lcov, 'utf8'),
    cobertura: readFileSync(paths.cobertura, 'utf8'),
    summaryJson: readFileSync(paths.summaryJson, 'utf8')
  }
}

/** Throws with xmllint's complaint unless `path` is valid against coverage-04.dtd. */
export function validateCobertura(path: string): void {
  const dtd = join(FIXTURES, 'dtd', 'coverage-04.dtd')
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '--dtdvalid', dtd, path], { stdio: 'pipe' })
  } catch (error) {
    throw new Error(
      `not valid against coverage-04.dtd:\n${String((error as { stderr?: Buffer }).stderr)}`,
      {
        cause: error
      }
    )
  }
}

/** `lcov --summary` of a tracefile: its exit status and what it printed. */
export function lcovSummary(path: string): { code: number | null; output: string } {
  const result = spawnSync('lcov', ['--summary', path], { encoding: 'utf8' })
  return { code: result.status, output: `${result.stdout}${result.stderr}` }
}
