// The start-up hook's SIGTERM exit (src/python/hook/sitecustomize.py) in real Python processes:
// the exit status a parent sees, exit handlers that run, output that is not lost, handlers of
// the code under test left alone, a second SIGTERM, a multiprocessing fork child, and pytest.
import { describe, expect, it, jest } from '@jest/globals'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { hookEnv, PYTHON, runPython, scratchDir, startPython } from './processes.js'

jest.setTimeout(60_000)
const describePosix = process.platform === 'win32' ? describe.skip : describe

/** A COVERAGE_PROCESS_CONFIG as the action makes it: parallel data files, sigterm = true. */
async function coverageConfig(dataFile: string): Promise<string> {
  const code =
    'import sys; from coverage.config import CoverageConfig; c = CoverageConfig(); ' +
    'c.data_file = sys.argv[1]; c.parallel = True; c.sigterm = True; print(c.serialize())'
  const { stdout } = await runPython(['-c', code, dataFile], process.env)
  return stdout.trim()
}

describePosix('SIGTERM with the hook', () => {
  it('exits with 143 after running atexit, flushing stdout, with a thread still running', async () => {
    const dir = scratchDir('sigterm')
    const marker = join(dir, 'atexit-ran')
    const ready = join(dir, 'ready')
    const code = [
      'import atexit, sys, threading, time',
      `atexit.register(lambda: open(${JSON.stringify(marker)}, "w").close())`,
      'threading.Thread(target=lambda: time.sleep(600)).start()  # not a daemon',
      'print("ready", flush=True)',
      'sys.stdout.write("unflushed tail")  # a pipe: block-buffered',
      // Ready only once the tail is written: a SIGTERM before it would find nothing to flush.
      `open(${JSON.stringify(ready)}, "w").close()`,
      'time.sleep(600)'
    ].join('\n')
    const run = startPython(['-c', code], hookEnv())
    await run.lineSeen('ready')
    while (!existsSync(ready)) await new Promise((resolve) => setTimeout(resolve, 10))
    run.child.kill('SIGTERM')
    const end = await run.finished
    expect([end.code, end.signal]).toEqual([143, null])
    expect(existsSync(marker)).toBe(true)
    expect(end.stdout).toBe('ready\nunflushed tail')
  })

  it('saves coverage.py data, replacing coverage.py own handler', async () => {
    const dir = scratchDir('sigterm-cov')
    const config = await coverageConfig(join(dir, '.coverage'))
    const code = [
      'import signal, time',
      'print(signal.getsignal(signal.SIGTERM).__name__, flush=True)',
      'print("ready", flush=True)',
      'time.sleep(600)'
    ].join('\n')
    const run = startPython(['-c', code], hookEnv({ COVERAGE_PROCESS_CONFIG: config }))
    await run.lineSeen('ready')
    run.child.kill('SIGTERM')
    const end = await run.finished
    expect(end.stdout.split('\n')[0]).toBe('_mixed_coverage_sigterm')
    expect(end.code).toBe(143)
    expect(readdirSync(dir).filter((name) => name.startsWith('.coverage.'))).toHaveLength(1)
  })

  // Python runs handlers in the main thread only; a SIGTERM the kernel gives another thread
  // (always so while the main thread is in pthread_create) would leave a sleeping main thread
  // asleep. The hook's watcher thread sends it on to the main thread.
  const SIGNAL_ANOTHER_THREAD = [
    'import signal, threading, time',
    'started = threading.Event()',
    'def other():',
    '    started.wait()',
    '    time.sleep(0.3)  # the main thread is asleep by now (if not, the handler still runs)',
    '    signal.pthread_kill(threading.get_ident(), signal.SIGTERM)  # to this thread only',
    '    time.sleep(600)',
    'threading.Thread(target=other, daemon=True).start()',
    'print("ready", flush=True)',
    'started.set()',
    'time.sleep(600)'
  ]

  it('exits with 143 when SIGTERM reaches another thread while the main thread sleeps', async () => {
    const run = startPython(['-c', SIGNAL_ANOTHER_THREAD.join('\n')], hookEnv())
    const end = await run.finished
    expect([end.code, end.signal, end.stdout]).toEqual([143, null, 'ready\n'])
  })

  it('adds no thread that the threading module lists', async () => {
    const code = 'import threading; print(threading.active_count(), len(threading.enumerate()))'
    const end = await runPython(['-c', code], hookEnv())
    expect(end.stdout).toBe('1 1\n')
  })

  it('sends nothing on when the code under test handles SIGTERM itself', async () => {
    const code = [
      'import signal, sys, threading, time',
      'seen = []',
      'signal.signal(signal.SIGTERM, lambda signum, frame: seen.append(signum))',
      ...SIGNAL_ANOTHER_THREAD.slice(1, -1),
      '# the handler runs at the first bytecode after a sleep: poll, with a generous deadline',
      'deadline = time.monotonic() + 30',
      'while not seen and time.monotonic() < deadline:',
      '    time.sleep(0.05)',
      'time.sleep(0.3)  # room for a second delivery, which must not come',
      'print("handled", len(seen), flush=True)'
    ].join('\n')
    const end = await runPython(['-c', code], hookEnv())
    expect([end.code, end.stdout]).toEqual([0, 'ready\nhandled 1\n'])
  })

  it('leaves a handler of the code under test alone', async () => {
    const code = [
      'import signal, sys, time',
      'def mine(signum, frame):',
      '    print("mine", flush=True)',
      '    sys.exit(7)',
      'signal.signal(signal.SIGTERM, mine)',
      'print("ready", flush=True)',
      'time.sleep(600)'
    ].join('\n')
    const run = startPython(['-c', code], hookEnv())
    await run.lineSeen('ready')
    run.child.kill('SIGTERM')
    const end = await run.finished
    expect([end.code, end.stdout]).toEqual([7, 'ready\nmine\n'])
  })

  it('is not installed over SIGTERM ignored by the parent, nor without MIXED_COVERAGE_SIGTERM', async () => {
    const show =
      'import signal; h = signal.getsignal(signal.SIGTERM); ' +
      'print("ignored" if h == signal.SIG_IGN else "default" if h == signal.SIG_DFL else h)'
    const trapped = startPython(['-c', `trap '' TERM; exec ${PYTHON} -c '${show}'`], hookEnv(), {
      command: ['bash']
    })
    expect((await trapped.finished).stdout).toBe('ignored\n')
    const off = await runPython(['-c', show], hookEnv({ MIXED_COVERAGE_SIGTERM: '0' }))
    expect(off.stdout).toBe('default\n')
  })

  it('dies by a second SIGTERM that arrives while the exit handlers run', async () => {
    const code = [
      'import atexit, time',
      'atexit.register(lambda: (print("in atexit", flush=True), time.sleep(600)))',
      'print("ready", flush=True)',
      'time.sleep(600)'
    ].join('\n')
    const run = startPython(['-c', code], hookEnv())
    await run.lineSeen('ready')
    run.child.kill('SIGTERM')
    await run.lineSeen('in atexit')
    run.child.kill('SIGTERM')
    const end = await run.finished
    expect([end.code, end.signal]).toEqual([null, 'SIGTERM'])
  })

  it('saves the coverage.py data of a multiprocessing fork child and exits it with 143', async () => {
    const dir = scratchDir('sigterm-fork')
    const config = await coverageConfig(join(dir, '.coverage'))
    const code = [
      'import multiprocessing as mp, time',
      'def work(queue):',
      '    queue.put("working")',
      '    time.sleep(600)',
      'if __name__ == "__main__":',
      '    mp.set_start_method("fork")',
      '    queue = mp.Queue()',
      '    child = mp.Process(target=work, args=(queue,))',
      '    child.start()',
      '    queue.get()',
      '    child.terminate()',
      '    child.join()',
      '    print("child", child.pid, child.exitcode)'
    ].join('\n')
    writeFileSync(join(dir, 'fork.py'), code)
    const end = await runPython(
      [join(dir, 'fork.py')],
      hookEnv({ COVERAGE_PROCESS_CONFIG: config })
    )
    const [, pid, status] = end.stdout.trim().split(' ')
    expect(status).toBe('143')
    // coverage.py names each process's data file after its pid.
    const files = readdirSync(dir).filter((name) => name.startsWith('.coverage.'))
    expect(files.some((name) => name.includes(`.${pid}.`) || name.includes(`pid${pid}.`))).toBe(
      true
    )
  })

  it('ends a pytest run promptly with 143 when SIGTERM arrives during a test', async () => {
    const dir = scratchDir('sigterm-pytest')
    const started = join(dir, 'started')
    writeFileSync(
      join(dir, 'test_slow.py'),
      [
        'import time',
        'def test_sleeps():',
        `    open(${JSON.stringify(started)}, "w").close()`,
        '    time.sleep(600)',
        'def test_after():',
        '    time.sleep(600)'
      ].join('\n')
    )
    const run = startPython(
      ['-c', 'import sys, pytest; print("ready", flush=True); sys.exit(pytest.main(sys.argv[1:]))'],
      hookEnv(),
      { cwd: dir }
    )
    await run.lineSeen('ready')
    while (!existsSync(started)) await new Promise((resolve) => setTimeout(resolve, 20))
    run.child.kill('SIGTERM')
    const end = await run.finished
    // Before, SystemExit(143) was caught by pytest: "FAILED test_sleeps - SystemExit: 143",
    // and test_after ran for its 600 s.
    expect([end.code, end.signal]).toEqual([143, null])
    expect(end.stdout).not.toMatch(/SystemExit|passed|failed/)
    expect(readFileSync(started, 'utf8')).toBe('')
  })
})
