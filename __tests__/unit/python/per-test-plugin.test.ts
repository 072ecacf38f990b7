/**
 * The pytest plugin of per-test: true (src/python/hook/_mixed_coverage_per_test.py) in a real
 * pytest session. A conftest maps a copy of a real extension profile, as the profile runtime
 * maps it in continuous mode, and tests raise its counters through the mapping: the plugin must
 * record exactly what each test's call phase added, name the test's context as coverage.py's
 * test_function does, and hand the test's identity to its subprocesses.
 */
import { beforeAll, describe, expect, it, jest } from '@jest/globals'
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { hookEnv, runPython, scratchDir, type Finished } from './processes.js'

jest.setTimeout(60_000)

const FIXTURE = join(import.meta.dirname, '..', '..', 'fixtures', 'per-test')

const CONFTEST = `
import mmap, os, struct, pytest

_file = open(os.environ["FAKE_PROFILE"], "r+b")
_mapped = mmap.mmap(_file.fileno(), 0)  # shared, as the runtime maps a profile

@pytest.fixture
def counters():
    def bump(index, amount):
        at = 672 + 8 * index  # the counters of this profile (see profraw.test.ts)
        value = struct.unpack_from("<Q", _mapped, at)[0]
        struct.pack_into("<Q", _mapped, at, value + amount)
    return bump

@pytest.fixture
def after_call():
    yield
    with open(os.environ["SEEN"], "a") as seen:
        seen.write("teardown %s\\n" % os.environ["LLVM_PROFILE_FILE"])
`

const TESTS = `
import os, subprocess, sys, pytest

def test_bumps(counters):
    counters(13, 3)
    counters(2, 1)

def test_nothing(after_call):
    pass

@pytest.mark.parametrize("n", [1, 2])
def test_param(counters, n):
    counters(9, n)

class TestGroup:
    def test_method(self, counters):
        counters(14, 1)

CHILD = """
import os
from coverage.config import CoverageConfig
config = CoverageConfig.deserialize(os.environ["COVERAGE_PROCESS_CONFIG"])
with open(os.environ["SEEN"], "a") as seen:
    seen.write("child %s %s %s\\\\n" % (os.environ["MIXED_COVERAGE_TEST"], os.environ["LLVM_PROFILE_FILE"], config.context))
"""

def test_thread(counters):
    import threading
    worker = threading.Thread(target=counters, args=(4, 2))
    worker.start()
    worker.join()

def test_fork(counters):
    pid = os.fork()  # the child shares the mapped counters, as a fork shares a profile's
    if pid == 0:
        counters(3, 7)
        os._exit(0)
    os.waitpid(pid, 0)

def test_subprocess():
    subprocess.run([sys.executable, "-c", CHILD], check=True)

def test_inner_pytest(tmp_path):
    (tmp_path / "test_inner.py").write_text("def test_inner():\\n    pass\\n")
    subprocess.run([sys.executable, "-m", "pytest", "-q", str(tmp_path)], check=True)
`

let dir: string
let end: Finished
let records: Array<Record<string, unknown>>
let seen: string[]
let measuredContexts: string[]

