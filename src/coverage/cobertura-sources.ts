/**
 * The `<source>` roots of a Cobertura report: the directories its file names are relative to.
 * Each root becomes part of paths, so it is held to what a path may be (report-text.ts); its
 * text is measured before it is decoded; repeats count once; and there may be no more than
 * MAX_SOURCE_ROOTS, since every file name is looked for under every root.
 */
import { MAX_SOURCE_ROOTS } from './limits.js'
import { lengthProblem, textProblem } from './report-text.js'
import type { XmlScanner } from './xml-scanner.js'

export class CoberturaSources {
  readonly roots: string[] = []
  private readonly seen = new Set<string>()
  private text = ''
  private bytes = 0
  /** Where the open <source> element starts, for errors. */
  private offset = 0

  constructor(private readonly scanner: XmlScanner) {}

  open(): void {
    this.text = ''
    this.bytes = 0
    this.offset = this.scanner.nameStart
  }

  /** The current text token belongs to the open <source>. */
  addText(): void {
    const scanner = this.scanner
    this.bytes += scanner.textEnd - scanner.textStart
    const tooLong = lengthProblem(this.bytes, 'path')
    if (tooLong !== undefined) this.fail(`it ${tooLong}`)
    this.text += scanner.text
  }

  close(): void {
    const root = this.text.trim()
    if (root === '') return
    const problem = textProblem(root, 'path')
    if (problem !== undefined) this.fail(`it ${problem}`)
    if (this.seen.has(root)) return
    this.seen.add(root)
    this.roots.push(root)
    if (this.roots.length > MAX_SOURCE_ROOTS) {
      this.fail(`a report lists at most ${MAX_SOURCE_ROOTS} distinct roots`)
    }
  }

  private fail(why: string): never {
    return this.scanner.fail(this.offset, `expected a directory in <source>; ${why}`)
  }
}
