/** The tools every run needs, found (and, where allowed, installed) before anything runs. */
import * as core from '@actions/core'
import type { Config } from '../config.js'
import { findCargoLlvmCovOnPath, type CargoLlvmCov } from './cargo-llvm-cov.js'
import { findLlvmTools, type LlvmTools } from './llvm-tools.js'

export interface Tools {
  cargoLlvmCov: CargoLlvmCov
  llvm: LlvmTools
}

export async function findTools(_config: Config): Promise<Tools> {
  const llvm = await findLlvmTools()
  core.info(`LLVM ${llvm.major} tools: ${llvm.llvmCov}, ${llvm.llvmProfdata} (${llvm.origin})`)
  const cargoLlvmCov = await findCargoLlvmCovOnPath()
  core.info(`cargo-llvm-cov ${cargoLlvmCov.version} (${cargoLlvmCov.origin})`)
  return { cargoLlvmCov, llvm }
}
