// The helper and the hook run inside the user's interpreter: Python 3.9 must parse them.
import { describe, expect, it } from '@jest/globals'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { PYTHON_HELPER } from '../../../src/assets.js'
import { runPython } from './processes.js'

const PYTHON_DIR = dirname(PYTHON_HELPER)
const files = readdirSync(PYTHON_DIR, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.py'))
  .sort()

describe('the Python files shipped with the action', () => {
  it('are the helper and its parts, the hook and the per-test pytest plugin', () => {
    expect(files).toEqual([
      'hook/_mixed_coverage_per_test.py',
      'hook/sitecustomize.py',
      'mc_coverage.py',
      'mc_extension.py',
      'mc_per_test.py',
      'mc_rcfile.py'
    ])
  })

  it.each(files)('%s parses as Python 3.9', async (file) => {
    const parse =
      'import ast, sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1], feature_version=(3, 9))'
    const end = await runPython(['-c', parse, join(PYTHON_DIR, file)], process.env)
    expect([end.code, end.stderr]).toEqual([0, ''])
  })
})
