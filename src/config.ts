/**
 * getConfig(): every input read, validated and resolved once, before any command runs.
 * The result is frozen and carried through the run.
 */
import { existsSync, statSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { Inputs } from './constants.js'
import { InputError } from './errors.js'
import {
  getBoolean,
  getEnum,
  getList,
  getNonEmpty,
  getOptionalNumber,
  getString,
  type InputSource
} from './inputs.js'

export const MODES = ['run', 'collect', 'merge', 'comment'] as const
export const POLICIES = ['fail', 'warn'] as const
export const ANNOTATION_SCOPES = ['changed', 'all', 'none'] as const
export type Mode = (typeof MODES)[number]
export type Policy = (typeof POLICIES)[number]
export type AnnotationScope = (typeof ANNOTATION_SCOPES)[number]

/** Minimum percentages; an absent key is not gated. */
export interface Thresholds {
  lines?: number
  rustLines?: number
  pythonLines?: number
  branches?: number
  functions?: number
  changedLines?: number
  /** How many points line coverage may fall against the base branch's baseline. */
  delta?: number
}

export interface Config {
  /** Repository root: report paths are relative to it. */
  workspace: string
  /** Absolute directory the commands run in (the Cargo workspace and Python project). */
  workingDirectory: string
  mode: Mode
  /** Shell command; empty skips the Rust test phase. */
  rustTestCommand: string
  /** 'auto' builds the extension in the debug profile; empty skips the build. */
  pythonBuildCommand: string
  /** Shell command; empty skips the Python phases. */
  pythonTestCommand: string
  /** Interpreter command, or 'auto' (active virtual environment, then python, then python3). */
  python: string
  /** Arguments for `uv sync` in a uv project instead of the guessed test groups; [] guesses. */
  uvSyncArgs: string[]
  /** What coverage.py measures; empty means: from pyproject.toml and the user's config. */
  pythonSource: string[]
  pythonSubprocessCoverage: boolean
  outputDir: string
  exclude: string[]
  includeOutsideWorkspace: boolean
  /** Local crates (package names or globs) to report; empty: every workspace member and path dependency. */
  packages: string[]
  /** Local crates to leave out; a path dependency left out is not instrumented either. */
  excludePackages: string[]
  maxReportSizeBytes: number
  cargoLlvmCovVersion: string
  installLlvm: boolean
  installPythonTools: boolean
  thresholds: Thresholds
  onThresholdFailure: Policy
  onTestFailure: Policy
  onUploadFailure: Policy
  annotations: AnnotationScope
  uploadArtifact: boolean
  artifactName: string
  retentionDays?: number
  shard: string
  expectedShards: string[]
  shardArtifactPrefix: string
  /** Post (or update) one comment on the pull request. */
  comment: boolean
  /** Token for the REST API (baseline lookup, comments); empty: those are off. */
  githubToken: string
  /** Which tests ran which lines (tests.json); run mode only. */
  perTest: boolean
}

/** The defaults action.yml declares; a test keeps the two in step. */
export const DEFAULTS = {
  [Inputs.WorkingDirectory]: '.',
  [Inputs.Mode]: 'run',
  [Inputs.RustTestCommand]: 'cargo test --workspace',
  [Inputs.PythonBuildCommand]: 'auto',
  [Inputs.PythonTestCommand]: 'pytest',
  [Inputs.Python]: 'auto',
  [Inputs.PythonSubprocessCoverage]: 'true',
  [Inputs.OutputDir]: 'coverage',
  [Inputs.IncludeOutsideWorkspace]: 'false',
  [Inputs.MaxReportSizeMb]: '1024',
  [Inputs.CargoLlvmCovVersion]: '0.9.1',
  [Inputs.InstallLlvm]: 'false',
  [Inputs.InstallPythonTools]: 'false',
  [Inputs.OnThresholdFailure]: 'fail',
  [Inputs.OnTestFailure]: 'fail',
  [Inputs.OnUploadFailure]: 'warn',
  [Inputs.Annotations]: 'changed',
  [Inputs.UploadArtifact]: 'true',
  [Inputs.ShardArtifactPrefix]: 'mixed-coverage-shard-',
  [Inputs.Comment]: 'false',
  [Inputs.GithubToken]: '${{ github.token }}',
  [Inputs.PerTest]: 'false'
} as const

const PERCENT = { min: 0, max: 100 }

type FlagInput =
  | Inputs.PythonSubprocessCoverage
  | Inputs.IncludeOutsideWorkspace
  | Inputs.InstallLlvm
  | Inputs.InstallPythonTools
  | Inputs.UploadArtifact
  | Inputs.Comment
  | Inputs.PerTest

/** A true/false input's default, as action.yml declares it. */
function defaultFlag(input: FlagInput): boolean {
  return DEFAULTS[input] === 'true'
}

/** A true/false input, its default from DEFAULTS. */
function flag(env: InputSource, input: FlagInput): boolean {
  return getBoolean(env, input, defaultFlag(input))
}

type PolicyInput = Inputs.OnThresholdFailure | Inputs.OnTestFailure | Inputs.OnUploadFailure

function policy(env: InputSource, input: PolicyInput): Policy {
  return getEnum<Policy>(env, input, POLICIES, DEFAULTS[input])
}

type CommandInput = Inputs.RustTestCommand | Inputs.PythonBuildCommand | Inputs.PythonTestCommand

/** A command input: empty is kept (it skips the phase), absent takes the default. */
function command(env: InputSource, input: CommandInput): string {
  return getString(env, input, DEFAULTS[input])
}

export function getConfig(env: InputSource = process.env): Readonly<Config> {
  const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd())
  const workingDirectory = resolveDirectory(
    workspace,
    getNonEmpty(env, Inputs.WorkingDirectory, DEFAULTS[Inputs.WorkingDirectory])
  )
  const mode = getEnum<Mode>(env, Inputs.Mode, MODES, DEFAULTS[Inputs.Mode])
  const jobId = `${env.GITHUB_JOB || 'job'}`
  const config: Config = {
    workspace,
    workingDirectory,
    mode,
    rustTestCommand: command(env, Inputs.RustTestCommand),
    pythonBuildCommand: command(env, Inputs.PythonBuildCommand),
    pythonTestCommand: command(env, Inputs.PythonTestCommand),
    python: getNonEmpty(env, Inputs.Python, DEFAULTS[Inputs.Python]),
    uvSyncArgs: getString(env, Inputs.UvSyncArgs, '').split(/\s+/).filter(Boolean),
    pythonSource: getList(env, Inputs.PythonSource),
    pythonSubprocessCoverage: flag(env, Inputs.PythonSubprocessCoverage),
    outputDir: resolve(workspace, getNonEmpty(env, Inputs.OutputDir, DEFAULTS[Inputs.OutputDir])),
    exclude: getList(env, Inputs.Exclude),
    includeOutsideWorkspace: flag(env, Inputs.IncludeOutsideWorkspace),
    // Checked against the local crates once `cargo metadata` has listed them (phases/crates.ts).
    packages: getList(env, Inputs.Packages),
    excludePackages: getList(env, Inputs.ExcludePackages),
    maxReportSizeBytes:
      (getOptionalNumber(env, Inputs.MaxReportSizeMb, { min: 1, max: 65536 }) ??
        Number(DEFAULTS[Inputs.MaxReportSizeMb])) *
      1024 *
      1024,
    cargoLlvmCovVersion: readVersion(env),
    installLlvm: flag(env, Inputs.InstallLlvm),
    installPythonTools: flag(env, Inputs.InstallPythonTools),
    thresholds: readThresholds(env),
    onThresholdFailure: policy(env, Inputs.OnThresholdFailure),
    onTestFailure: policy(env, Inputs.OnTestFailure),
    onUploadFailure: policy(env, Inputs.OnUploadFailure),
    annotations: getEnum<AnnotationScope>(
      env,
      Inputs.Annotations,
      ANNOTATION_SCOPES,
      DEFAULTS[Inputs.Annotations]
    ),
    uploadArtifact: flag(env, Inputs.UploadArtifact),
    artifactName: readArtifactName(env, Inputs.ArtifactName, `mixed-coverage-${jobId}`),
    retentionDays: getOptionalNumber(env, Inputs.RetentionDays, { min: 1, max: 90, integer: true }),
    shard: readArtifactName(env, Inputs.Shard, jobId),
    expectedShards: getList(env, Inputs.ExpectedShards),
    shardArtifactPrefix: readArtifactName(
      env,
      Inputs.ShardArtifactPrefix,
      DEFAULTS[Inputs.ShardArtifactPrefix]
    ),
    comment: flag(env, Inputs.Comment),
    // Absent means no token (the runner always sets the default, github.token).
    githubToken: getString(env, Inputs.GithubToken, ''),
    perTest: readPerTest(env, mode)
  }
  return Object.freeze(config)
}

