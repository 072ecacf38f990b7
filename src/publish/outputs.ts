/** Sets the action's outputs from the merged figures. */
import * as core from '@actions/core'
import { Outputs } from '../constants.js'
import type { ReportResult } from '../reports.js'

export function setCoverageOutputs(result: ReportResult): void {
  const figures = result.figures
  core.setOutput(Outputs.LineCoverage, figures.lines)
  core.setOutput(Outputs.RustLineCoverage, figures.rustLines)
  core.setOutput(Outputs.PythonLineCoverage, figures.pythonLines)
  core.setOutput(Outputs.BranchCoverage, figures.branches)
  core.setOutput(Outputs.FunctionCoverage, figures.functions)
  core.setOutput(Outputs.LinesFound, String(figures.linesFound))
  core.setOutput(Outputs.LinesHit, String(figures.linesHit))
  core.setOutput(Outputs.LcovPath, result.paths.lcov)
  core.setOutput(Outputs.CoberturaPath, result.paths.cobertura)
  core.setOutput(Outputs.SummaryJsonPath, result.paths.summaryJson)
}
