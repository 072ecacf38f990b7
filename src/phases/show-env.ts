/**
 * Parses the output of `cargo llvm-cov show-env` (its default, POSIX-shell-quoted form):
 * one KEY=value per line, values bare, in single quotes ('it'\''s'), or in double quotes.
 * We parse instead of sourcing it: nothing is ever evaluated by a shell.
 */

export function parseShowEnv(text: string): Record<string, string> {
  const variables: Record<string, string> = {}
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/^export\s+/, '').trim()
    if (line === '' || line.startsWith('#')) continue
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(line)
    if (!match) throw new Error(`unexpected line in 'cargo llvm-cov show-env' output: ${rawLine}`)
    variables[match[1] as string] = unquote(match[2] as string, rawLine)
  }
  return variables
}

/** Undoes POSIX shell quoting of one word: '...', "...", backslash escapes, concatenations. */
export function unquote(word: string, context = word): string {
  let out = ''
  let i = 0
  while (i < word.length) {
    const ch = word[i] as string
    if (ch === "'") {
      const end = word.indexOf("'", i + 1)
      if (end < 0) throw new Error(`unterminated single quote in: ${context}`)
      out += word.slice(i + 1, end)
      i = end + 1
    } else if (ch === '"') {
      i += 1
      while (i < word.length && word[i] !== '"') {
        if (word[i] === '\\' && i + 1 < word.length && '$`"\\\n'.includes(word[i + 1] as string))
          i += 1
        out += word[i]
        i += 1
      }
      if (i >= word.length) throw new Error(`unterminated double quote in: ${context}`)
      i += 1
    } else if (ch === '\\' && i + 1 < word.length) {
      out += word[i + 1]
      i += 2
    } else {
      out += ch
      i += 1
    }
  }
  return out
}
