import { ReportAccumulator } from './accumulator.js'
import { CoberturaSources } from './cobertura-sources.js'
import type { FileBuilder } from './file-builder.js'
import { isRustSymbol, rustFunctionKey } from './function-identity.js'
import {
  checkReportSize,
  MAX_CONDITIONS_PER_LINE,
  MAX_COUNT,
  MAX_FILES_PER_READ,
  MAX_FUNCTIONS_PER_REPORT,
  MAX_LINE_NUMBER,
  type ParseOptions
} from './limits.js'
import type { CoverageReport } from './model.js'
import { lengthProblem, readsAsEndLine, textProblem, type TextKind } from './report-text.js'
import { attributeBytes, attributeIs, attributeShown } from './xml-attributes.js'
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
  /** Where the <method> tag starts (for errors about its name). */
  offset: number
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
  private readonly sources: CoberturaSources
  private file: FileBuilder | undefined
  private className = ''
  private method: OpenMethod | undefined
  private methods = 0
  private outcomes = 0
  private readonly maxOutcomes: number

  constructor(
    private readonly scanner: XmlScanner,
    private readonly accumulator: ReportAccumulator
  ) {
    this.maxOutcomes = scanner.data.length * 4 + 65536
    this.sources = new CoberturaSources(scanner)
  }

  read(): void {
    const scanner = this.scanner
    for (;;) {
      const token = scanner.next()
      if (token === XML_EOF) break
      if (token === XML_START) this.start()
      else if (token === XML_END) this.end()
      else if (token === XML_TEXT && this.contexts[this.contexts.length - 1] === 'source') {
        this.sources.addText()
      }
    }
    this.accumulator.addSourceRoots(this.sources.roots)
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
      this.sources.open()
    } else if (scanner.nameIs('package')) this.checkedText('name', 'name', 'a package name')
    this.contexts.push(context)
  }

  private end(): void {
    const context = this.contexts.pop()
    if (context === 'source') this.sources.close()
    else if (context === 'method') this.closeMethod()
    else if (context === 'class') this.file = undefined
  }

  /**
   * Attribute `name` as a path or name (bounded, UTF-8, no control character; see
   * report-text.ts), '' when absent; anything else is refused with the line.
   */
  private checkedText(name: string, kind: TextKind, what: string): string {
    const scanner = this.scanner
    const index = scanner.attribute(name)
    if (index < 0) return ''
    const at = scanner.attributeValueStart[index] as number
    const tooLong = lengthProblem(attributeBytes(scanner, index), kind)
    if (tooLong !== undefined) scanner.fail(at, `expected ${what} in ${name}=; it ${tooLong}`)
    const text = scanner.attributeText(index)
    const problem = textProblem(text, kind)
    if (problem !== undefined) scanner.fail(at, `expected ${what} in ${name}=; it ${problem}`)
    return text
  }

  private openClass(): void {
    const scanner = this.scanner
    if (scanner.attribute('filename') < 0)
      scanner.fail(scanner.nameStart, 'expected a filename attribute on <class>')
    const path = this.checkedText('filename', 'path', 'a file name')
    if (path.trim() === '') scanner.fail(scanner.nameStart, 'expected a file name in filename=')
    this.className = this.checkedText('name', 'name', 'a class name')
    this.file = this.accumulator.record(path)
    if (this.accumulator.fileCount > MAX_FILES_PER_READ) {
      const limit = MAX_FILES_PER_READ.toLocaleString('en-US')
      scanner.fail(scanner.nameStart, `expected at most ${limit} files`)
    }
  }

  private openMethod(): void {
    const scanner = this.scanner
    const hitsIndex = scanner.attribute('hits')
    if (++this.methods > MAX_FUNCTIONS_PER_REPORT) {
      const limit = MAX_FUNCTIONS_PER_REPORT.toLocaleString('en-US')
      scanner.fail(scanner.nameStart, `expected at most ${limit} functions in one report`)
    }
    this.method = {
      offset: scanner.nameStart,
      name: this.checkedText('name', 'name', 'a method name'),
      signature: this.checkedText('signature', 'name', 'a method signature'),
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
    if (name === '') return
    const ambiguous = readsAsEndLine(name)
    if (ambiguous !== undefined)
      this.scanner.fail(method.offset, `expected a method name lcov can carry; ${ambiguous}`)
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
    if (!attributeIs(scanner, branchIndex, 'true')) return
    this.conditions(line, conditionIndex)
  }

  /** `condition-coverage="50% (1/2)"`: total outcomes, the first `covered` of them taken. */
  private conditions(line: number, index: number): void {
    const scanner = this.scanner
    const offset = scanner.attributeValueStart[index] as number
    // Real values are like "50% (1/2)": a longer one is refused before it is decoded.
    const text = attributeBytes(scanner, index) <= 64 ? scanner.attributeText(index) : ''
    const match = /\((\d{1,9})\/(\d{1,9})\)\s*$/.exec(text)
    if (match === null)
      return scanner.fail(
        offset,
        `expected condition-coverage like "50% (1/2)"; found "${attributeShown(scanner, index)}"`
      )
    const covered = Number(match[1])
    const total = Number(match[2])
    if (covered > total || total > MAX_CONDITIONS_PER_LINE) {
      scanner.fail(
        offset,
        `expected condition-coverage with covered ≤ total ≤ ${MAX_CONDITIONS_PER_LINE}; found "${attributeShown(scanner, index)}"`
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
      const shown = attributeShown(scanner, index)
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
