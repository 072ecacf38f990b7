/**
 * Exclude globs over repo-relative POSIX paths: `*` and `?` stay within one path segment,
 * `**` spans any number of segments (`src/**` is everything under src, `**\/test_*.py` any
 * such file). A pattern without a slash matches the file name in any directory, as in
 * .gitignore. Every other character is literal; patterns compile to anchored regexes.
 */
export function globToRegExp(pattern: string): RegExp {
  const normalized = pattern.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\//, '')
  const anyDirectory = !normalized.includes('/')
  let source = ''
  for (let index = 0; index < normalized.length; index++) {
    const char = normalized[index] as string
    if (char === '*' && normalized[index + 1] === '*') {
      const atSegmentStart = index === 0 || normalized[index - 1] === '/'
      const slashAfter = normalized[index + 2] === '/'
      if (atSegmentStart && slashAfter) {
        source += '(?:[^/]*/)*'
        index += 2
      } else {
        source += '.*'
        index += 1
      }
    } else if (char === '*') source += '[^/]*'
    else if (char === '?') source += '[^/]'
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${anyDirectory ? '(?:.*/)?' : ''}${source}$`)
}

/** True when `path` matches any of the globs. */
export function matchesAnyGlob(path: string, globs: readonly RegExp[]): boolean {
  return globs.some((glob) => glob.test(path))
}
