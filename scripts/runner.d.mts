export const REPO_ROOT: string
export function node24(): string
export function inputVariable(name: string): string
export function actionDefaults(actionFile?: string): Record<string, string>
export function evaluateDefault(text: string, context: RunnerContext): string
export function inputEnv(
  inputs: RunnerInputs | undefined,
  context: RunnerContext,
  actionFile?: string
): Record<string, string>
export function parseFileCommand(text: string): Record<string, string>

/** What the defaults of action.yml are evaluated with. */
export interface RunnerContext {
  /** github.job */
  job: string
  /** strategy.job-index ('' as under nektos/act, which has none) */
  jobIndex: string
  /** github.token ('' when not given) */
  token?: string
}

/** Inputs by their action.yml name; undefined leaves the input absent (no default either). */
export type RunnerInputs = Record<string, string | number | boolean | undefined>

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

export interface RunnerOptions {
  inputs?: RunnerInputs
  /** Applied after the runner's variables; undefined removes a variable. */
  env?: Record<string, string | undefined>
  /** GITHUB_WORKSPACE and the action's working directory; default REPO_ROOT. */
  workspace?: string
  /** Where the runner's files go; default a new temp dir. */
  runnerDir?: string
  /** The webhook payload written to GITHUB_EVENT_PATH. */
  event?: object
  eventName?: string
  /** GITHUB_JOB (github.job); default 'coverage'. */
  job?: string
  /** strategy.job-index; default '0'. */
  jobIndex?: string
  /** github.token, the default of the github-token input; default ''. */
  token?: string
  runId?: number
  runAttempt?: number
  repository?: string
  sha?: string
  ref?: string
  /** Sets RUNNER_DEBUG=1, which makes core.isDebug() true. */
  debug?: boolean
  /** The action.yml whose defaults are used; default the repository's. */
  actionFile?: string
}

export interface Runner {
  env: Record<string, string>
  files: RunnerFiles
  workspace: string
  readOutputs(): Record<string, string>
  readEnvFile(): Record<string, string>
  readState(): Record<string, string>
  /** GITHUB_PATH entries, in the order they were added. */
  readPath(): string[]
  readSummary(): string
  cleanup(): void
}

export interface RunActionOptions extends RunnerOptions {
  /** Script to run; default dist/index.js. */
  entry?: string
  /** Stream the child's output to this process. */
  echo?: boolean
}

export interface RunActionResult {
  exitCode: number | null
  stdout: string
  durationMs: number
  files: RunnerFiles
  /** The environment the action ran with. */
  env: Record<string, string>
  outputs: Record<string, string>
  exportedEnv: Record<string, string>
  summary: string
  commands: string[]
}

export function makeRunner(options?: RunnerOptions): Runner
export function runAction(options?: RunActionOptions): Promise<RunActionResult>
