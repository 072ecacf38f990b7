import { ReportAccumulator } from './accumulator.js'
import { hasControlCharacter } from './bytes.js'
import type { FileBuilder } from './file-builder.js'
import { isRustSymbol, rustFunctionKey } from './function-identity.js'
import {
  checkReportSize,
  MAX_CONDITIONS_PER_LINE,
  MAX_COUNT,
  MAX_LINE_NUMBER,
  type ParseOptions
} from './limits.js'
import type { CoverageReport } from './model.js'
import { XML_END, XML_EOF, XML_START, XML_TEXT, XmlScanner } from './xml-scanner.js'

/**
 * Cobertura XML reader (coverage-04.dtd and the dialects real tools write: coverage.py,
 * cargo-llvm-cov, grcov, gcovr, tarpaulin, istanbul/jest, coverlet, Java Cobertura).
 *
 * Lines come from each class's own `<lines>`; a class's methods repeat some of them and
 * only give functions (start = first method line, hits = the method's `hits` attribute or
 * its busiest line). Classes sharing a file name add up. A branch line's
 * `condition-coverage="50% (1/2)"` becomes 2 outcomes of which the first 1 is taken — all
 * Cobertura says. File names stay as written, relative to the `<source>` roots, which the
 * report carries for normalizePaths.
 */
export function parseCobertura(
  data: Uint8Array,
  source: string,
  options?: ParseOptions
): CoverageReport {
  checkReportSize(data.length, source, options)
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  const accumulator = new ReportAccumulator({
    lines: data.length / 32 + 16,
    branches: data.length / 256 + 16
  })
  new CoberturaReader(new XmlScanner(bytes, source), accumulator).read()
  return accumulator.build()
}

interface OpenMethod {
  name: string
  signature: string
  hitsAttribute: number | undefined
  start: number
  hits: number
}

/** What each open element is, so `<line>` knows whether it belongs to a class or a method. */
type Context = 'coverage' | 'sources' | 'source' | 'class' | 'method' | 'lines' | 'other'

class CoberturaReader {
  private readonly contexts: Context[] = []
  private readonly sources: string[] = []
  private file: FileBuilder | undefined
  private className = ''
  private method: OpenMethod | undefined
  private sourceText = ''
  private outcomes = 0
  private readonly maxOutcomes: number

  constructor(
    private readonly scanner: XmlScanner,
    private readonly accumulator: ReportAccumulator
  ) {
    this.maxOutcomes = scanner.data.length * 4 + 65536
  }

  read(): void {
    const scanner = this.scanner
    for (;;) {
      const token = scanner.next()
      if (token === XML_EOF) break
      if (token === XML_START) this.start()
      else if (token === XML_END) this.end()
      else if (token === XML_TEXT && this.contexts[this.contexts.length - 1] === 'source') {
        this.sourceText += scanner.text
      }
    }
    this.accumulator.addSourceRoots(this.sources)
  }

  private start(): void {
    const scanner = this.scanner
    const parent = this.contexts[this.contexts.length - 1]
    let context: Context = 'other'
    if (parent === undefined) {
      if (!scanner.nameIs('coverage'))
        scanner.fail(scanner.nameStart, 'expected a <coverage> root element')
      context = 'coverage'
    } else if (scanner.nameIs('line')) {
      if (parent === 'lines') this.line()
    } else if (scanner.nameIs('class')) {
      this.openClass()
      context = 'class'
    } else if (scanner.nameIs('method') && this.file !== undefined) {
      this.openMethod()
      context = 'method'
    } else if (scanner.nameIs('lines')) {
      const owner = this.contexts[this.contexts.length - 1]
      context = owner === 'class' || owner === 'method' ? 'lines' : 'other'
    } else if (scanner.nameIs('sources') && parent === 'coverage') context = 'sources'
    else if (scanner.nameIs('source') && parent === 'sources') {
      context = 'source'
      this.sourceText = ''
    }
    this.contexts.push(context)
  }

  private end(): void {
    const context = this.contexts.pop()
    if (context === 'source') {
      const root = this.sourceText.trim()
      if (root !== '') this.sources.push(root)
    } else if (context === 'method') this.closeMethod()
    else if (context === 'class') this.file = undefined
  }

  private openClass(): void {
    const scanner = this.scanner
    const index = scanner.attribute('filename')
    if (index < 0) scanner.fail(scanner.nameStart, 'expected a filename attribute on <class>')
    const path = scanner.attributeText(index)
    if (path.trim() === '' || hasControlCharacter(path)) {
      scanner.fail(
        scanner.attributeValueStart[index] as number,
        'expected a file name in filename='
      )
    }
    const nameIndex = scanner.attribute('name')
    this.className = nameIndex < 0 ? '' : scanner.attributeText(nameIndex)
    this.file = this.accumulator.record(path)
  }

