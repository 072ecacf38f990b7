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

/** Scratch for a BRDA record's line, block and branch (an array per call was garbage). */
const BRANCH_FIELDS = new Int32Array(3)

/**
 * Consumes consecutive plain `BRDA:<line>,<block>,<branch>,<taken or ->` records (numeric
 * block and branch, no exception prefix); returns where they stop.
 */
export function plainBranchRun(data: Uint8Array, start: number, file: FileBuilder): number {
  const branches = file.branchStretches
  const arena = branches.arena
  const fields = BRANCH_FIELDS
  let position = start
  while (
    data[position] === 0x42 &&
    data[position + 1] === 0x52 &&
    data[position + 2] === 0x44 &&
    data[position + 3] === 0x41 &&
    data[position + 4] === COLON
  ) {
    // line, block, branch: three comma-terminated numbers, digit loops written out.
    let at = position + 5
    let valid = true
    for (let field = 0; field < 3 && valid; field++) {
      const fieldStart = at
      let value = 0
      let byte = data[at] as number
      while (byte >= 48 && byte <= 57) {
        value = value * 10 + byte - 48
        byte = data[++at] as number
      }
      valid = byte === COMMA && at > fieldStart && at - fieldStart <= 9
      fields[field] = value
      at++
    }
    const line = fields[0] as number
    if (!valid || line < 1 || line > MAX_LINE_NUMBER) break
    let taken = 0
    if (data[at] === 0x2d) {
      taken = NOT_EVALUATED
      at++
    } else {
      const takenStart = at
      let byte = data[at] as number
      while (byte >= 48 && byte <= 57) {
        taken = taken * 10 + byte - 48
        byte = data[++at] as number
      }
      if (at === takenStart || at - takenStart > 15) break
    }
    const next = lineEnd(data, at)
    if (next < 0) break
    position = next
    const block = fields[1] as number
    const id = fields[2] as number
    // Another shard's record of a known file: the outcome is usually the base's next one.
    const cursor = branches.plainCursor
    if (
      cursor >= 0 &&
      arena.lines[cursor] === line &&
      arena.blocks[cursor] === block &&
      arena.ids[cursor] === id
    ) {
      branches.matched(taken)
    } else file.addBranch(line, block, id, undefined, taken)
  }
  if (position !== start) file.branchSource = 'lcov'
  return position
}
