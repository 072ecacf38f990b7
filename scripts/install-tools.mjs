// Installs cargo-llvm-cov and finds the LLVM tools with the action's own installer
// (src/install), outside a runner: no tool cache and no Actions cache, so a build goes where
// `cargo install` puts tools (~/.cargo/bin, on PATH). Usage: node scripts/install-tools.mjs [version]
import { build } from 'esbuild'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const root = resolve(import.meta.dirname, '..')
const dir = mkdtempSync(join(tmpdir(), 'mc-install-tools-'))
try {
  const entry = join(dir, 'entry.ts')
  writeFileSync(
    entry,
    [
      `import { installCargoLlvmCov } from ${JSON.stringify(join(root, 'src/install/install-cargo-llvm-cov.ts'))}`,
      `import { findLlvmTools } from ${JSON.stringify(join(root, 'src/install/llvm-ways.ts'))}`,
      'await findLlvmTools({})',
      `await installCargoLlvmCov({ version: ${JSON.stringify(process.argv[2] ?? '0.9.1')} })`
    ].join('\n')
  )
  const outfile = join(dir, 'install-tools.mjs')
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __mcCreateRequire } from 'node:module'; const require = __mcCreateRequire(import.meta.url);"
    }
  })
  await import(pathToFileURL(outfile).href)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
