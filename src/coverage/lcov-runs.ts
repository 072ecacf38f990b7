import { CARRIAGE_RETURN, COLON, COMMA, NEWLINE } from './bytes.js'
import type { FileBuilder } from './file-builder.js'
import { MAX_COUNT, MAX_LINE_NUMBER } from './limits.js'
import { NOT_EVALUATED } from './model.js'

/**
 * Hot loops of the lcov reader. A tracefile is mostly long runs of `DA:` and `BRDA:` records
 * with plain numbers; these loops consume a whole run with the arena in local variables and
 * stop at the first record that is anything else (a checksum, a `-`, spacing, an error),
 * leaving it to the general record parser, which also produces the error messages.
 */

/** After the last field: LF or CRLF; returns the next record's start, or -1. */
function lineEnd(data: Uint8Array, position: number): number {
  const byte = data[position]
  if (byte === NEWLINE) return position + 1
  if (byte === CARRIAGE_RETURN && data[position + 1] === NEWLINE) return position + 2
  return -1
}

/**
 * Consumes consecutive plain `DA:<line>,<hits>` records; returns where they stop. A record of
 * a file seen before (another shard) adds into the file's base table in place.
 */
export function plainLineRun(data: Uint8Array, start: number, file: FileBuilder): number {
  return file.matchCursor >= 0
    ? matchedLineRun(data, start, file)
    : appendedLineRun(data, start, file)
}

/** Why the inner loop of matchedLineRun or appendedLineRun stopped on a record it read. */
const SATURATED = 1
const NEW_LINE = 2
const OUT_OF_ORDER = 3
const FULL = 4

function matchedLineRun(data: Uint8Array, start: number, file: FileBuilder): number {
  const arena = file.lineArena
  const end = file.baseEnd
  let cursor = file.matchCursor
  let position = start
  // The inner loop holds no call, so that TurboFan keeps the arrays' lengths and data
  // pointers in registers instead of loading them again for every byte. A record it cannot
  // finish (a line the base lacks, a sum that saturates) is finished out here, then back in.
  for (;;) {
    const numbers = arena.numbers
    const hits = arena.hits
    let pending = 0
    let line = 0
    let value = 0
    // Digit loops written out: this loop runs once per line of every shard after the first.
    while (data[position] === 0x44 && data[position + 1] === 0x41 && data[position + 2] === COLON) {
      let at = position + 3
      line = (data[at] as number) - 48
      // A first digit 1–9 (a leading 0 is left to the general parser); then the rest.
      if (line < 1 || line > 9) break
      let byte = data[++at] as number
      while (byte >= 48 && byte <= 57) {
        line = line * 10 + byte - 48
        byte = data[++at] as number
      }
      if (byte !== COMMA || at > position + 11 || line > MAX_LINE_NUMBER) break
      const hitsStart = ++at
      value = (data[at] as number) - 48
      if (value < 0 || value > 9) break
      byte = data[++at] as number
      while (byte >= 48 && byte <= 57) {
        value = value * 10 + byte - 48
        byte = data[++at] as number
      }
      if (at > hitsStart + 15) break
      if (byte === NEWLINE) position = at + 1
      else if (byte === CARRIAGE_RETURN && data[at + 1] === NEWLINE) position = at + 2
      else break
      while (cursor < end && (numbers[cursor] as number) < line) cursor++
      if (cursor < end && numbers[cursor] === line) {
        const total = (hits[cursor] as number) + value
        if (total < MAX_COUNT) {
          hits[cursor++] = total
          continue
        }
        pending = SATURATED
      } else pending = NEW_LINE
      break
    }
    if (pending === 0) break
    if (pending === SATURATED) {
      file.markSaturated()
      hits[cursor++] = MAX_COUNT
    } else appendNewLine(file, line, value)
  }
  file.matchCursor = cursor
  return position
}

/**
 * A line the base lacks (a shard of another build) goes to the record's own stretch, or adds
 * to that stretch's last line when the record repeats it.
 */
function appendNewLine(file: FileBuilder, line: number, value: number): void {
  const arena = file.claimLines()
  const count = arena.length
  if (count > file.lineStretchStart) {
    const last = arena.numbers[count - 1] as number
    if (line === last) {
      const total = (arena.hits[count - 1] as number) + value
      if (total >= MAX_COUNT) file.markSaturated()
      arena.hits[count - 1] = Math.min(total, MAX_COUNT)
      return
    }
    if (line < last) file.lineOrderBroken()
  }
  if (count === arena.numbers.length) arena.grow()
  arena.numbers[count] = line
  arena.hits[count] = value
  arena.length = count + 1
}

