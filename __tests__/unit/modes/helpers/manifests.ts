/** Manifests as collect jobs on other machines write them. */
import { MANIFEST_SCHEMA, type ShardManifest } from '../../../../src/modes/index.js'

/** A shard measured on a GitHub-hosted Windows runner (workspace D:\a\repo\repo). */
export function windowsManifest(overrides: Partial<ShardManifest> = {}): ShardManifest {
  return {
    schema: MANIFEST_SCHEMA,
    shard: 'windows-3.12',
    commit: 'a'.repeat(40),
    action: { version: '0.1.0', ref: 'v1' },
    runner: { os: 'Windows', arch: 'X64' },
    pythonVersion: '3.12.10',
    workspace: 'D:\\a\\repo\\repo',
    workingDirectory: 'examples/pyo3-demo',
    tests: { rust: 0, python: null },
    failures: [],
    diagnosis: '',
    reports: { rust: 'rust.lcov', python: null },
    job: { name: 'coverage', runId: '42', runAttempt: '1' },
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides
  }
}