  private openMethod(): void {
    const scanner = this.scanner
    const nameIndex = scanner.attribute('name')
    const signatureIndex = scanner.attribute('signature')
    const hitsIndex = scanner.attribute('hits')
    this.method = {
      name: nameIndex < 0 ? '' : scanner.attributeText(nameIndex),
      signature: signatureIndex < 0 ? '' : scanner.attributeText(signatureIndex),
      hitsAttribute: hitsIndex < 0 ? undefined : this.integer(hitsIndex, 'hits', 0, MAX_COUNT),
      start: 0,
      hits: 0
    }
  }

  private closeMethod(): void {
    const method = this.method
    this.method = undefined
    if (method === undefined || this.file === undefined || method.start === 0) return
    const name = qualifiedName(method, this.className, this.file.path)
    if (name === '' || hasControlCharacter(name)) return
    const key = isRustSymbol(method.name) ? rustFunctionKey(method.name, method.start) : name
    this.file.addFunction(name, method.start, undefined, method.hitsAttribute ?? method.hits, key)
  }

  private line(): void {
    const scanner = this.scanner
    const numberIndex = scanner.attribute('number')
    const hitsIndex = scanner.attribute('hits')
    if (numberIndex < 0 || hitsIndex < 0) {
      scanner.fail(scanner.nameStart, 'expected <line> with number= and hits= attributes')
    }
    const line = this.integer(numberIndex, 'number', 1, MAX_LINE_NUMBER)
    const hits = this.integer(hitsIndex, 'hits', 0, MAX_COUNT)
    const owner = this.contexts[this.contexts.length - 2]
    if (owner === 'method' && this.method !== undefined) {
      if (this.method.start === 0 || line < this.method.start) this.method.start = line
      this.method.hits = Math.max(this.method.hits, hits)
      return
    }
    if (owner !== 'class' || this.file === undefined) return
    this.file.addLine(line, hits)
    const branchIndex = scanner.attribute('branch')
    const conditionIndex = scanner.attribute('condition-coverage')
    if (branchIndex < 0 || conditionIndex < 0) return
    if (scanner.attributeText(branchIndex).toLowerCase() !== 'true') return
    this.conditions(line, conditionIndex)
  }

  /** `condition-coverage="50% (1/2)"`: total outcomes, the first `covered` of them taken. */
  private conditions(line: number, index: number): void {
    const scanner = this.scanner
    const text = scanner.attributeText(index)
    const match = /\((\d{1,9})\/(\d{1,9})\)\s*$/.exec(text)
    const offset = scanner.attributeValueStart[index] as number
    if (match === null)
      return scanner.fail(
        offset,
        `expected condition-coverage like "50% (1/2)"; found "${text.slice(0, 40)}"`
      )
    const covered = Number(match[1])
    const total = Number(match[2])
    if (covered > total || total > MAX_CONDITIONS_PER_LINE) {
      scanner.fail(
        offset,
        `expected condition-coverage with covered ≤ total ≤ ${MAX_CONDITIONS_PER_LINE}; found "${text}"`
      )
    }
    this.outcomes += total
    if (this.outcomes > this.maxOutcomes) {
      scanner.fail(offset, 'expected no more branch outcomes than the report size allows')
    }
    const file = this.file as FileBuilder
    for (let outcome = 0; outcome < total; outcome++) {
      file.addBranch(line, 0, outcome, undefined, outcome < covered ? 1 : 0)
    }
    file.branchSource = 'cobertura'
  }

  /** A whole-number attribute within [min, max]; anything else names the file and line. */
  private integer(index: number, name: string, min: number, max: number): number {
    const scanner = this.scanner
    const data = scanner.data
    const start = scanner.attributeValueStart[index] as number
    const end = scanner.attributeValueEnd[index] as number
    let value = 0
    let position = start
    while (position < end && position - start < 16) {
      const digit = (data[position] as number) - 48
      if (digit < 0 || digit > 9) break
      value = value * 10 + digit
      position++
    }
    if (position !== end || position === start || value < min || value > max) {
      const shown = scanner.attributeText(index).slice(0, 40)
      scanner.fail(
        start,
        `expected ${name}= to be a whole number from ${min} to ${max}; found "${shown}"`
      )
    }
    return value
  }
}

/**
 * A method's name in the model: qualified by its class when the class is a real one (Java,
 * C#) rather than the file itself (jest, grcov), so methods of two classes in one file stay
 * apart; the signature keeps overloads apart.
 */
function qualifiedName(method: OpenMethod, className: string, path: string): string {
  const fileName = path.replace(/^.*[\\/]/, '')
  const stem = fileName.replace(/\.[^.]*$/, '')
  const classIsFile = className === '' || className === fileName || className === stem
  return `${classIsFile ? '' : `${className}::`}${method.name}${method.signature}`
}
