/**
 * Output buffer for the writers: text goes straight into fixed-size byte chunks, integers are
 * formatted digit by digit. Building one string per record and joining them costs several
 * times more for the millions of records a merged report holds.
 */
export const CHUNK_SIZE = 1 << 20

export interface ChunkOptions {
  /**
   * The consumer is done with each chunk before asking for the next (it writes it to a file):
   * chunk buffers are then reused. Leave unset when collecting the chunks.
   */
  readonly reuseBuffers?: boolean
}

const encoder = new TextEncoder()
/** Encoded record tags: encoding one per call allocated an off-heap buffer per file written. */
const encodedTags = new Map<string, Uint8Array>()

export class ByteSink {
  private buffer: Uint8Array
  private position = 0
  private readonly full: Uint8Array[] = []
  /** Buffers handed out and given back by `recycle`, for a consumer that copies each chunk away. */
  private readonly spare: Uint8Array[] = []

  constructor() {
    this.buffer = new Uint8Array(CHUNK_SIZE)
  }

  /**
   * Gives back chunks the consumer is done with (written to a file), so their buffers are
   * reused: a fresh buffer costs a page fault per 4 KiB on first write, which adds up over
   * tens of megabytes of report.
   */
  recycle(chunks: readonly Uint8Array[]): void {
    for (const chunk of chunks)
      if (chunk.buffer.byteLength === CHUNK_SIZE) this.spare.push(new Uint8Array(chunk.buffer))
  }

  /** Makes room for `bytes` more bytes (every record a writer emits is far below a chunk). */
  reserve(bytes: number): void {
    if (this.position + bytes > this.buffer.length) this.rotate(bytes)
  }

  /** ASCII text (record tags, punctuation); use `text` for anything from a report. */
  ascii(text: string): void {
    this.reserve(text.length)
    const buffer = this.buffer
    let position = this.position
    for (let index = 0; index < text.length; index++) buffer[position++] = text.charCodeAt(index)
    this.position = position
  }

  /** Any text, UTF-8 encoded (ASCII, the usual case, without calling the encoder). */
  text(text: string): void {
    this.reserve(text.length * 3)
    const buffer = this.buffer
    let position = this.position
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index)
      if (code >= 0x80) {
        this.position += encoder.encodeInto(text, buffer.subarray(this.position)).written
        return
      }
      buffer[position++] = code
    }
    this.position = position
  }

  byte(value: number): void {
    if (this.position === this.buffer.length) this.rotate(1)
    this.buffer[this.position++] = value
  }

  /** A non-negative integer up to 2^53 - 1. */
  integer(value: number): void {
    this.reserve(16)
    this.position = writeInteger(this.buffer, this.position, value)
  }

  /**
   * `prefix<a>,<b>\n` for each index: the DA and similar records, written with the buffer in
   * local variables and the digits inline (this loop runs once per line of the merged report).
   */
  pairs(prefix: string, first: Uint32Array, second: Float64Array): void {
    const count = first.length
    let tag = encodedTags.get(prefix)
    if (tag === undefined) encodedTags.set(prefix, (tag = encoder.encode(prefix)))
    const tagLength = tag.length
    let buffer = this.buffer
    let position = this.position
    let limit = buffer.length - 64
    for (let index = 0; index < count; index++) {
      if (position > limit) {
        this.position = position
        this.rotate(64)
        buffer = this.buffer
        position = 0
        limit = buffer.length - 64
      }
      for (let char = 0; char < tagLength; char++) buffer[position++] = tag[char] as number
      position = writeSmallInteger(buffer, position, first[index] as number)
      buffer[position++] = 44
      const hits = second[index] as number
      position =
        hits < 2147483648
          ? writeSmallInteger(buffer, position, hits)
          : writeInteger(buffer, position, hits)
      buffer[position++] = 10
    }
    this.position = position
  }

  /**
   * `BRDA:<line>,[e]<block>,<id>,<taken or ->\n` for unlabelled outcomes (ids ≥ 0), in one
   * loop like `pairs`.
   */
  branchRecords(
    lines: Uint32Array,
    blocks: Int32Array,
    ids: Int32Array,
    taken: Float64Array
  ): void {
    let buffer = this.buffer
    let position = this.position
    for (let index = 0; index < lines.length; index++) {
      if (position + 80 > buffer.length) {
        this.position = position
        this.rotate(80)
        buffer = this.buffer
        position = 0
      }
      buffer[position++] = 0x42
      buffer[position++] = 0x52
      buffer[position++] = 0x44
      buffer[position++] = 0x41
      buffer[position++] = 0x3a
      position = writeInteger(buffer, position, lines[index] as number)
      buffer[position++] = 44
      const block = blocks[index] as number
      if (block < 0) buffer[position++] = 0x65
      position = writeInteger(buffer, position, block < 0 ? -1 - block : block)
      buffer[position++] = 44
      position = writeInteger(buffer, position, Math.max(0, ids[index] as number))
      buffer[position++] = 44
      const count = taken[index] as number
      if (count < 0) buffer[position++] = 0x2d
      else position = writeInteger(buffer, position, count)
      buffer[position++] = 10
    }
    this.position = position
  }

  /** Chunks filled so far (all but the one being written); the sink forgets them. */
  drain(): Uint8Array[] {
    return this.full.splice(0, this.full.length)
  }

  /** Everything left, including the partly filled chunk. */
  finish(): Uint8Array[] {
    if (this.position > 0) this.full.push(this.buffer.subarray(0, this.position))
    this.buffer = new Uint8Array(0)
    this.position = 0
    return this.drain()
  }

  private rotate(needed: number): void {
    if (this.position > 0) this.full.push(this.buffer.subarray(0, this.position))
    const spare = needed <= CHUNK_SIZE ? this.spare.pop() : undefined
    this.buffer = spare ?? new Uint8Array(Math.max(CHUNK_SIZE, needed))
    this.position = 0
  }
}

