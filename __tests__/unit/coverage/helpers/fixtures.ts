import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** __tests__/fixtures, found from this file so tests run from any working directory. */
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fixtures')
export const CORPUS = join(FIXTURES, 'corpus')

export interface CorpusEntry {
  file: string
  format: 'lcov' | 'cobertura' | 'coveragepy-json'
  producer: string
  notes: string
}

/** The corpus as SOURCES.tsv lists it (the test must cover every listed file). */
export function corpusEntries(): CorpusEntry[] {
  const [header, ...rows] = readFileSync(join(CORPUS, 'SOURCES.tsv'), 'utf8').trim().split('\n')
  const columns = (header as string).split('\t')
  return rows.map((row) => {
    const cells = row.split('\t')
    const cell = (name: string) => cells[columns.indexOf(name)] ?? ''
    return {
      file: cell('local_file'),
      format: cell('format') as CorpusEntry['format'],
      producer: cell('producer'),
      notes: cell('notes')
    }
  })
}

export function readFixture(...parts: string[]): Buffer {
  return readFileSync(join(FIXTURES, ...parts))
}
