/**
 * Shared pieces of the hostile-input tests: parsing from text, catching the engine's typed
 * errors, and checks that a message is one line of inert text.
 */
import { expect } from '@jest/globals'
import { CoverageError, ReportParseError } from '../../../../src/coverage/errors.js'

export const utf8 = (text: string) => new TextEncoder().encode(text)

/** The error `action` throws, which must be an instance of `type`. */
export function thrown<T extends Error>(action: () => unknown, type: new (...a: never[]) => T): T {
  try {
    action()
  } catch (error) {
    expect(error).toBeInstanceOf(type)
    return error as T
  }
  throw new Error(`expected ${type.name}, nothing was thrown`)
}

export const parseRefusal = (action: () => unknown) => thrown(action, ReportParseError)
export const engineRefusal = (action: () => unknown) => thrown(action, CoverageError)

// Control characters, the two Unicode line separators and lone surrogates: none may reach a
// log line raw. The class is spelled with escapes so the test file itself stays plain text.
const RAW_CONTROL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** A message is one line, holds no raw control character and no workflow command. */
export function expectInertMessage(message: string): void {
  expect(message).not.toMatch(RAW_CONTROL)
  expect(message).not.toMatch(/(^|\n)\s*::/)
}
