import { parseCobertura } from './cobertura-reader.js'
import { parseCoveragePyJson } from './coveragepy-json.js'
import { checkEncoding } from './encoding.js'
import { UnknownFormatError } from './errors.js'
import { parseLcov } from './lcov-reader.js'
import { checkReportSize, type ParseOptions } from './limits.js'
import type { CoverageReport, ReportFormat } from './model.js'
import { showText } from './show-text.js'

const decoder = new TextDecoder()

/**
 * The format of a report, from its first bytes (never from its name): `<` (after a BOM,
 * blanks, an XML declaration or comments) with a `<coverage` element → Cobertura; `{` with a
 * "meta" or "files" key → coverage.py JSON; an lcov record tag (TN:, SF:, VER:, …) → lcov.
 * UTF-16 and UTF-32 are refused first, with a message that says so.
 */
export function detectFormat(data: Uint8Array, source = 'report'): ReportFormat {
  checkEncoding(data, source)
  let start = 0
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) start = 3
  while (start < data.length && isBlank(data[start] as number)) start++
  if (start >= data.length) throw new UnknownFormatError(source, 'the file is empty')
  const head = decoder.decode(data.subarray(start, start + 65536))
  if (head.startsWith('<')) {
    if (/<coverage[\s>/]/.test(head)) return 'cobertura'
    throw new UnknownFormatError(source, 'XML without a <coverage> element in its first 64 KiB')
  }
  if (head.startsWith('{')) {
    if (/"(meta|files)"\s*:/.test(head)) return 'coveragepy-json'
    throw new UnknownFormatError(source, 'JSON without a "meta" or "files" key in its first 64 KiB')
  }
  if (/^(?:#[^\n]*\n\s*)*(?:TN|SF|VER|FN|DA):/.test(head)) return 'lcov'
  throw new UnknownFormatError(source, `it starts with "${showText(head.slice(0, 20), 20)}"`)
}

function isBlank(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09
}

/** Detects the format and parses with the matching reader. */
export function parseReport(
  data: Uint8Array,
  source: string,
  options?: ParseOptions
): CoverageReport {
  checkReportSize(data.length, source, options)
  switch (detectFormat(data, source)) {
    case 'lcov':
      return parseLcov(data, source, options)
    case 'cobertura':
      return parseCobertura(data, source, options)
    case 'coveragepy-json':
      return parseCoveragePyJson(data, source, options)
  }
}
