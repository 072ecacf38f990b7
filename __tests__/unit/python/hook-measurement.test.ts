// Which processes the start-up hook measures (MIXED_COVERAGE_SUBPROCESS), and how it hands
// over to a sitecustomize of the user's, in real Python processes.
import { describe, expect, it, jest } from '@jest/globals'
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { PYTHON_HOOK_DIR } from '../../../src/assets.js'
import { hookEnv, runPython, scratchDir } from './processes.js'

jest.setTimeout(60_000)

/** Prints whether coverage runs here, in a child process, and in a program this one execs. */
const RUNNING = 'import coverage; running = coverage.Coverage.current() is not None'
const PARENT = [
  'import os, subprocess, sys',
  RUNNING,
  'print("parent", running, flush=True)',
  `child = subprocess.run([sys.executable, "-c", ${JSON.stringify(`${RUNNING}; print(running)`)}], capture_output=True, text=True)`,
  'print("child", child.stdout.strip(), flush=True)',
  `os.execv(sys.executable, [sys.executable, "-c", ${JSON.stringify(`${RUNNING}; print("exec", running)`)}])`
].join('\n')

async function measuredProcesses(subprocess: '0' | '1'): Promise<string> {
  const dir = scratchDir('hook-measure')
  const { stdout: config } = await runPython(
    [
      '-c',
      'import sys; from coverage.config import CoverageConfig; c = CoverageConfig(); ' +
        'c.data_file = sys.argv[1]; c.parallel = True; print(c.serialize())',
      join(dir, '.coverage')
    ],
    process.env
  )
  const env = hookEnv({
    COVERAGE_PROCESS_CONFIG: config.trim(),
    MIXED_COVERAGE_SUBPROCESS: subprocess
  })
  const end = await runPython(['-c', PARENT], env)
  expect(end.stderr).toBe('')
  return end.stdout
}

describe('the processes the hook measures', () => {
  it('measures every Python process by default', async () => {
    expect(await measuredProcesses('1')).toBe('parent True\nchild True\nexec True\n')
  })

  it("measures only the command's own processes with MIXED_COVERAGE_SUBPROCESS=0", async () => {
    // A program the measured process execs (poetry run pytest) is still the same process.
    expect(await measuredProcesses('0')).toBe('parent True\nchild False\nexec True\n')
  })
})

describe("the user's sitecustomize", () => {
  function userSite(): string {
    const dir = scratchDir('user-site')
    writeFileSync(
      join(dir, 'sitecustomize.py'),
      'import os\nos.environ["USER_SITE_RUNS"] = os.environ.get("USER_SITE_RUNS", "") + "x"\n'
    )
    return dir
  }
  const SHOW =
    'import os, sys; print(os.environ.get("USER_SITE_RUNS"), sys.modules["sitecustomize"].__file__)'

  it('runs once after the hook and is the module `import sitecustomize` finds', async () => {
    const user = userSite()
    const env = hookEnv({ PYTHONPATH: [PYTHON_HOOK_DIR, user].join(delimiter) })
    const end = await runPython(['-c', SHOW], env)
    expect(end.stdout).toBe(`x ${join(user, 'sitecustomize.py')}\n`)
  })

  it('is found once when the hook directory is on the path twice, under another name', async () => {
    const user = userSite()
    const links = scratchDir('hook-link')
    mkdirSync(join(links, 'sub'))
    symlinkSync(PYTHON_HOOK_DIR, join(links, 'sub', 'hook-again'))
    const path = [PYTHON_HOOK_DIR, join(links, 'sub', 'hook-again'), user].join(delimiter)
    const end = await runPython(['-c', SHOW], hookEnv({ PYTHONPATH: path }))
    expect([end.stdout, end.stderr]).toEqual([`x ${join(user, 'sitecustomize.py')}\n`, ''])
  })
})
