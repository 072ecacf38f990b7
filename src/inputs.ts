/**
 * Typed readers for action inputs. An input arrives as `INPUT_<NAME>` (upper-cased,
 * spaces as underscores), exactly as the runner sets it. A variable that is absent means
 * "not given" and takes the default; a variable that is present but empty is an explicit
 * empty value (for example `rust-test-command: ''` skips the Rust tests).
 */
import { InputError } from './errors.js'

export type InputSource = Readonly<Record<string, string | undefined>>

export function inputKey(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/** The trimmed value, or `fallback` when the input is absent. */
export function getString(env: InputSource, name: string, fallback: string): string {
  const raw = env[inputKey(name)]
  return raw === undefined ? fallback : raw.trim()
}

/** Like getString, but an empty value also takes the fallback. */
export function getNonEmpty(env: InputSource, name: string, fallback: string): string {
  return getString(env, name, fallback) || fallback
}

const TRUE_WORDS = new Set(['true', 'yes', 'on', '1'])
const FALSE_WORDS = new Set(['false', 'no', 'off', '0'])

export function getBoolean(env: InputSource, name: string, fallback: boolean): boolean {
  const value = getString(env, name, '').toLowerCase()
  if (value === '') return fallback
  if (TRUE_WORDS.has(value)) return true
  if (FALSE_WORDS.has(value)) return false
  throw new InputError(name, `expected true or false, got '${value}'`)
}

export interface NumberRange {
  min: number
  max: number
  integer?: boolean
}

/** A number within `range`, or undefined when the input is absent or empty. */
export function getOptionalNumber(
  env: InputSource,
  name: string,
  range: NumberRange
): number | undefined {
  const value = getString(env, name, '').replace(/%$/, '')
  if (value === '') return undefined
  const parsed = Number(value)
  const kind = range.integer ? 'a whole number' : 'a number'
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value) || !Number.isFinite(parsed)) {
    throw new InputError(name, `expected ${kind} from ${range.min} to ${range.max}, got '${value}'`)
  }
  if ((range.integer && !Number.isInteger(parsed)) || parsed < range.min || parsed > range.max) {
    throw new InputError(name, `expected ${kind} from ${range.min} to ${range.max}, got '${value}'`)
  }
  return parsed
}

export function getEnum<T extends string>(
  env: InputSource,
  name: string,
  allowed: readonly T[],
  fallback: T
): T {
  const value = getString(env, name, '').toLowerCase()
  if (value === '') return fallback
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new InputError(name, `expected one of ${allowed.join(', ')}, got '${value}'`)
}

/** A list given one item per line or separated by commas; blank items are dropped. */
export function getList(env: InputSource, name: string): string[] {
  return getString(env, name, '')
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '')
}
