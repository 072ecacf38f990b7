import { describe, expect, it } from '@jest/globals'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { artifactUrl, stageArtifact, uploadReportArtifact } from '../../../src/publish/artifact.js'
import { writeFiles } from '../../support/process-helpers.js'

function contents() {
  const root = mkdtempSync(join(tmpdir(), 'mc-stage-'))
  const [lcov, cobertura] = writeFiles(join(root, 'coverage'), {
    'lcov.info': 'TN:\nend_of_record\n',
    'cobertura.xml': '<coverage/>\n'
  })
  writeFiles(join(root, 'html-rust'), {
    'index.html': '<html/>',
    'coverage/tmp/x/src/lib.rs.html': '<html/>',
    'coverage/tmp/x/src/we:ird.rs.html': '<html/>'
  })
  writeFiles(join(root, 'html-python'), { 'index.html': '<html/>', 'z_1_mod_py.html': '' })
  return {
    root,
    contents: {
      reports: [lcov as string, cobertura as string],
      toolHtml: { rust: join(root, 'html-rust'), python: join(root, 'html-python') },
      generated: { 'summary.md': '## Coverage\n' }
    }
  }
}

describe('stageArtifact', () => {
  it("puts reports, generated files and the tools' HTML reports under one root", () => {
    const { root, contents: given } = contents()
    const stage = join(root, 'stage')
    const { files, leftOut } = stageArtifact(stage, given)
    expect(files.map((file) => relative(stage, file))).toEqual([
      'cobertura.xml',
      'html/tools/python/index.html',
      'html/tools/python/z_1_mod_py.html',
      'html/tools/rust/coverage/tmp/x/src/lib.rs.html',
      'html/tools/rust/index.html',
      'lcov.info',
      'summary.md'
    ])
    expect(leftOut).toEqual(['html/tools/rust/coverage/tmp/x/src/we:ird.rs.html'])
  })

  it("copies the HTML report as html/, which holds the tools' reports itself", () => {
    const { root, contents: given } = contents()
    const report = join(root, 'coverage', 'html')
    writeFiles(report, {
      'index.html': '<html/>',
      'style.css': '',
      'files/1-lib.rs.html': '<html/>',
      'tools/rust/index.html': '<html/>'
    })
    const stage = join(root, 'stage')
    const { files } = stageArtifact(stage, { ...given, htmlReport: report })
    expect(files.map((file) => relative(stage, file))).toEqual([
      'cobertura.xml',
      'html/files/1-lib.rs.html',
      'html/index.html',
      'html/style.css',
      'html/tools/rust/index.html',
      'lcov.info',
      'summary.md'
    ])
  })

  it('starts from an empty directory each time', () => {
    const { root, contents: given } = contents()
    const stage = join(root, 'stage')
    stageArtifact(stage, given)
    const again = stageArtifact(stage, { ...given, toolHtml: {} })
    expect(again.files.map((file) => relative(stage, file))).toEqual([
      'cobertura.xml',
      'lcov.info',
      'summary.md'
    ])
  })
})

describe('uploadReportArtifact off a runner', () => {
  it('skips with a reason when there is no runtime token', async () => {
    const { root, contents: given } = contents()
    const outcome = await uploadReportArtifact({
      name: 'cov',
      stagingDir: join(root, 'stage'),
      contents: given,
      env: { GITHUB_SERVER_URL: 'https://github.com' }
    })
    expect(outcome).toEqual({
      status: 'skipped',
      reason: expect.stringMatching(/^not running on a GitHub runner \(no ACTIONS_RUNTIME_TOKEN/)
    })
  })

  it('fails with advice on GitHub Enterprise Server, before calling the client', async () => {
    const { root, contents: given } = contents()
    const outcome = await uploadReportArtifact({
      name: 'cov',
      stagingDir: join(root, 'stage'),
      contents: given,
      env: {
        ACTIONS_RUNTIME_TOKEN: 'token',
        ACTIONS_RESULTS_URL: 'http://127.0.0.1:9/',
        GITHUB_SERVER_URL: 'https://ghes.example.com'
      }
    })
    expect(outcome).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('set upload-artifact: false')
    })
  })
})

describe('artifactUrl', () => {
  it('links the artifact on the run page', () => {
    const env = {
      GITHUB_SERVER_URL: 'https://github.com/',
      GITHUB_REPOSITORY: 'org/project',
      GITHUB_RUN_ID: '77'
    }
    expect(artifactUrl(5, env)).toBe('https://github.com/org/project/actions/runs/77/artifacts/5')
  })
})
