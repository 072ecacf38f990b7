/**
 * The shard manifest: what a collect job knew about its run that the merge job needs to read
 * the raw reports right (where their paths are rooted), to refuse what does not belong (another
 * commit, another schema) and to report the outcome (test exit codes, failures).
 *
 * Pure: the facts come in as data, the manifest goes out as JSON text.
 */

/** The file inside every shard artifact that makes it one. */
export const MANIFEST_FILE = 'shard.json'

/** Bumped when a field changes meaning; merge refuses manifests of another schema. */
export const MANIFEST_SCHEMA = 1

export interface ShardManifest {
  schema: typeof MANIFEST_SCHEMA
  /** The shard identity (input `shard`); the artifact is `<prefix><shard>`. */
  shard: string
  /** GITHUB_SHA of the collect job: merge refuses shards of another commit. */
  commit: string
  action: { version: string; ref: string }
  /** RUNNER_OS / RUNNER_ARCH (Linux, Windows, macOS / X64, ARM64). */
  runner: { os: string; arch: string }
  /** Version of the interpreter the Python tests ran under; '' when unknown or not run. */
  pythonVersion: string
  /**
   * The repository root the shard ran in, as its OS writes it (`D:\a\repo\repo`): absolute
   * paths in its lcov are made relative to it.
   */
  workspace: string
  /** The working directory relative to `workspace`, with '/' (coverage.py names are relative to it). */
  workingDirectory: string
  /** Exit codes of the test commands; null when the phase was skipped. */
  tests: { rust: number | null; python: number | null }
  /** Errors that stopped a phase after measuring began. */
  failures: string[]
  /** Why the extension wrote no profile, when the collect job found out. */
  diagnosis: string
  /** File names of the raw reports inside the artifact; null when the tool wrote none. */
  reports: { rust: string | null; python: string | null }
  job: { name: string; runId: string; runAttempt: string }
  createdAt: string
}

/** A manifest that cannot be used, with the reason; the message names the artifact. */
export class ShardError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ShardError'
  }
}

export function serializeManifest(manifest: ShardManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`
}

/**
 * Reads and checks a manifest. Every field is checked for its type, so that a file that only
 * looks like a manifest fails here, naming the artifact, and not later in the merge.
 */
export function parseManifest(text: string, artifact: string): ShardManifest {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new ShardError(`${artifact}: ${MANIFEST_FILE} is not JSON (${(error as Error).message})`)
  }
  const fields = new FieldReader(data, artifact)
  const schema = fields.number('schema')
  if (schema !== MANIFEST_SCHEMA) {
    throw new ShardError(
      `${artifact}: ${MANIFEST_FILE} has schema ${schema}, this action reads schema ${MANIFEST_SCHEMA}; collect and merge with the same version of the action`
    )
  }
  return {
    schema: MANIFEST_SCHEMA,
    shard: fields.string('shard'),
    commit: fields.string('commit'),
    action: { version: fields.string('action.version'), ref: fields.string('action.ref') },
    runner: { os: fields.string('runner.os'), arch: fields.string('runner.arch') },
    pythonVersion: fields.string('pythonVersion'),
    workspace: fields.string('workspace'),
    workingDirectory: fields.string('workingDirectory'),
    tests: { rust: fields.exitCode('tests.rust'), python: fields.exitCode('tests.python') },
    failures: fields.strings('failures'),
    diagnosis: fields.string('diagnosis'),
    reports: {
      rust: fields.fileName('reports.rust'),
      python: fields.fileName('reports.python')
    },
    job: {
      name: fields.string('job.name'),
      runId: fields.string('job.runId'),
      runAttempt: fields.string('job.runAttempt')
    },
    createdAt: fields.string('createdAt')
  }
}

/** Reads dotted paths of an untrusted JSON value, throwing a ShardError that names the field. */
class FieldReader {
  constructor(
    private readonly data: unknown,
    private readonly artifact: string
  ) {}

  private value(path: string): unknown {
    let current: unknown = this.data
    for (const key of path.split('.')) {
      current =
        current !== null && typeof current === 'object' && !Array.isArray(current)
          ? (current as Record<string, unknown>)[key]
          : undefined
    }
    return current
  }

  private fail(path: string, expected: string): never {
    throw new ShardError(`${this.artifact}: ${MANIFEST_FILE} field '${path}' must be ${expected}`)
  }

  number(path: string): number {
    const value = this.value(path)
    return typeof value === 'number' ? value : this.fail(path, 'a number')
  }

  string(path: string): string {
    const value = this.value(path)
    return typeof value === 'string' ? value : this.fail(path, 'a string')
  }

  strings(path: string): string[] {
    const value = this.value(path)
    const valid = Array.isArray(value) && value.every((item) => typeof item === 'string')
    return valid ? (value as string[]) : this.fail(path, 'a list of strings')
  }

  exitCode(path: string): number | null {
    const value = this.value(path)
    if (value === null || (typeof value === 'number' && Number.isInteger(value))) return value
    return this.fail(path, 'an exit code or null')
  }

  /** A plain file name: the artifact's files are read from one directory, nothing else. */
  fileName(path: string): string | null {
    const value = this.value(path)
    if (value === null) return null
    if (typeof value === 'string' && /^[\w.-]+$/.test(value) && !/^\.+$/.test(value)) return value
    return this.fail(path, 'a plain file name or null')
  }
}
