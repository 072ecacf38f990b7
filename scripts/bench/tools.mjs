// The peer tools the benchmark runs. Missing ones are installed with apt when that is
// possible (root on Debian/Ubuntu), otherwise the bench stops and says how to install them.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const NEEDED = [
  { command: 'lcov', package: 'lcov' },
  { command: 'grcov', package: 'grcov' },
  { command: '/usr/bin/time', package: 'time' }
]

function present(command) {
  if (command.startsWith('/')) return existsSync(command)
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0
}

export function ensureTools() {
  let missing = NEEDED.filter((tool) => !present(tool.command))
  if (missing.length === 0) return
  const packages = missing.map((tool) => tool.package)
  const canInstall = process.getuid?.() === 0 && present('apt-get')
  if (canInstall) {
    console.log(`installing ${packages.join(' ')} (apt-get install -y ${packages.join(' ')})`)
    spawnSync('apt-get', ['install', '-y', ...packages], { stdio: 'inherit' })
    missing = NEEDED.filter((tool) => !present(tool.command))
  }
  if (missing.length > 0) {
    const list = missing.map((tool) => tool.package).join(' ')
    console.error(`bench needs ${list}: install with  apt-get install -y ${list}`)
    process.exit(1)
  }
}
