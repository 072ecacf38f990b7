/**
 * Dotted version numbers as the tools print them (`0.9.1`, `7.10.7`, `1.95.0-nightly`). Only the
 * leading numeric part counts: a suffix such as `-nightly`, `rc1` or `+local` is ignored, which
 * is what a minimum-version check wants (it never needs to order pre-releases).
 */

/** The leading `N(.N)*` of a version as numbers; `[0]` when it does not start with a digit. */
export function versionParts(version: string): number[] {
  const numeric = /^\d+(?:\.\d+)*/.exec(version.trim())?.[0] ?? '0'
  return numeric.split('.').map(Number)
}

/** Negative, zero or positive like a sort comparator; missing parts count as 0 (`1.2` = `1.2.0`). */
export function compareVersions(a: string, b: string): number {
  const left = versionParts(a)
  const right = versionParts(b)
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0)
    if (difference !== 0) return difference
  }
  return 0
}

/** `version` is `minimum` or newer. */
export function atLeast(version: string, minimum: string): boolean {
  return compareVersions(version, minimum) >= 0
}
