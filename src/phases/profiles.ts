/**
 * Rust profiles that cannot be read. A process killed while it wrote its profile (a timeout, the
 * OOM killer) leaves a cut-off .profraw, and `llvm-profdata merge` stops at the first such file:
 * one of them used to fail the whole Rust report. The report now merges the profiles that can be
 * read. llvm-profdata's failure mode `all` skips each unreadable file with one line on stderr,
 * `warning: <file>: <reason>`, and fails only when it could merge none; an empty (0-byte) profile
 * it skips without a word, so those are found here, before the report.
 *
 * Per-function merge warnings (hash mismatches) are printed as `<file>: <function>: <reason>`,
 * without the `warning: ` in front: they do not match, and their file is merged.
 */
import { statSync } from 'node:fs'
import { basename, dirname } from 'node:path'

/** A profile llvm-profdata left out of the merge, and why. */
export interface UnreadableProfile {
  path: string
  reason: string
}

export const EMPTY_PROFILE_REASON = 'empty, 0 bytes'

/** The unreadable profiles one warning names; the rest are counted. */
export const PROFILES_NAMED = 5

/** The first `.profraw: ` ends the path: a reason may name the file again. */
const SKIPPED_PROFILE = /^warning: (.+?\.profraw): (.+)$/

/** A failure mode the user chose in LLVM_PROFDATA_FLAGS (`-failure-mode=any`, `--failure-mode all`). */
const FAILURE_MODE_FLAG = /(^|\s)--?failure-mode([=\s]|$)/

/** Profiles of 0 bytes: written by a process that died before it wrote anything. */
export function emptyProfiles(
  paths: readonly string[],
  sizeOf: (path: string) => number = (path) => statSync(path).size
): UnreadableProfile[] {
  return paths
    .filter((path) => sizeOf(path) === 0)
    .map((path) => ({ path, reason: EMPTY_PROFILE_REASON }))
}

/**
 * The environment of `cargo llvm-cov report`: llvm-profdata skips the profiles it cannot read
 * instead of failing. cargo-llvm-cov appends LLVM_PROFDATA_FLAGS (split on spaces) to
 * `llvm-profdata merge`; the user's own flags are kept, and a failure mode they chose wins.
 */
export function withSkippingFailureMode(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const own = (env.LLVM_PROFDATA_FLAGS ?? '').trim()
  if (FAILURE_MODE_FLAG.test(own)) return env
  return { ...env, LLVM_PROFDATA_FLAGS: `${own} -failure-mode=all`.trim() }
}

/** The profiles llvm-profdata skipped, from its stderr (as cargo-llvm-cov passes it on). */
export function parseSkippedProfiles(stderr: string): UnreadableProfile[] {
  const skipped: UnreadableProfile[] = []
  for (const line of stderr.split('\n')) {
    const match = SKIPPED_PROFILE.exec(line.replace(/\r$/, ''))
    if (match) skipped.push({ path: match[1] as string, reason: match[2] as string })
  }
  return skipped
}

/** Every profile was unreadable: there is no Rust report to give. */
export class NoReadableProfileError extends Error {
  constructor(
    readonly unreadable: readonly UnreadableProfile[],
    total: number
  ) {
    super(
      `None of the ${total} Rust coverage profiles could be read, so there is no Rust report: ` +
        `${namedProfiles(unreadable)}. ${WHAT_CUTS_A_PROFILE}`
    )
    this.name = 'NoReadableProfileError'
  }
}

const WHAT_CUTS_A_PROFILE =
  'A process killed while it wrote its profile (a timeout, SIGKILL, out of memory) leaves such a file.'

/**
 * One warning for every profile left out: which (the first few by name, the rest counted), and
 * what it means for the numbers.
 */
export function unreadableProfilesWarning(
  unreadable: readonly UnreadableProfile[],
  total: number
): string {
  const count = unreadable.length
  const profiles = count === 1 ? 'profile' : 'profiles'
  return (
    `${count} of ${total} Rust coverage ${profiles} could not be read and ` +
    `${count === 1 ? 'is' : 'are'} left out of the Rust report: ${namedProfiles(unreadable)}. ` +
    `The ${count === 1 ? 'process that wrote it is' : 'processes that wrote them are'} missing ` +
    `from the numbers: Rust lines that only ${count === 1 ? 'it' : 'they'} ran count as not run. ` +
    WHAT_CUTS_A_PROFILE
  )
}

/** `a.profraw (reason), b.profraw (reason) and 3 more, in <dir>`: bounded, whatever the count. */
function namedProfiles(unreadable: readonly UnreadableProfile[]): string {
  const named = unreadable
    .slice(0, PROFILES_NAMED)
    .map((profile) => `${basename(profile.path)} (${profile.reason})`)
  const rest = unreadable.length - named.length
  const list = rest > 0 ? `${named.join(', ')} and ${rest} more` : named.join(', ')
  const dirs = new Set(unreadable.map((profile) => dirname(profile.path)))
  return dirs.size === 1 ? `${list}, in ${[...dirs][0]}` : list
}
