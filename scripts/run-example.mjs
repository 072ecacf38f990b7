// `npm run example`: runs the bundled action on examples/pyo3-demo exactly as a runner
// would, then prints its outputs and the step summary it wrote. Another example, and
// optionally its Rust test command: `node scripts/run-example.mjs examples/cargo-root`.
import { runAction } from './runner.mjs'

const [workingDirectory = 'examples/pyo3-demo', rustTestCommand] = process.argv.slice(2)
const result = await runAction({
  inputs: {
    'working-directory': workingDirectory,
    'upload-artifact': 'false',
    ...(rustTestCommand ? { 'rust-test-command': rustTestCommand } : {})
  },
  echo: true
})
console.log('\n===== outputs =====')
for (const [name, value] of Object.entries(result.outputs)) console.log(`${name}: ${value}`)
console.log('\n===== step summary =====')
console.log(result.summary || '(none written)')
console.log(
  `\naction finished with exit code ${result.exitCode} in ${(result.durationMs / 1000).toFixed(1)} s`
)
process.exit(result.exitCode ?? 1)
