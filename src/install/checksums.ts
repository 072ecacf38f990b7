/**
 * SHA-256 of cargo-llvm-cov release archives we accept. The project publishes no checksum
 * files, so a download is trusted only when its digest is pinned here; any other version or
 * platform is built with `cargo install --locked` instead (crates.io checks what it serves).
 *
 * Sources (checked 2026-11; re-check when the default version moves):
 * - taiki-e/install-action pins digests per version in manifests/cargo-llvm-cov.json, but the
 *   copies we could read (commits 6d0340ae613fcf7166e6aa2d0935d3b1b964e6b7 and
 *   036f724f83222f6bd3e376654c8669fef34260cd) stop at 0.6.x, and that manifest lists musl
 *   builds for Linux, not the gnu archive a glibc runner takes.
 * - x86_64-unknown-linux-gnu 0.9.1: the same digest is pinned by several unrelated public
 *   projects that verify the archive in CI before installing it (one notes it checked it
 *   against GitHub's release-API digest).
 * - the two apple-darwin 0.9.1 digests: one public project's pinned provisioning script.
 * A wrong digest here fails safe: the download is refused and cargo install builds the tool.
 */

/** version → release asset name → lowercase hex SHA-256. */
export type ChecksumTable = Readonly<Record<string, Readonly<Record<string, string>>>>

export const PINNED_SHA256: ChecksumTable = {
  '0.9.1': {
    'cargo-llvm-cov-x86_64-unknown-linux-gnu.tar.gz':
      'b3f68e625481fed9b16444174f3fa5ebcdbde4a1878803a35eabe2dcefcdc41a',
    'cargo-llvm-cov-x86_64-apple-darwin.tar.gz':
      'ddf949b82a63017441ea76aa068bdd7e2dde8055f47cd3ef736fdbbd633bc33e',
    'cargo-llvm-cov-aarch64-apple-darwin.tar.gz':
      '7e821a6c90c0884f79f759f5d9be50799ade67bb82515186d922f26032ef43b8'
  }
}

export function pinnedDigest(
  table: ChecksumTable,
  version: string,
  asset: string
): string | undefined {
  return table[version]?.[asset]?.toLowerCase()
}
