/**
 * Function identity keys (see model.ts for the rule and why). Readers call these once per
 * function record; summaries count distinct keys. A plain key is the name itself; derived
 * keys start with a NUL, which no accepted name contains, so the two never collide.
 */

const DERIVED = '\u0000'

/** Legacy Rust mangling ends with a 16-hex-digit hash segment: `…17h0123456789abcdefE`. */
const LEGACY_RUST_HASH = /17h[0-9a-f]{16}E$/
/** End of a v0 closure symbol: `[s<n>_]0` (empty name), then maybe a crate backref `B<n>_`. */
const V0_CLOSURE_TAIL = /(s[0-9A-Za-z]*_)?0(?:B[0-9A-Za-z]*_)?$/
const LEGACY_CLOSURE = /\{\{closure\}\}|\$u7b\$\$u7b\$closure\$u7d\$\$u7d\$/

/** True for symbols as llvm-cov writes them for Rust code (v0 or legacy mangling). */
export function isRustSymbol(name: string): boolean {
  const symbol = name.startsWith('__') ? name.slice(1) : name
  return symbol.startsWith('_R') || (symbol.startsWith('_ZN') && LEGACY_RUST_HASH.test(symbol))
}

/**
 * For a closure or async body: its nesting depth and the disambiguator that tells closures of
 * one function apart (v0 `…NC<parent>[s<n>_]0[B<n>_]`: the outermost item is `NC…`, possibly
 * wrapped in generic arguments `I…`, its name is empty and may carry `s<n>_`). Legacy names
 * spell `{{closure}}` and keep no index. undefined for anything that is not a closure.
 */
function closureSignature(symbol: string): string | undefined {
  if (symbol.startsWith('_ZN')) {
    const depth = symbol.split(LEGACY_CLOSURE).length - 1
    return depth > 0 ? `${depth}` : undefined
  }
  let position = 2
  while (symbol[position] === 'I') position++
  let depth = 0
  while (symbol[position] === 'N' && symbol[position + 1] === 'C') {
    depth++
    position += 2
  }
  if (depth === 0) return undefined
  const tail = V0_CLOSURE_TAIL.exec(symbol)
  return `${depth}${tail?.[1] ?? ''}`
}

/**
 * Key of an llvm-cov function: its start line. Instantiations of one function (generic
 * instances, the lib and test builds of one crate) share it; a closure or async body starts on
 * its parent's line but at another column, so it adds its depth and disambiguator.
 */
export function rustFunctionKey(name: string, start: number): string {
  const symbol = name.startsWith('__') ? name.slice(1) : name
  const closure = closureSignature(symbol)
  return closure === undefined ? `${DERIVED}L${start}` : `${DERIVED}L${start}|C${closure}`
}

/** Key of an lcov FN record: llvm-cov's rule for Rust symbols, otherwise the name itself. */
export function lcovFunctionKey(name: string, start: number): string {
  return isRustSymbol(name) ? rustFunctionKey(name, start) : name
}

/** Key of an lcov 2.x FNA alias: the FNL entry's location groups all its aliases. */
export function aliasGroupKey(name: string, start: number, end: number | undefined): string {
  return isRustSymbol(name) ? rustFunctionKey(name, start) : `${DERIVED}G${start},${end ?? ''}`
}
