/** Files shipped next to the bundle: dist/python/ at run time, src/python/ in tests. */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))

export const PYTHON_HELPER = join(here, 'python', 'mc_coverage.py')
export const PYTHON_HOOK_DIR = join(here, 'python', 'hook')
