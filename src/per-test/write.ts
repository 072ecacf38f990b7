/**
 * tests.json beside the other reports, written atomically: the document of tests-document.ts,
 * one test per line so that two runs diff line by line.
 */
import { join } from 'node:path'
import { writeFileAtomically, type CoverageReport } from '../coverage/index.js'
import type { PerTestResult } from './index.js'
import { TESTS_FILE_NAME, testsDocument, type TestsDocument } from './tests-document.js'

export interface TestsReport {
  path: string
  document: TestsDocument
}

export function writeTestsReport(
  outputDir: string,
  perTest: PerTestResult,
  report: CoverageReport,
  workspace: string
): TestsReport {
  const document = testsDocument(perTest.tests, report, { workspace, commit: perTest.commit })
  const path = join(outputDir, TESTS_FILE_NAME)
  writeFileAtomically(path, [serializeTests(document)])
  return { path, document }
}

export function serializeTests(document: TestsDocument): string {
  const { tests, ...head } = document
  const fields = Object.entries(head).map(
    ([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`
  )
  const entries = tests.map((test) => JSON.stringify(test))
  return `{${fields.join(',\n')},\n"tests":[\n${entries.join(',\n')}\n]}\n`
}