/** Writes a non-negative integer (up to 2^53 - 1) at `position`; returns the end. */
function writeInteger(buffer: Uint8Array, position: number, value: number): number {
  if (value < 10) {
    buffer[position] = 48 + value
    return position + 1
  }
  if (value < 2147483648) return writeSmallInteger(buffer, position, value)
  const digits = String(value)
  for (let index = 0; index < digits.length; index++) buffer[position++] = digits.charCodeAt(index)
  return position
}

/** "00" to "99": two digits per division (the writers' hot loops format millions of numbers). */
const DIGIT_PAIRS = new Uint8Array(200)
for (let pair = 0; pair < 100; pair++) {
  DIGIT_PAIRS[2 * pair] = 48 + Math.floor(pair / 10)
  DIGIT_PAIRS[2 * pair + 1] = 48 + (pair % 10)
}

/**
 * writeInteger for 0 ≤ value < 2^31, in int32 arithmetic. Line numbers and most counts have
 * at most four digits: those are written without a loop or a digit count.
 */
function writeSmallInteger(buffer: Uint8Array, position: number, value: number): number {
  const small = value | 0
  if (small < 10) {
    buffer[position] = 48 + small
    return position + 1
  }
  if (small < 100) {
    buffer[position] = DIGIT_PAIRS[small << 1] as number
    buffer[position + 1] = DIGIT_PAIRS[(small << 1) + 1] as number
    return position + 2
  }
  if (small < 10000) {
    const high = (small / 100) | 0
    const low = (small - high * 100) << 1
    if (high < 10) {
      buffer[position] = 48 + high
      buffer[position + 1] = DIGIT_PAIRS[low] as number
      buffer[position + 2] = DIGIT_PAIRS[low + 1] as number
      return position + 3
    }
    buffer[position] = DIGIT_PAIRS[high << 1] as number
    buffer[position + 1] = DIGIT_PAIRS[(high << 1) + 1] as number
    buffer[position + 2] = DIGIT_PAIRS[low] as number
    buffer[position + 3] = DIGIT_PAIRS[low + 1] as number
    return position + 4
  }
  let rest = small
  const end = position + digitCount(rest)
  let at = end
  while (rest >= 100) {
    const quotient = (rest / 100) | 0
    const pair = (rest - quotient * 100) << 1
    buffer[--at] = DIGIT_PAIRS[pair + 1] as number
    buffer[--at] = DIGIT_PAIRS[pair] as number
    rest = quotient
  }
  if (rest >= 10) {
    buffer[at - 1] = DIGIT_PAIRS[(rest << 1) + 1] as number
    buffer[at - 2] = DIGIT_PAIRS[rest << 1] as number
  } else buffer[at - 1] = 48 + rest
  return end
}

function digitCount(value: number): number {
  if (value < 10) return 1
  if (value < 100) return 2
  if (value < 1000) return 3
  if (value < 10000) return 4
  if (value < 100000) return 5
  if (value < 1000000) return 6
  if (value < 10000000) return 7
  if (value < 100000000) return 8
  return value < 1000000000 ? 9 : 10
}

/** Decodes chunks into one string (for callers that want the whole output as text). */
export function chunksToString(chunks: Iterable<Uint8Array>): string {
  const decoder = new TextDecoder()
  let text = ''
  for (const chunk of chunks) text += decoder.decode(chunk, { stream: true })
  return text + decoder.decode()
}
