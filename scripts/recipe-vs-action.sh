#!/usr/bin/env bash
# Wall time of the action on examples/pyo3-demo against the hand-written recipe it
# replaces (../shared/DESIGN.md), same machine, same warm dependency build, N rounds each.
# Usage: bash scripts/recipe-vs-action.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
venv=$PWD/.tmp/venv
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
    pytest tests --cov=pyo3_demo --cov-report xml:/tmp/recipe-coverage.xml
    cargo llvm-cov report --lcov --output-path /tmp/recipe-coverage.lcov
  ) >/tmp/recipe.log 2>&1
}

action() {
  VIRTUAL_ENV=$venv PATH=$venv/bin:$PATH node scripts/run-example.mjs >/tmp/action.log 2>&1
}

seconds() { local start=$(date +%s.%N); "$@"; echo "$(date +%s.%N) - $start" | bc; }

recipe; action   # warm both (dependency builds, pip caches)
for i in $(seq "$rounds"); do
  r=$(seconds recipe); a=$(seconds action)
  printf 'round %d: recipe %.1f s, action %.1f s\n' "$i" "$r" "$a"
done