function appendedLineRun(data: Uint8Array, start: number, file: FileBuilder): number {
  const arena = file.claimLines()
  let count = arena.length
  const stretchStart = file.lineStretchStart
  let position = start
  // As in matchedLineRun, the inner loop holds no call; the records it cannot finish (a full
  // arena, a line out of order, a saturated sum) are finished out here.
  for (;;) {
    const numbers = arena.numbers
    const hits = arena.hits
    let pending = 0
    let line = 0
    let value = 0
    while (data[position] === 0x44 && data[position + 1] === 0x41 && data[position + 2] === COLON) {
      // The same digit loops as matchedLineRun, written out again: one shared parse function
      // (fields through a scratch array) made the differing-shapes merge ~4.6 % slower
      // (npm run bench:compare, 21 rounds).
      let at = position + 3
      line = (data[at] as number) - 48
      if (line < 1 || line > 9) break
      let byte = data[++at] as number
      while (byte >= 48 && byte <= 57) {
        line = line * 10 + byte - 48
        byte = data[++at] as number
      }
      if (byte !== COMMA || at > position + 11 || line > MAX_LINE_NUMBER) break
      const hitsStart = ++at
      value = (data[at] as number) - 48
      if (value < 0 || value > 9) break
      byte = data[++at] as number
      while (byte >= 48 && byte <= 57) {
        value = value * 10 + byte - 48
        byte = data[++at] as number
      }
      if (at > hitsStart + 15) break
      if (byte === NEWLINE) position = at + 1
      else if (byte === CARRIAGE_RETURN && data[at + 1] === NEWLINE) position = at + 2
      else break
      if (count > stretchStart) {
        const last = numbers[count - 1] as number
        if (line === last) {
          const total = (hits[count - 1] as number) + value
          if (total < MAX_COUNT) {
            hits[count - 1] = total
            continue
          }
          pending = SATURATED
          break
        }
        if (line < last) {
          pending = OUT_OF_ORDER
          break
        }
      }
      if (count === numbers.length) {
        pending = FULL
        break
      }
      numbers[count] = line
      hits[count] = value
      count++
    }
    if (pending === 0) break
    if (pending === SATURATED) {
      file.markSaturated()
      hits[count - 1] = MAX_COUNT
      continue
    }
    if (pending === OUT_OF_ORDER) file.lineOrderBroken()
    if (count === arena.numbers.length) {
      arena.length = count
      arena.grow()
    }
    arena.numbers[count] = line
    arena.hits[count] = value
    count++
  }
  arena.length = count
  return position
}

/**
 * Consumes consecutive plain `BRDA:<line>,<block>,<branch>,<taken or ->` records (numeric
 * block and branch, no exception prefix); returns where they stop. As in the DA loops, the
 * inner loop holds no call: an outcome that is not the base's next one, or whose sum reaches
 * 2^53 - 1, goes to the file's general add outside it.
 */
export function plainBranchRun(data: Uint8Array, start: number, file: FileBuilder): number {
  const branches = file.branchStretches
  const arena = branches.arena
  let position = start
  for (;;) {
    const lines = arena.lines
    const blocks = arena.blocks
    const ids = arena.ids
    const takenCounts = arena.taken
    // Another shard's record of a known file: the outcome is usually the base's next one.
    let cursor = branches.plainCursor
    const end = cursor >= 0 ? branches.baseEnd : 0
    let pending = false
    let line = 0
    let block = 0
    let id = 0
    let taken = 0
    while (
      data[position] === 0x42 &&
      data[position + 1] === 0x52 &&
      data[position + 2] === 0x44 &&
      data[position + 3] === 0x41 &&
      data[position + 4] === COLON
    ) {
      // line, block, branch: comma-terminated numbers of 1–9 digits, digit loops written out.
      let at = position + 5
      let fieldStart = at
      let byte = data[at] as number
      line = 0
      while (byte >= 48 && byte <= 57) {
        line = line * 10 + byte - 48
        byte = data[++at] as number
      }
      if (byte !== COMMA || at === fieldStart || at - fieldStart > 9) break
      if (line < 1 || line > MAX_LINE_NUMBER) break
      fieldStart = ++at
      byte = data[at] as number
      block = 0
      while (byte >= 48 && byte <= 57) {
        block = block * 10 + byte - 48
        byte = data[++at] as number
      }
      if (byte !== COMMA || at === fieldStart || at - fieldStart > 9) break
      fieldStart = ++at
      byte = data[at] as number
      id = 0
      while (byte >= 48 && byte <= 57) {
        id = id * 10 + byte - 48
        byte = data[++at] as number
      }
      if (byte !== COMMA || at === fieldStart || at - fieldStart > 9) break
      at++
      if (data[at] === 0x2d) {
        taken = NOT_EVALUATED
        at++
      } else {
        const takenStart = at
        byte = data[at] as number
        taken = 0
        while (byte >= 48 && byte <= 57) {
          taken = taken * 10 + byte - 48
          byte = data[++at] as number
        }
        if (at === takenStart || at - takenStart > 15) break
      }
      const next = lineEnd(data, at)
      if (next < 0) break
      position = next
      if (
        cursor >= 0 &&
        cursor < end &&
        lines[cursor] === line &&
        blocks[cursor] === block &&
        ids[cursor] === id
      ) {
        const before = takenCounts[cursor] as number
        const total =
          before === NOT_EVALUATED ? taken : taken === NOT_EVALUATED ? before : before + taken
        if (total < MAX_COUNT) {
          takenCounts[cursor++] = total
          continue
        }
      }
      pending = true
      break
    }
    if (cursor >= 0) branches.matchedUpTo(cursor)
    if (!pending) break
    file.addBranch(line, block, id, undefined, taken)
  }
  if (position !== start) file.branchSource = 'lcov'
  return position
}
