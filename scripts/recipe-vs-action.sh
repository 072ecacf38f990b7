#!/usr/bin/env bash
# Wall time of the action on examples/pyo3-demo against the hand-written shell recipe it
# replaces (show-env sourced, cargo test, maturin develop, pytest --cov, cargo llvm-cov
# report), same machine, same warm dependency build, N rounds each. Both build in the
# example's own target dir and install into .tmp/venv (see scripts/setup.sh).
# Usage: bash scripts/recipe-vs-action.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
venv=$PWD/.tmp/venv
logs=$(mktemp -d)
echo "logs and reports in $logs"
export LLVM_COV=/usr/lib/llvm-22/bin/llvm-cov LLVM_PROFDATA=/usr/lib/llvm-22/bin/llvm-profdata

recipe() {
  (
    cd examples/pyo3-demo
    source "$venv/bin/activate"
    source <(cargo llvm-cov show-env --export-prefix 2>/dev/null)
    export CARGO_TARGET_DIR=$CARGO_LLVM_COV_TARGET_DIR CARGO_INCREMENTAL=1
    cargo llvm-cov clean --workspace
    cargo test --workspace
    maturin develop
    pytest tests --cov=pyo3_demo --cov-report "xml:$logs/recipe-coverage.xml"
    cargo llvm-cov report --lcov --output-path "$logs/recipe-coverage.lcov"
  ) >"$logs/recipe.log" 2>&1
}

action() {
  VIRTUAL_ENV=$venv PATH=$venv/bin:$PATH node scripts/run-example.mjs >"$logs/action.log" 2>&1
}

seconds() {
  local start
  start=$(date +%s.%N)
  "$@"
  echo "$(date +%s.%N) - $start" | bc
}

recipe
action # warm both (dependency builds, pip caches)
for i in $(seq "$rounds"); do
  r=$(seconds recipe)
  a=$(seconds action)
  printf 'round %d: recipe %.1f s, action %.1f s\n' "$i" "$r" "$a"
done
