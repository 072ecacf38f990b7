/** Record shapes the lcov reader names in its errors, and its tag-byte tests. */

export const LCOV_SHAPES = {
  DA: 'DA:<line>,<hits>[,<checksum>]',
  SF: 'SF:<path>',
  FN: 'FN:<line>[,<end line>],<name>',
  FNDA: 'FNDA:<hits>,<name>',
  FNL: 'FNL:<index>,<line>[,<end line>]',
  FNA: 'FNA:<index>,<hits>,<name>',
  BRDA: 'BRDA:<line>,[e]<block>,<branch>,<taken or ->'
} as const

/** Largest BRDA block number (exception blocks are stored as -1 - block in an Int32Array). */
export const MAX_BLOCK = 2 ** 31 - 2

export function isUpper(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x41 && byte <= 0x5a
}

export function isTagByte(byte: number | undefined): boolean {
  return isUpper(byte) || (byte !== undefined && ((byte >= 0x30 && byte <= 0x39) || byte === 0x5f))
}
