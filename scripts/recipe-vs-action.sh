#!/usr/bin/env bash
# Wall time of the action against the hand-written shell recipe it replaces (show-env sourced,
# clean, cargo test, maturin develop, pytest --cov, cargo llvm-cov report), on each example
# shape, same machine, same warm dependency build, N rounds each; and what each measured
# (line coverage per language). Both build into one target dir and install into .tmp/venv
# (see scripts/setup.sh); logs and reports go to a fresh temporary directory.
# Usage: bash scripts/recipe-vs-action.sh [rounds] [shape...]
#   shapes: pyo3-demo uv-test-group uv-test-group-venv cargo-root cargo-root-member path-dep
#   (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
shift || true
shapes=("$@")
venv=$PWD/.tmp/venv
logs=$(mktemp -d)
echo "logs and reports in $logs"
export LLVM_COV=/usr/lib/llvm-22/bin/llvm-cov LLVM_PROFDATA=/usr/lib/llvm-22/bin/llvm-profdata
export CARGO_TARGET_DIR=$PWD/.tmp/cargo-target RUNNER_TOOL_CACHE=$PWD/.tmp/tool-cache

# shape → "working-directory cargo-root python-project python-package environment rust-tests"
# environment: venv (.tmp/venv active, as after `source activate`; a uv.lock is then left aside)
# or uv (no virtual environment active, uv on PATH: the project's own locked environment).
declare -A SHAPES=(
  [pyo3-demo]="examples/pyo3-demo examples/pyo3-demo examples/pyo3-demo pyo3_demo venv cargo_test_workspace"
  [uv-test-group]="examples/uv-test-group examples/uv-test-group examples/uv-test-group uv_group_demo uv cargo_test_workspace"
  [uv-test-group-venv]="examples/uv-test-group examples/uv-test-group examples/uv-test-group uv_group_demo venv cargo_test_workspace"
  [cargo-root]="examples/cargo-root examples/cargo-root examples/cargo-root/crates/root-python cargo_root_demo uv cargo_test_workspace"
  [cargo-root-member]="examples/cargo-root/crates/root-python examples/cargo-root examples/cargo-root/crates/root-python cargo_root_demo uv cargo_test_workspace"
  [path-dep]=".tmp/split-demo/bindings/python .tmp/split-demo/bindings/python .tmp/split-demo/bindings/python split_demo venv cargo_test_core"
)
[ ${#shapes[@]} -gt 0 ] || shapes=(pyo3-demo uv-test-group uv-test-group-venv cargo-root cargo-root-member path-dep)

# The path-dependency shape is generated, as its integration test makes it: a core crate
# outside the binding's Cargo workspace (__tests__/helpers/split-demo.ts).
write_split_demo() {
  # Bundled into .tmp/ so that the helpers' repository root (one directory up) is this one.
  local bundle=$PWD/.tmp/split-demo-writer.mjs
  npx esbuild __tests__/helpers/split-demo.ts --bundle --platform=node --format=esm \
    --log-level=warning --outfile="$bundle"
  node -e "import('$bundle').then((m) => m.writeSplitDemo())"
}

root=$PWD
recipe() { # cargo-root python-project package out-prefix rust-tests
  (
    source "$venv/bin/activate"
    cd "$root/$1"
    source <(cargo llvm-cov show-env --export-prefix 2>/dev/null)
    export CARGO_TARGET_DIR=$CARGO_LLVM_COV_TARGET_DIR CARGO_INCREMENTAL=1
    cargo llvm-cov clean --workspace
    $(rust_tests "$5")
    cd "$root/$2"
    maturin develop
    pytest --cov="$3" --cov-report "xml:$4.xml" -p no:cacheprovider
    cd "$root/$1"
    cargo llvm-cov report --lcov --output-path "$4.lcov"
  ) >"$4.log" 2>&1
}

rust_tests() {
  case $1 in
    cargo_test_core) echo "cargo test -p split-core" ;;
    *) echo "cargo test --workspace" ;;
  esac
}

action() { # working-directory log environment rust-tests
  local env=()
  if [ "$3" = venv ]; then env+=(VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH"); fi
  env "${env[@]}" node scripts/run-example.mjs "$1" "$(rust_tests "$4")" >"$2" 2>&1
}

seconds() {
  local start
  start=$(date +%s.%N)
  "$@"
  echo "$(date +%s.%N) - $start" | bc
}

# Line coverage of the recipe's reports: Rust from its lcov (workspace files only), Python from
# coverage.py's XML.
recipe_figures() {
  python3 - "$1" <<'PY'
import re, sys, xml.etree.ElementTree as ET
prefix = sys.argv[1]
found = hit = 0
for line in open(prefix + ".lcov"):
    if line.startswith("DA:"):
        found += 1
        hit += line.split(",")[1].strip() != "0"
root = ET.parse(prefix + ".xml").getroot()
py = f"{float(root.get('line-rate')) * 100:.2f}% ({root.get('lines-covered')}/{root.get('lines-valid')})"
print(f"Rust {hit * 100 / found:.2f}% ({hit}/{found}), Python {py}")
PY
}

action_figures() {
  sed -n 's/^\(rust-line-coverage\|python-line-coverage\|line-coverage\): /\1 /p' "$1" | paste -sd' '
}

for shape in "${shapes[@]}"; do
  read -r wd cargo_root python_dir package environment rust <<<"${SHAPES[$shape]}"
  [ "$shape" != path-dep ] || write_split_demo
  out=$logs/$shape
  recipe "$cargo_root" "$python_dir" "$package" "$out-recipe" "$rust" || true
  action "$wd" "$out-action.log" "$environment" "$rust" || true # warm both (builds, caches)
  for i in $(seq "$rounds"); do
    r=$(seconds recipe "$cargo_root" "$python_dir" "$package" "$out-recipe" "$rust" || true)
    a=$(seconds action "$wd" "$out-action.log" "$environment" "$rust" || true)
    printf '%s round %d: recipe %.1f s, action %.1f s\n' "$shape" "$i" "$r" "$a"
  done
  echo "$shape recipe measured: $(recipe_figures "$out-recipe")"
  echo "$shape action measured: $(action_figures "$out-action.log")"
done
