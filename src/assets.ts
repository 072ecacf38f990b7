/** Files shipped next to the bundle: dist/python/ and dist/runner/ at run time, src/ in tests. */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))

export const PYTHON_HELPER = join(here, 'python', 'mc_coverage.py')
export const PYTHON_HOOK_DIR = join(here, 'python', 'hook')
export const RUST_TEST_RUNNER = join(here, 'runner', 'mc-rust-test-runner.sh')
