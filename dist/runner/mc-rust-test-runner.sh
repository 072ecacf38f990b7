#!/bin/sh
# The target runner mixed-coverage sets for the Rust tests with per-test: true
# (CARGO_TARGET_<TRIPLE>_RUNNER). cargo and cargo nextest start every test executable through
# it: `<runner> <executable> <arguments>`. It gives the process a profile of its own, named
# after a record of what the process ran, and becomes the executable (or the runner set
# before it). cargo nextest runs one test per process (`--exact <test>`); cargo test runs all
# the tests of one executable in one process.
#
# The record, run.<id> in MIXED_COVERAGE_RUST_RUNS_DIR, holds NUL-terminated fields: the
# nextest binary id (empty under cargo test), then the executable and its arguments. The
# profile is mcrt-<id>-<the pattern's file name> in the pattern's directory.
set -eu
record=$(mktemp "$MIXED_COVERAGE_RUST_RUNS_DIR/run.XXXXXXXX")
{
  printf '%s\0' "${NEXTEST_BINARY_ID-}"
  printf '%s\0' "$@"
} >"$record"
LLVM_PROFILE_FILE="$MIXED_COVERAGE_RUST_PROFILE_DIR/mcrt-${record##*/run.}-$MIXED_COVERAGE_RUST_PROFILE_NAME"
export LLVM_PROFILE_FILE
# A runner set before (split on blanks, as cargo splits it) still runs the executable.
# shellcheck disable=SC2086
exec ${MIXED_COVERAGE_NEXT_RUNNER-} "$@"
