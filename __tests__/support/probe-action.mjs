// A minimal JavaScript action that uses both clients as the bundled action does. Tests start it
// as a runner would (Node 24, cwd = GITHUB_WORKSPACE, nothing but the runner's environment) to
// prove that the loopback service's env() is all a job needs. It caches `dist-out`, uploads
// `dist-out/data.txt` and reports through every runner file command.
import * as cache from '@actions/cache'
import { DefaultArtifactClient } from '@actions/artifact'
import * as core from '@actions/core'
import { join } from 'node:path'

const workspace = process.env['GITHUB_WORKSPACE'] ?? process.cwd()
const key = core.getInput('cache key', { required: true })
const cacheId = await cache.saveCache(['dist-out'], key)
const restored = await cache.restoreCache(['dist-out'], key, [], { lookupOnly: true })
const upload = await new DefaultArtifactClient().uploadArtifact(
  core.getInput('artifact-name', { required: true }),
  [join(workspace, 'dist-out', 'data.txt')],
  workspace
)
core.setOutput('cache-id', cacheId)
core.setOutput('restored-key', restored ?? '')
core.setOutput('report', 'line 1\nline 2')
core.exportVariable('PROBE_ARTIFACT_ID', upload.id)
core.saveState('probe', 'done')
core.addPath('/opt/probe/bin')
await core.summary.addHeading('Coverage').write()
