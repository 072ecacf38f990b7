// Rust profiles that cannot be read: llvm-profdata's stderr parsed, the failure mode chosen,
// the one warning worded.
import { describe, expect, it } from '@jest/globals'
import {
  emptyProfiles,
  NoReadableProfileError,
  parseSkippedProfiles,
  unreadableProfilesWarning,
  withSkippingFailureMode
} from '../../src/phases/profiles.js'

const TARGET = '/work/proj/target/llvm-cov-target'

/**
 * stderr of `cargo llvm-cov report` with -failure-mode=all: the info line and the cut-off
 * profile's warning as cargo-llvm-cov 0.9.1 and llvm-profdata 22 printed them; the other lines
 * in the forms llvm-profdata's warn() and handleMergeWriterError() give (a per-function hash
 * mismatch names its file without `warning: `, and that file is merged all the same), one with
 * a Windows line end.
 */
const STDERR = [
  'info: cargo-llvm-cov currently setting cfg(coverage); you can opt-out it by passing --no-cfg-coverage',
  `${TARGET}/proj-19764-9036307410666770174_0.profraw: _RNvCs1_4core5scale: function control flow change detected (hash mismatch)`,
  'Make sure that all profile data to be merged is generated from the same binary.',
  'warning: function control flow change detected (hash mismatch)',
  `warning: ${TARGET}/cut-1.profraw: invalid instrumentation profile data (file header is corrupt)`,
  `warning: ${TARGET}/proj-1-2_0.profraw: truncated profile data\r`,
  `warning: ${TARGET}/gone.profraw: failed to open ${TARGET}/gone.profraw: No such file or directory`,
  '',
  '    Finished report saved to /tmp/rust.lcov',
  ''
].join('\n')

describe('parseSkippedProfiles', () => {
  it('takes each `warning: <file>.profraw: <reason>` line, and nothing else llvm-profdata says', () => {
    expect(parseSkippedProfiles(STDERR)).toEqual([
      {
        path: `${TARGET}/cut-1.profraw`,
        reason: 'invalid instrumentation profile data (file header is corrupt)'
      },
      { path: `${TARGET}/proj-1-2_0.profraw`, reason: 'truncated profile data' },
      {
        path: `${TARGET}/gone.profraw`,
        reason: `failed to open ${TARGET}/gone.profraw: No such file or directory`
      }
    ])
    expect(parseSkippedProfiles('')).toEqual([])
  })
})

describe('withSkippingFailureMode', () => {
  it('tells llvm-profdata to skip unreadable profiles', () => {
    expect(withSkippingFailureMode({ PATH: '/bin' })).toEqual({
      PATH: '/bin',
      LLVM_PROFDATA_FLAGS: '-failure-mode=all'
    })
  })

  it("appends to the user's own flags", () => {
    expect(withSkippingFailureMode({ LLVM_PROFDATA_FLAGS: ' -num-threads=2 ' })).toEqual({
      LLVM_PROFDATA_FLAGS: '-num-threads=2 -failure-mode=all'
    })
  })

  it('leaves a failure mode the user chose alone, in either spelling', () => {
    for (const flags of ['-failure-mode=any', '--failure-mode any', '-j 2 -failure-mode=all']) {
      const env = { LLVM_PROFDATA_FLAGS: flags }
      expect(withSkippingFailureMode(env)).toBe(env)
    }
  })
})

describe('emptyProfiles', () => {
  it('finds the profiles of 0 bytes', () => {
    const sizes: Record<string, number> = { '/t/a.profraw': 0, '/t/b.profraw': 608 }
    expect(emptyProfiles(Object.keys(sizes), (path) => sizes[path] as number)).toEqual([
      { path: '/t/a.profraw', reason: 'empty, 0 bytes' }
    ])
  })
})

describe('the warning', () => {
  const cut = { path: `${TARGET}/cut-1.profraw`, reason: 'truncated profile data' }
  const empty = { path: `${TARGET}/empty-2.profraw`, reason: 'empty, 0 bytes' }

  it('names each file, where they are, and what it means for the numbers', () => {
    expect(unreadableProfilesWarning([cut, empty], 5)).toBe(
      '2 of 5 Rust coverage profiles could not be read and are left out of the Rust report: ' +
        'cut-1.profraw (truncated profile data), empty-2.profraw (empty, 0 bytes), ' +
        `in ${TARGET}. The processes that wrote them are missing from the numbers: Rust lines ` +
        'that only they ran count as not run. A process killed while it wrote its profile ' +
        '(a timeout, SIGKILL, out of memory) leaves such a file.'
    )
  })

  it('speaks of one profile in the singular', () => {
    expect(unreadableProfilesWarning([cut], 3)).toMatch(
      /^1 of 3 Rust coverage profile could not be read and is left out .* The process that wrote it is missing from the numbers: Rust lines that only it ran count as not run\./
    )
  })

  it('names the first five and counts the rest, whatever their number', () => {
    const many = Array.from({ length: 4000 }, (_, i) => ({
      path: `/d${i % 2}/p-${i}.profraw`,
      reason: 'truncated profile data'
    }))
    const message = unreadableProfilesWarning(many, 4001)
    expect(message).toMatch(
      /^4000 of 4001 .*: p-0\.profraw \(truncated profile data\), .*, p-4\.profraw \(truncated profile data\) and 3995 more\. The processes/
    )
    expect(message.length).toBeLessThan(600)
  })

  it('says there is no Rust report when none could be read', () => {
    expect(new NoReadableProfileError([cut, empty], 2).message).toBe(
      'None of the 2 Rust coverage profiles could be read, so there is no Rust report: ' +
        `cut-1.profraw (truncated profile data), empty-2.profraw (empty, 0 bytes), in ${TARGET}. ` +
        'A process killed while it wrote its profile (a timeout, SIGKILL, out of memory) leaves such a file.'
    )
  })
})
