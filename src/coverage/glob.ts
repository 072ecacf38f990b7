/**
 * Exclude globs over repo-relative POSIX paths: `*` and `?` stay within one path segment,
 * `**` spans any number of segments (`src/**` is everything under src, `**\/test_*.py` any
 * such file). A pattern without a slash matches the file name in any directory, as in
 * .gitignore. Every other character is literal.
 *
 * Why not a RegExp: a pattern like `a*a*a*…b` compiles to a regex that backtracks in
 * exponential time on a long name without a `b`, and both the patterns (an action input) and
 * the paths (from reports) may be hostile. A glob compiles instead to a small automaton that is
 * run over the path with all its states at once: time is path length × pattern length, always.
 */

/** What a state does with a character: nothing, any but `/`, one given character, or any. */
const NONE = -1
const NOT_SLASH = -2
const ANY = -3
const SLASH = 0x2f

interface State {
  /** A character it stays in on (NONE, NOT_SLASH or ANY). */
  loop: number
  /** A character that moves it to the next state (NONE, NOT_SLASH or a character code). */
  step: number
  /** States it also is in without reading a character (always later ones). */
  skips: number[]
}

export interface Glob {
  readonly pattern: string
  matches(path: string): boolean
}

/** States for "empty, or anything that ends in a slash" (`**\/` at a segment start). */
function anyDirectories(states: State[]): void {
  const at = states.length
  states.push({ loop: NONE, step: NONE, skips: [at + 1, at + 3] })
  states.push({ loop: ANY, step: NONE, skips: [at + 2] })
  states.push({ loop: NONE, step: SLASH, skips: [] })
}

function compileStates(pattern: string): State[] {
  const normalized = pattern.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\//, '')
  const states: State[] = []
  if (!normalized.includes('/')) anyDirectories(states)
  for (let index = 0; index < normalized.length; index++) {
    const char = normalized[index] as string
    const at = states.length
    if (char === '*' && normalized[index + 1] === '*') {
      const atSegmentStart = index === 0 || normalized[index - 1] === '/'
      if (atSegmentStart && normalized[index + 2] === '/') {
        anyDirectories(states)
        index += 2
      } else {
        states.push({ loop: ANY, step: NONE, skips: [at + 1] })
        index += 1
      }
    } else if (char === '*') states.push({ loop: NOT_SLASH, step: NONE, skips: [at + 1] })
    else if (char === '?') states.push({ loop: NONE, step: NOT_SLASH, skips: [] })
    else states.push({ loop: NONE, step: char.charCodeAt(0), skips: [] })
  }
  return states
}

function accepts(test: number, code: number): boolean {
  return test === ANY || (test === NOT_SLASH ? code !== SLASH : test === code)
}

/** Adds the states reachable without reading (skips only go forward: one pass). */
function close(states: readonly State[], active: Uint8Array): void {
  for (let index = 0; index < states.length; index++) {
    if (active[index] === 0) continue
    for (const target of (states[index] as State).skips) active[target] = 1
  }
}

export function compileGlob(pattern: string): Glob {
  const states = compileStates(pattern)
  const size = states.length + 1
  return {
    pattern,
    matches(path: string): boolean {
      let active = new Uint8Array(size)
      let next = new Uint8Array(size)
      active[0] = 1
      close(states, active)
      for (let position = 0; position < path.length; position++) {
        const code = path.charCodeAt(position)
        next.fill(0)
        let any = false
        for (let index = 0; index < states.length; index++) {
          if (active[index] === 0) continue
          const state = states[index] as State
          if (accepts(state.loop, code)) {
            next[index] = 1
            any = true
          }
          if (accepts(state.step, code)) {
            next[index + 1] = 1
            any = true
          }
        }
        if (!any) return false
        close(states, next)
        ;[active, next] = [next, active]
      }
      return active[states.length] === 1
    }
  }
}

/** True when `path` matches any of the globs. */
export function matchesAnyGlob(path: string, globs: readonly Glob[]): boolean {
  return globs.some((glob) => glob.matches(path))
}
