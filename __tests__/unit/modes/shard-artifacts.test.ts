import { describe, expect, it } from '@jest/globals'
import { ShardError } from '../../../src/modes/index.js'
import { requireArtifactService } from '../../../src/modes/shard-artifacts.js'

const onRunner = {
  ACTIONS_RUNTIME_TOKEN: 'token',
  ACTIONS_RESULTS_URL: 'https://results-receiver.actions.githubusercontent.com/',
  GITHUB_SERVER_URL: 'https://github.com'
}

describe('requireArtifactService, before anything is measured', () => {
  it('accepts github.com and GHE.com', () => {
    expect(() => requireArtifactService(onRunner, 'collect')).not.toThrow()
    const ghe = { ...onRunner, GITHUB_SERVER_URL: 'https://octo.ghe.com' }
    expect(() => requireArtifactService(ghe, 'merge')).not.toThrow()
  })

  it('refuses a process without the runtime token', () => {
    const env = { ...onRunner, ACTIONS_RUNTIME_TOKEN: '' }
    expect(() => requireArtifactService(env, 'collect')).toThrow(
      /^mode: collect moves shards through the artifacts of the workflow run, and this process has no ACTIONS_RUNTIME_TOKEN/
    )
  })

  it('refuses GitHub Enterprise Server, whose artifact service the client cannot use', () => {
    const env = { ...onRunner, GITHUB_SERVER_URL: 'https://github.example.com' }
    expect(() => requireArtifactService(env, 'collect')).toThrow(ShardError)
    expect(() => requireArtifactService(env, 'collect')).toThrow(
      'mode: collect moves shards through the artifacts of the workflow run, and this GitHub Enterprise Server (https://github.example.com) does not offer the artifact service (v4) it needs: use mode: run, or run the workflow on github.com or GHE.com'
    )
  })
})
