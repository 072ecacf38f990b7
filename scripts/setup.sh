#!/usr/bin/env bash
# Installs what the example run and the test suite need on a fresh machine of the project's
# kind (Debian 12, root, registries only: no GitHub downloads, no rustup components).
# Idempotent: a second run only checks.
set -euo pipefail
export PIP_ROOT_USER_ACTION=ignore
cd "$(dirname "$0")/.."

sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# LLVM 22 matches rustc 1.95's LLVM (build machines may not reach rustup's components).
# lcov (lcov -a) and grcov are the peers the report engine is tested and benchmarked against.
missing=()
[ -x /usr/lib/llvm-22/bin/llvm-cov ] || missing+=(llvm-22)
command -v lcov >/dev/null || missing+=(lcov)
command -v grcov >/dev/null || missing+=(grcov)
command -v xmllint >/dev/null || missing+=(libxml2-utils)
command -v /usr/bin/time >/dev/null || missing+=(time)
# Chromium renders the HTML report in the browser tests (driven by playwright-core, whose own
# browser download cannot reach its servers from here).
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: apt-get install ${missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Node packages as locked. Not `npm ci`: the registry these machines reach has no packages for
# other platforms, so the lock cannot list e.g. unrs-resolver's darwin bindings and `npm ci`
# refuses it as out of sync; `npm install` installs the locked versions and leaves the lock alone.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund --loglevel=error
fi
# cargo-llvm-cov and the LLVM tools through the action's own installer (src/install), the
# same code a workflow runs: PATH, the tool cache, GitHub's release archive (refused at once
# here: github.com does not resolve), then `cargo install --locked` into ~/.cargo/bin.
node scripts/install-tools.mjs 0.9.1

# cargo-nextest runs one Rust test per process: per-test coverage of each Rust test
# (__tests__/integration/per-test.test.ts). Built from crates.io, as cargo-llvm-cov is.
if ! cargo nextest --version >/dev/null 2>&1; then
  echo "setup: cargo install cargo-nextest --locked --version 0.9.151"
  cargo install cargo-nextest --locked --version 0.9.151
fi

# The Python tools, twice: straight into the machine's interpreter (as on a runner after
# setup-python, no virtual environment) and into a virtual environment.
python3 -m pip install --quiet --disable-pip-version-check -r scripts/requirements-test.txt
if [ ! -x .tmp/venv/bin/python ]; then python3 -m venv .tmp/venv; fi
.tmp/venv/bin/python -m pip install --quiet --disable-pip-version-check -r scripts/requirements-test.txt

# nektos/act 0.2.87 runs the sharded workflow end to end (__tests__/e2e/act-shards.test.ts).
# Built through the Go module proxy (GitHub release downloads fail here); act's go.mod needs
# Go >= 1.24 (Debian 12's golang-go is 1.19).
act_bin="$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin/act"
if ! "$act_bin" --version 2>/dev/null | grep -qx 'act version 0.2.87'; then
  command -v go >/dev/null || { echo "setup: Go >= 1.24 is needed to build nektos/act" >&2; exit 1; }
  echo "setup: go install github.com/nektos/act@v0.2.87"
  go install github.com/nektos/act@v0.2.87
fi

echo "setup: done"
