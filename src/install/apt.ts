/**
 * apt-get install llvm-NN on Debian and Ubuntu, as root or through passwordless sudo. The
 * package lists are refreshed once per run; a second install in the same run reuses them.
 */
import { existsSync, readFileSync } from 'node:fs'
import { exec } from '../exec.js'

const UPDATE_TIMEOUT_MS = 180_000
const INSTALL_TIMEOUT_MS = 600_000

let listsRefreshed = false

/** ID and ID_LIKE of /etc/os-release. */
export function parseOsRelease(text: string): string[] {
  const ids: string[] = []
  for (const key of ['ID', 'ID_LIKE']) {
    const value = new RegExp(`^${key}=(.*)$`, 'm').exec(text)?.[1] ?? ''
    ids.push(...value.replace(/["']/g, '').split(/\s+/).filter(Boolean))
  }
  return ids
}

export function isDebianLike(osReleaseText: string): boolean {
  return parseOsRelease(osReleaseText).some((id) => id === 'debian' || id === 'ubuntu')
}

/** How commands get root here: directly, through `sudo -n`, or not at all. */
async function rootPrefix(env: NodeJS.ProcessEnv): Promise<string[] | undefined> {
  if (process.getuid?.() === 0) return []
  const sudo = await exec(['sudo', '-n', 'true'], {
    env,
    silent: true,
    allowFailure: true,
    timeoutMs: 10_000
  }).catch(() => undefined)
  return sudo?.exitCode === 0 ? ['sudo', '-n'] : undefined
}

/** Why apt cannot be used here, or undefined when it can. */
export async function aptUnavailable(
  env: NodeJS.ProcessEnv,
  osRelease = '/etc/os-release'
): Promise<string | undefined> {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`
  if (!existsSync(osRelease) || !isDebianLike(readFileSync(osRelease, 'utf8'))) {
    return 'not Debian or Ubuntu'
  }
  if (!(await rootPrefix(env))) return 'neither root nor passwordless sudo'
  return undefined
}

/** Installs llvm-NN and returns its bin directory. */
export async function aptInstallLlvm(major: number, env: NodeJS.ProcessEnv): Promise<string> {
  const prefix = (await rootPrefix(env)) ?? []
  // sudo resets the environment; `env` carries the one variable apt needs through it.
  const apt = [...prefix, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get']
  if (!listsRefreshed) {
    await exec([...apt, 'update', '-qq'], { env, timeoutMs: UPDATE_TIMEOUT_MS })
    listsRefreshed = true
  }
  await exec([...apt, 'install', '-y', '-qq', '--no-install-recommends', `llvm-${major}`], {
    env,
    timeoutMs: INSTALL_TIMEOUT_MS,
    hint: `the distribution may not package llvm-${major}; apt.llvm.org has every recent major`
  })
  return `/usr/lib/llvm-${major}/bin`
}
