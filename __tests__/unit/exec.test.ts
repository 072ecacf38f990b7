// The command wrapper against real processes: node (this test's own interpreter) and bash.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { CommandError } from '../../src/errors.js'
import { exec, runShell } from '../../src/exec.js'

const NODE = process.execPath

/** Runs `script` with node; argv after it reach the script as process.argv.slice(1). */
function nodeArgv(script: string, ...args: string[]): string[] {
  return [NODE, '-e', script, '--', ...args]
}

async function failure(promise: Promise<unknown>): Promise<CommandError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(CommandError)
  return error as CommandError
}

/** Gone, or dead and waiting to be reaped (this container's PID 1 may not reap orphans). */
function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return true
  }
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')
}

async function goneWithin(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms
  while (!isGone(pid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return isGone(pid)
}

describe('exec', () => {
  it('passes every argv element through untouched: spaces, quotes, $, globs, newlines', async () => {
    const args = ['a b', "it's", '"double"', '$HOME', '*', 'semi;colon', 'two\nlines', '']
    const { stdout, exitCode } = await exec(
      nodeArgv('process.stdout.write(JSON.stringify(process.argv.slice(1)))', ...args),
      { captureStdout: true, silent: true }
    )
    expect(exitCode).toBe(0)
    expect(JSON.parse(stdout)).toEqual(args)
  })

  it('turns a non-zero exit into a CommandError with the command, code and last stderr lines', async () => {
    const script = 'for (let i = 1; i <= 30; i++) console.error(`line ${i}`); process.exitCode = 3'
    const argv = nodeArgv(script, 'with space')
    const error = await failure(exec(argv, { silent: true, hint: 'check the thing' }))
    expect(error.command).toEqual(argv)
    expect(error.exitCode).toBe(3)
    expect(error.timedOut).toBe(false)
    const tail = error.stderrTail.split('\n')
    expect(tail).toHaveLength(20)
    expect(tail[0]).toBe('line 11')
    expect(tail.at(-1)).toBe('line 30')
    expect(error.message.split('\n')[0]).toBe(
      `${NODE} -e '${script.replace(/'/g, `'\\''`)}' -- 'with space' exited with code 3: check the thing`
    )
    expect(error.message).toContain('--- last lines of its error output ---\nline 11\n')
  })

  it('returns the exit code instead of throwing with allowFailure', async () => {
    const result = await exec(nodeArgv('console.error("bad"); process.exit(5)'), {
      silent: true,
      allowFailure: true
    })
    expect(result.exitCode).toBe(5)
    expect(result.stderrTail).toBe('bad')
  })

  it('reports a death by signal as 128 + the signal number', async () => {
    const result = await exec(nodeArgv('process.kill(process.pid, "SIGTERM")'), {
      silent: true,
      allowFailure: true
    })
    expect(result.exitCode).toBe(143)
  })

  it('keeps stdout only with captureStdout, and never splits a character between chunks', async () => {
    // '€' is e2 82 ac; the two writes usually arrive as two chunks.
    const script =
      'process.stdout.write(Buffer.from([0xe2]));' +
      'setTimeout(() => process.stdout.write(Buffer.from([0x82, 0xac, 0x0a])), 50)'
    const logged: string[] = []
    const captured = await exec(nodeArgv(script), {
      captureStdout: true,
      log: (chunk) => logged.push(chunk)
    })
    expect(captured.stdout).toBe('€\n')
    expect(logged[0]).toMatch(/^\[command\]/)
    expect(logged.slice(1).join('')).toBe('€\n')
    const echoed = await exec(nodeArgv(script), { silent: true })
    expect(echoed.stdout).toBe('')
  })

  it('keeps all of stderr, past the tail, only with captureStderr', async () => {
    const script = 'for (let i = 1; i <= 30; i++) console.error(`warning: ${i}`); process.exit(1)'
    const lines = Array.from({ length: 30 }, (_, i) => `warning: ${i + 1}`)
    const logged: string[] = []
    const captured = await exec(nodeArgv(script), {
      captureStderr: true,
      allowFailure: true,
      log: (chunk) => logged.push(chunk)
    })
    expect(captured.stderr).toBe(`${lines.join('\n')}\n`)
    expect(captured.stderrTail).toBe(lines.slice(-20).join('\n'))
    expect(logged.slice(1).join('')).toBe(`${lines.join('\n')}\n`)
    const tailOnly = await exec(nodeArgv(script), { silent: true, allowFailure: true })
    expect(tailOnly.stderr).toBe('')
  })

  it('says a command that cannot start could not start', async () => {
    const error = await failure(exec(['/nonexistent/mixed-coverage-tool', '--version']))
    expect(error.exitCode).toBeNull()
    expect(error.message).toMatch(
      /^\/nonexistent\/mixed-coverage-tool --version could not start\n.*\nspawn \S+ ENOENT$/
    )
  })

  it('names a missing working directory rather than blaming the command', async () => {
    const error = await failure(exec([NODE, '--version'], { cwd: '/nonexistent/dir' }))
    expect(error.message).toContain('(no directory /nonexistent/dir)')
  })

  it('throws even with allowFailure when the command cannot start', async () => {
    await failure(exec(['/nonexistent/mixed-coverage-tool'], { allowFailure: true }))
  })
})

describe('exec timeouts', () => {
  // Jest's per-test limit is the hang detector here: with only the direct child killed, the
  // grandchild would hold the pipes for 100 s and 'close' would not come. The 3 s limit only
  // has to leave bash time to start the grandchild on a loaded machine.
  it('kills the whole process group and says it timed out', async () => {
    const logged: string[] = []
    const script = 'sleep 100 & echo "grandchild $!"; sleep 100'
    const error = await failure(
      runShell(script, { timeoutMs: 3000, allowFailure: true, log: (c) => logged.push(c) })
    )
    expect(error.timedOut).toBe(true)
    expect(error.exitCode).toBe(137)
    expect(error.message).toMatch(/ timed out after 3 s and was killed$/)
    const grandchild = Number(/grandchild (\d+)/.exec(logged.join(''))?.[1])
    expect(grandchild).toBeGreaterThan(0)
    // Killed with its group; a loaded machine may take a moment to finish it off.
    expect(await goneWithin(grandchild, 2000)).toBe(true)
  }, 20_000)

  it('leaves a command that finishes in time alone', async () => {
    const result = await runShell('echo done', { timeoutMs: 30_000, captureStdout: true })
    expect(result.stdout).toBe('done\n')
  })

  it('does not wait for ever on a background process that holds the pipes', async () => {
    // bash exits at once; the sleep it left behind keeps stdout open (no timeout set: the
    // process group is ours, so only the pipes are let go).
    const result = await runShell('sleep 30 & echo "started $!"', {
      captureStdout: true,
      silent: true
    })
    const background = Number(/started (\d+)/.exec(result.stdout)?.[1])
    process.kill(background, 'SIGKILL')
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toMatch(/^started \d+\n$/)
  }, 20_000)
})