/** Per-test coverage is measured where the tests run and published where it is measured. */
function readPerTest(env: InputSource, mode: Mode): boolean {
  const perTest = getBoolean(env, Inputs.PerTest, defaultFlag(Inputs.PerTest))
  if (perTest && mode !== 'run') {
    throw new InputError(
      Inputs.PerTest,
      `per-test coverage is measured and published in mode run only, not in mode ${mode}`
    )
  }
  return perTest
}

function resolveDirectory(workspace: string, given: string): string {
  const path = isAbsolute(given) ? given : resolve(workspace, given)
  if (!existsSync(path)) {
    throw new InputError(
      Inputs.WorkingDirectory,
      `directory '${given}' does not exist (resolved to ${path}); give a path relative to the repository root`
    )
  }
  if (!statSync(path).isDirectory()) {
    throw new InputError(Inputs.WorkingDirectory, `'${given}' is a file, expected a directory`)
  }
  return path
}

function readThresholds(env: InputSource): Thresholds {
  const entries: Array<[keyof Thresholds, Inputs]> = [
    ['lines', Inputs.FailUnderLines],
    ['rustLines', Inputs.FailUnderRustLines],
    ['pythonLines', Inputs.FailUnderPythonLines],
    ['branches', Inputs.FailUnderBranches],
    ['functions', Inputs.FailUnderFunctions],
    ['changedLines', Inputs.FailUnderChangedLines],
    ['delta', Inputs.FailUnderDelta]
  ]
  const thresholds: Thresholds = {}
  for (const [key, input] of entries) {
    const value = getOptionalNumber(env, input, PERCENT)
    if (value !== undefined) thresholds[key] = value
  }
  return thresholds
}

const VERSION = /^(latest|\d+\.\d+\.\d+)$/

function readVersion(env: InputSource): string {
  const version = getNonEmpty(
    env,
    Inputs.CargoLlvmCovVersion,
    DEFAULTS[Inputs.CargoLlvmCovVersion]
  ).replace(/^v/, '')
  if (!VERSION.test(version)) {
    throw new InputError(
      Inputs.CargoLlvmCovVersion,
      `expected 'latest' or a version like 0.9.1, got '${version}'`
    )
  }
  return version
}

/** Artifact names may not contain these characters (the artifact service refuses them). */
const FORBIDDEN_IN_NAMES = /[":<>|*?\\/\r\n]/

function readArtifactName(env: InputSource, input: string, fallback: string): string {
  const name = getNonEmpty(env, input, fallback)
  if (FORBIDDEN_IN_NAMES.test(name)) {
    throw new InputError(
      input,
      `'${name}' contains a character artifact names may not have (" : < > | * ? \\ / or a line break)`
    )
  }
  return name
}