beforeAll(async () => {
  dir = scratchDir('per-test-plugin')
  const project = join(dir, 'project')
  const out = join(dir, 'out')
  mkdirSync(project)
  mkdirSync(out)
  writeFileSync(join(project, 'conftest.py'), CONFTEST)
  writeFileSync(join(project, 'test_plugin.py'), TESTS)
  const profile = join(dir, 'demo-4242-115737_0.profraw')
  copyFileSync(join(FIXTURE, 'extension-continuous.profraw'), profile)
  // coverage.py as the action configures it: test_function contexts, a static context.
  const data = join(dir, 'data', '.coverage')
  mkdirSync(join(dir, 'data'))
  const settings = `c.context = "py3"; c.dynamic_context = "test_function"; c.parallel = True; c.data_file = ${JSON.stringify(data)}`
  const config = await runPython(
    [
      '-c',
      `from coverage.config import CoverageConfig as C; c = C(); ${settings}; print(c.serialize())`
    ],
    process.env
  )
  const env = hookEnv({
    FAKE_PROFILE: profile,
    SEEN: join(dir, 'seen.txt'),
    LLVM_PROFILE_FILE: '/target/demo-%p-%2m%c.profraw',
    COVERAGE_PROCESS_CONFIG: config.stdout.trim(),
    // The start-up hook adds `-p _mixed_coverage_per_test` (and only once, in the subprocess too).
    PYTEST_ADDOPTS: '-p no:cacheprovider',
    MIXED_COVERAGE_PER_TEST_DIR: out
  })
  end = await runPython(['-m', 'pytest', '-q', project], env, { cwd: project })
  const files = readdirSync(out)
  expect(files).toEqual([expect.stringMatching(/^pytest-\d+\.jsonl$/)])
  records = readFileSync(join(out, files[0] as string), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
  seen = readFileSync(join(dir, 'seen.txt'), 'utf8').trim().split('\n')
  const combine = `import coverage, json; c = coverage.Coverage(data_file=${JSON.stringify(data)}); c.combine(); print(json.dumps(sorted(c.get_data().measured_contexts())))`
  measuredContexts = JSON.parse((await runPython(['-c', combine], process.env)).stdout) as string[]
})

describe('the per-test pytest plugin', () => {
  it('records what each test’s call phase added to the mapped profile, its threads and fork children included', () => {
    expect([end.code, end.stdout]).toEqual([0, expect.stringMatching(/9 passed/)])
    const profile = join(dir, 'demo-4242-115737_0.profraw')
    const byTest = Object.fromEntries(records.map((record) => [record.nodeid, record.profiles]))
    expect(byTest).toEqual({
      'test_plugin.py::test_bumps': {
        [profile]: [
          [2, 1],
          [13, 3]
        ]
      },
      'test_plugin.py::test_nothing': {},
      'test_plugin.py::test_param[1]': { [profile]: [[9, 1]] },
      'test_plugin.py::test_param[2]': { [profile]: [[9, 2]] },
      'test_plugin.py::TestGroup::test_method': { [profile]: [[14, 1]] },
      'test_plugin.py::test_thread': { [profile]: [[4, 2]] },
      'test_plugin.py::test_fork': { [profile]: [[3, 7]] },
      'test_plugin.py::test_subprocess': {},
      'test_plugin.py::test_inner_pytest': {}
    })
  })

  it('names each test’s context as coverage.py’s test_function does', () => {
    const contexts = records.map((record) => [record.nodeid, record.context])
    expect(contexts).toEqual([
      ['test_plugin.py::test_bumps', 'test_plugin.test_bumps'],
      ['test_plugin.py::test_nothing', 'test_plugin.test_nothing'],
      ['test_plugin.py::test_param[1]', 'test_plugin.test_param'],
      ['test_plugin.py::test_param[2]', 'test_plugin.test_param'],
      ['test_plugin.py::TestGroup::test_method', 'test_plugin.TestGroup.test_method'],
      ['test_plugin.py::test_thread', 'test_plugin.test_thread'],
      ['test_plugin.py::test_fork', 'test_plugin.test_fork'],
      ['test_plugin.py::test_subprocess', 'test_plugin.test_subprocess'],
      ['test_plugin.py::test_inner_pytest', 'test_plugin.test_inner_pytest']
    ])
    // What coverage.py itself recorded: the static context, then the test function's name —
    // and in the subprocess pytest of test_inner_pytest, that name, then the inner test's.
    const named = new Set(records.map((record) => `py3|${String(record.context)}`))
    named.add('py3|test_plugin.test_inner_pytest|test_inner.test_inner')
    expect(measuredContexts.filter((label) => label.startsWith('py3|test_'))).toEqual(
      [...named].sort()
    )
    expect(records.map((record) => record.tag)).toEqual(
      [0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => expect.stringMatching(new RegExp(`^\\d+-${n}$`)))
    )
  })

  it('names the test in its subprocesses’ profiles and coverage.py context, and only during the call', () => {
    const tag = records[7]?.tag as string
    expect(seen).toEqual([
      'teardown /target/demo-%p-%2m%c.profraw',
      `child ${tag} /target/mct-${tag}-demo-%p-%2m%c.profraw py3|test_plugin.test_subprocess`
    ])
  })
})
