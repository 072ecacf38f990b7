/**
 * A pull request on a copy of examples/pyo3-demo (fixtures/publish/pr-repository.ts: changed
 * Rust and Python lines, some run by tests, some not) with per-test: true and the default
 * cargo test: the step summary's tests of the changed lines, and `cli.js tests-for` on the
 * same change, with the real toolchain.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { runAction, type RunActionResult } from '../../scripts/runner.mjs'
import { makePullRequestRepository } from '../fixtures/publish/pr-repository.js'
import type { TestsJson } from '../helpers/tests-json.js'
import { REPO_ROOT, venvEnv } from '../helpers/toolchain.js'

const CHECKSUM = 'tests/test_api.py::test_checksum_from_rust'
const DESCRIBE = 'tests/test_api.py::test_describe'

describe('a pull request with per-test: true', () => {
  let repo: ReturnType<typeof makePullRequestRepository>
  let run: RunActionResult
  beforeAll(async () => {
    repo = makePullRequestRepository('examples/pyo3-demo', REPO_ROOT)
    const event = JSON.parse(
      readFileSync(join(REPO_ROOT, '__tests__/fixtures/publish/pull_request.json'), 'utf8')
        .replace('BASE_SHA', repo.base)
        .replace('HEAD_SHA', repo.head)
    ) as object
    run = await runAction({
      workspace: repo.dir,
      inputs: { 'upload-artifact': 'false', 'per-test': 'true' },
      env: venvEnv(),
      event,
      eventName: 'pull_request'
    })
    if (run.exitCode !== 0) throw new Error(`action failed:\n${run.stdout.slice(-6000)}`)
  }, 900_000)
  afterAll(() => rmSync(repo.dir, { recursive: true, force: true }))

  it('names in the summary the tests that run the changed lines, and the lines no test runs', () => {
    const summary = run.summary
    const section = summary.slice(
      summary.indexOf('### Tests of the changed lines'),
      summary.indexOf('### Least covered')
    )
    expect(section).toContain(
      "<p>3 of 13 changed coverable lines are run by 2 tests; 10 by no test. Every test's lines: <code>coverage/tests.json</code>.</p>"
    )
    expect(section).toContain(
      '<tr><td><code>tests/test&#95;api.py&#58;&#58;test&#95;describe</code></td><td>3</td><td>core/src/lib.rs 7<br>python/pyo3&#95;demo/&#95;&#95;init&#95;&#95;.py 11, 13</td></tr>'
    )
    expect(section).toContain(
      '<tr><td><code>tests/test&#95;api.py&#58;&#58;test&#95;checksum&#95;from&#95;rust</code></td><td>1</td><td>core/src/lib.rs 7</td></tr>'
    )
    expect(section).toContain('<tr><td>core/src/lib.rs</td><td>30–32, 35–37</td><td>—</td></tr>')
    expect(section).toContain('<tr><td>ext/src/lib.rs</td><td>21</td><td>—</td></tr>')
    expect(section).toContain(
      '<tr><td>python/pyo3&#95;demo/&#95;&#95;init&#95;&#95;.py</td><td>12</td><td>—</td></tr>'
    )
    expect(section).toContain(
      '<tr><td>python/pyo3&#95;demo/unused.py</td><td>9–10</td><td>—</td></tr>'
    )
    // cargo test runs the tests of an executable in one process: one group.
    const written = JSON.parse(
      readFileSync(join(repo.dir, 'coverage', 'tests.json'), 'utf8')
    ) as TestsJson
    expect(written.tests.map((test) => [test.id, test.kind]).pop()).toEqual([
      'demo_core',
      'rust-binary'
    ])
  })

  it('selects the same tests with cli.js tests-for', () => {
    const cli = spawnSync(
      process.execPath,
      [join(REPO_ROOT, 'dist', 'cli.js'), 'tests-for', '--diff', repo.base],
      {
        cwd: repo.dir,
        encoding: 'utf8'
      }
    )
    expect([cli.status, cli.stdout]).toEqual([0, `${DESCRIBE}\n${CHECKSUM}\n`])
    expect(cli.stderr).toMatch(
      /^mixed-coverage: 3 of 13 changed coverable lines are run by 2 test\(s\)\n/
    )
  })
})
