/**
 * LLVM raw profiles (.profraw) as rustc 1.95's profile runtime writes them: LLVM 22's layout,
 * INSTR_PROF_RAW_VERSION 10 (InstrProfData.inc). Pure: bytes in, bytes out.
 *
 *   header        16 little-endian u64: Magic, Version, BinaryIdsSize, NumData,
 *                 PaddingBytesBeforeCounters, NumCounters, PaddingBytesAfterCounters,
 *                 NumBitmapBytes, PaddingBytesAfterBitmapBytes, NamesSize, CountersDelta,
 *                 BitmapDelta, NamesDelta, NumVTables, VNamesSize, ValueKindLast
 *   binary ids    BinaryIdsSize bytes: (u64 length, id padded to 8 bytes)…
 *   data          NumData records of 6 u64, NumCounters u32, NumValueSites[ValueKindLast + 1]
 *                 u16, NumBitmapBytes u32, padded to 8 bytes
 *   counters      after PaddingBytesBeforeCounters: NumCounters u64 (8-byte counters)
 *   bitmap        after PaddingBytesAfterCounters: NumBitmapBytes (MC/DC)
 *   names, vtables, value profile data
 *
 * A profile made from another's bytes with other counter values is a valid profile of the
 * same build: that is how the counters one test added become a profile llvm-cov can read.
 */

export const PROFRAW_MAGIC = 0xff6c70726f667281n
export const PROFRAW_VERSION = 10
const VERSION_MASK = 0xffffffffn
const BYTE_COVERAGE = 1n << 60n
const HEADER_BYTES = 16 * 8

export interface ProfrawLayout {
  version: number
  /** The first binary id (the GNU build id of the executable or library), lower-case hex. */
  binaryId: string | undefined
  countersOffset: number
  counterCount: number
  bitmapOffset: number
  bitmapBytes: number
}

/** Why a file is not a profile this module reads. */
export class ProfrawError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ProfrawError'
  }
}

function field(header: Buffer, index: number): bigint {
  return header.readBigUInt64LE(index * 8)
}

/** The layout of a raw profile from its first bytes (header and binary ids at least). */
export function readLayout(bytes: Buffer): ProfrawLayout {
  if (bytes.length < HEADER_BYTES) throw new ProfrawError('shorter than a raw profile header')
  if (field(bytes, 0) !== PROFRAW_MAGIC) throw new ProfrawError('not an LLVM raw profile')
  const versionField = field(bytes, 1)
  const version = Number(versionField & VERSION_MASK)
  if (version !== PROFRAW_VERSION) {
    throw new ProfrawError(`raw profile version ${version}; version ${PROFRAW_VERSION} is read`)
  }
  if (versionField & BYTE_COVERAGE) throw new ProfrawError('single-byte counters are not read')
  const [binaryIds, data, paddingBefore, counters, paddingAfter, bitmap] = [2, 3, 4, 5, 6, 7].map(
    (index) => Number(field(bytes, index))
  ) as [number, number, number, number, number, number]
  const valueKinds = Number(field(bytes, 15)) + 1
  const record = alignTo8(6 * 8 + 4 + 2 * valueKinds + 4)
  const countersOffset = HEADER_BYTES + binaryIds + data * record + paddingBefore
  return {
    version,
    binaryId: firstBinaryId(bytes, binaryIds),
    countersOffset,
    counterCount: counters,
    bitmapOffset: countersOffset + counters * 8 + paddingAfter,
    bitmapBytes: bitmap
  }
}

function alignTo8(size: number): number {
  return size + ((8 - (size % 8)) % 8)
}

function firstBinaryId(bytes: Buffer, size: number): string | undefined {
  if (size < 8 || bytes.length < HEADER_BYTES + 8) return undefined
  const length = Number(bytes.readBigUInt64LE(HEADER_BYTES))
  if (length === 0 || length > size - 8 || bytes.length < HEADER_BYTES + 8 + length) {
    return undefined
  }
  return bytes.subarray(HEADER_BYTES + 8, HEADER_BYTES + 8 + length).toString('hex')
}

/** A counter index and its value. */
export type CounterValue = readonly [index: number, value: number]

/** The counters that are not 0, ascending by index. */
export function nonZeroCounters(profile: Buffer, layout: ProfrawLayout): CounterValue[] {
  checkSize(profile, layout)
  const found: CounterValue[] = []
  for (let index = 0; index < layout.counterCount; index++) {
    const value = profile.readBigUInt64LE(layout.countersOffset + index * 8)
    if (value !== 0n) found.push([index, Number(value)])
  }
  return found
}

/**
 * A copy of `template` whose counters are `counters` (every other counter 0) and whose MC/DC
 * bitmap is cleared: a profile of the same build that ran exactly those counts.
 */
export function profileWithCounters(
  template: Buffer,
  layout: ProfrawLayout,
  counters: readonly CounterValue[]
): Buffer {
  checkSize(template, layout)
  const profile = Buffer.from(template)
  profile.fill(0, layout.countersOffset, layout.countersOffset + layout.counterCount * 8)
  profile.fill(0, layout.bitmapOffset, layout.bitmapOffset + layout.bitmapBytes)
  for (const [index, value] of counters) {
    if (index < 0 || index >= layout.counterCount) {
      throw new ProfrawError(`counter ${index} is outside the ${layout.counterCount} counters`)
    }
    profile.writeBigUInt64LE(BigInt(value), layout.countersOffset + index * 8)
  }
  return profile
}

function checkSize(profile: Buffer, layout: ProfrawLayout): void {
  const end = Math.max(
    layout.countersOffset + layout.counterCount * 8,
    layout.bitmapOffset + layout.bitmapBytes
  )
  if (profile.length < end) throw new ProfrawError(`cut off: ${profile.length} of ${end} bytes`)
}
