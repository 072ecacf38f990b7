/**
 * Which executable or library wrote a profile. The profile runtime puts the GNU build id of
 * the module into the profile's header (its binary id); the same id is in an ELF note of the
 * file. The instrumented files of a run are the executables and shared libraries in the
 * target directory's profile directory (where `cargo llvm-cov report` finds them too).
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs'
import { join } from 'node:path'

const ELF_MAGIC = 0x464c457f
const SHT_NOTE = 7
const NT_GNU_BUILD_ID = 3

function readAt(descriptor: number, offset: number, length: number): Buffer {
  const buffer = Buffer.alloc(length)
  const read = readSync(descriptor, buffer, 0, length, offset)
  return buffer.subarray(0, read)
}

/** The GNU build id of a 64-bit little-endian ELF file, lower-case hex; undefined otherwise. */
export function gnuBuildId(path: string): string | undefined {
  let descriptor: number
  try {
    descriptor = openSync(path, 'r')
  } catch {
    return undefined
  }
  try {
    const header = readAt(descriptor, 0, 64)
    // ELFCLASS64 (2), little-endian (1).
    if (header.length < 64 || header.readUInt32LE(0) !== ELF_MAGIC) return undefined
    if (header[4] !== 2 || header[5] !== 1) return undefined
    const sectionsAt = Number(header.readBigUInt64LE(0x28))
    const entrySize = header.readUInt16LE(0x3a)
    const count = header.readUInt16LE(0x3c)
    const sections = readAt(descriptor, sectionsAt, entrySize * count)
    for (let index = 0; index < count; index++) {
      const entry = sections.subarray(index * entrySize, (index + 1) * entrySize)
      if (entry.length < 0x28 || entry.readUInt32LE(4) !== SHT_NOTE) continue
      const notes = readAt(
        descriptor,
        Number(entry.readBigUInt64LE(0x18)),
        Number(entry.readBigUInt64LE(0x20))
      )
      const id = buildIdNote(notes)
      if (id) return id
    }
    return undefined
  } finally {
    closeSync(descriptor)
  }
}

/** The NT_GNU_BUILD_ID note among a note section's notes. */
export function buildIdNote(notes: Buffer): string | undefined {
  let at = 0
  while (at + 12 <= notes.length) {
    const nameSize = notes.readUInt32LE(at)
    const descSize = notes.readUInt32LE(at + 4)
    const type = notes.readUInt32LE(at + 8)
    const nameAt = at + 12
    const descAt = nameAt + align4(nameSize)
    if (descAt + descSize > notes.length) return undefined
    const name = notes.subarray(nameAt, nameAt + nameSize).toString('latin1')
    if (type === NT_GNU_BUILD_ID && name === 'GNU\0') {
      return notes.subarray(descAt, descAt + descSize).toString('hex')
    }
    at = descAt + align4(descSize)
  }
  return undefined
}

function align4(size: number): number {
  return size + ((4 - (size % 4)) % 4)
}

const LIBRARY = /\.(so|dylib)$/

/** Executables and shared libraries directly in `dirs`, by build id (the first path of each). */
export function objectsByBuildId(dirs: readonly string[]): Map<string, string> {
  const found = new Map<string, string>()
  for (const dir of dirs) {
    let names: string[]
    try {
      names = readdirSync(dir)
    } catch {
      continue
    }
    for (const name of names.sort()) {
      const path = join(dir, name)
      if (!isObjectCandidate(path, name)) continue
      const id = gnuBuildId(path)
      if (id && !found.has(id)) found.set(id, path)
    }
  }
  return found
}

function isObjectCandidate(path: string, name: string): boolean {
  try {
    const stat = statSync(path)
    return stat.isFile() && (LIBRARY.test(name) || (stat.mode & 0o111) !== 0)
  } catch {
    return false
  }
}
