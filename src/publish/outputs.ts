/**
 * The action's outputs. Every output is set in every outcome: values start empty (passed and
 * tests-passed start 'false': nothing was shown to pass), are filled as the run learns them,
 * and are written once, from run()'s finally.
 */
import * as core from '@actions/core'
import { Outputs } from '../constants.js'
import { percentFigures, type ReportResult } from '../reports.js'

export class ActionOutputs {
  private readonly values = new Map<Outputs, string>()

  constructor() {
    for (const name of Object.values(Outputs)) this.values.set(name, '')
    this.values.set(Outputs.Passed, 'false')
    this.values.set(Outputs.TestsPassed, 'false')
  }

  set(name: Outputs, value: string | number | boolean): void {
    this.values.set(name, String(value))
  }

  get(name: Outputs): string {
    return this.values.get(name) ?? ''
  }

  setCoverage(result: ReportResult): void {
    const figures = percentFigures(result.figures)
    this.set(Outputs.LineCoverage, figures.lines)
    this.set(Outputs.RustLineCoverage, figures.rustLines)
    this.set(Outputs.PythonLineCoverage, figures.pythonLines)
    this.set(Outputs.BranchCoverage, figures.branches)
    this.set(Outputs.FunctionCoverage, figures.functions)
    this.set(Outputs.LinesFound, figures.linesFound)
    this.set(Outputs.LinesHit, figures.linesHit)
    this.set(Outputs.LcovPath, result.paths.lcov)
    this.set(Outputs.CoberturaPath, result.paths.cobertura)
    this.set(Outputs.SummaryJsonPath, result.paths.summaryJson)
  }

  /** Writes every output (GITHUB_OUTPUT). */
  write(): void {
    for (const [name, value] of this.values) core.setOutput(name, value)
  }
}
