// Bundles the action (dist/index.js), the command-line entry (dist/cli.js) and the
// Python helpers the action runs inside the test interpreter (dist/python/) and the target runner
// of the Rust tests with per-test: true (dist/runner/).
// `node scripts/build.mjs --check` builds into a temporary directory and fails if the
// committed dist/ differs, so CI can prove dist/ matches the sources.
import { build } from 'esbuild'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'

const check = process.argv.includes('--check')
const outdir = check ? mkdtempSync(join(tmpdir(), 'mc-dist-')) : 'dist'

if (!check) rmSync(outdir, { recursive: true, force: true })

await build({
  entryPoints: { index: 'src/index.ts', cli: 'src/cli.ts' },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // Some dependencies are CommonJS and call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __mcCreateRequire } from 'node:module'; const require = __mcCreateRequire(import.meta.url);"
  }
})
cpSync('src/python', join(outdir, 'python'), { recursive: true })
cpSync('src/runner', join(outdir, 'runner'), { recursive: true })

if (check) {
  const differences = compareTrees(outdir, 'dist')
  rmSync(outdir, { recursive: true, force: true })
  if (differences.length > 0) {
    console.error(
      `dist/ does not match the sources; run \`npm run build\` and commit:\n  ${differences.join('\n  ')}`
    )
    process.exit(1)
  }
  console.log('dist/ matches the sources')
}

function listFiles(root) {
  const out = []
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else out.push(relative(root, path))
    }
  }
  walk(root)
  return out.sort()
}

function compareTrees(built, committed) {
  let committedFiles
  try {
    committedFiles = listFiles(committed)
  } catch {
    return ['dist/ is missing']
  }
  const builtFiles = listFiles(built)
  const all = [...new Set([...builtFiles, ...committedFiles])].sort()
  return all.filter((file) => {
    try {
      return !readFileSync(join(built, file)).equals(readFileSync(join(committed, file)))
    } catch {
      return true
    }
  })
}
