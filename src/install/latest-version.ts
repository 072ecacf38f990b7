/**
 * Resolves `cargo-llvm-cov-version: latest` to a number, so that a cached or installed copy can
 * be matched against it. The crates.io sparse index answers in one small request and is
 * reachable wherever `cargo install` is; GitHub's API is not needed.
 */
import { compareVersions } from './cargo-llvm-cov.js'

export const CRATES_INDEX_URL = 'https://index.crates.io'

/** One JSON object per published version, oldest first (https://doc.rust-lang.org/cargo/reference/registry-index.html). */
export function newestRelease(indexFile: string): string | undefined {
  let newest: string | undefined
  for (const line of indexFile.split('\n')) {
    if (!line.trim()) continue
    const entry = JSON.parse(line) as { vers?: unknown; yanked?: unknown }
    const version = typeof entry.vers === 'string' ? entry.vers : ''
    if (entry.yanked === true || !/^\d+\.\d+\.\d+$/.test(version)) continue
    if (!newest || compareVersions(version, newest) > 0) newest = version
  }
  return newest
}

/** The newest cargo-llvm-cov on the index, or undefined when the index cannot be read in time. */
export async function latestCargoLlvmCov(
  indexUrl: string = CRATES_INDEX_URL,
  timeoutMs = 8_000
): Promise<{ version?: string; problem?: string }> {
  const url = `${indexUrl.replace(/\/+$/, '')}/ca/rg/cargo-llvm-cov`
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) })
    if (!response.ok) return { problem: `${url}: HTTP ${response.status}` }
    const version = newestRelease(await response.text())
    return version ? { version } : { problem: `${url}: no released version listed` }
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code
    return { problem: `${url}: ${cause ?? (error as Error).message}` }
  }
}
