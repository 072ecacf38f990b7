// The benchmarks' builds: entry points bundled as the action's runtime runs them (ES modules
// for Node 24), written as `<name>.mjs` into `outdir`.
import { build } from 'esbuild'

/** Bundles `entryPoints` ({ name: source }) into `outdir`; `options` adds esbuild options. */
export async function bundleForBench(entryPoints, outdir, options = {}) {
  await build({
    entryPoints,
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    logLevel: 'warning',
    ...options
  })
}
