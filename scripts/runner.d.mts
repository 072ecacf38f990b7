export const REPO_ROOT: string
export function node24(): string
export function inputVariable(name: string): string
export function parseFileCommand(text: string): Record<string, string>

export interface RunnerFiles {
  dir: string
  temp: string
  toolCache: string
  output: string
  env: string
  state: string
  path: string
  summary: string
  event: string
}

export interface RunActionOptions {
  inputs?: Record<string, string>
  env?: Record<string, string | undefined>
  workspace?: string
  runnerDir?: string
  event?: object
  eventName?: string
  entry?: string
  echo?: boolean
}

export interface RunActionResult {
  exitCode: number | null
  stdout: string
  durationMs: number
  files: RunnerFiles
  outputs: Record<string, string>
  exportedEnv: Record<string, string>
  summary: string
  commands: string[]
}

export function runAction(options?: RunActionOptions): Promise<RunActionResult>
