#!/usr/bin/env bash
# Runs every cargo-fuzz target for SECONDS (default 600) each, one after the
# other, starting from the small seed corpus in fuzz/corpus/. Needs cargo-fuzz
# (`cargo install cargo-fuzz`); the stable toolchain is enough with
# RUSTC_BOOTSTRAP=1 (libFuzzer's sanitizer flags are nightly-only otherwise).
# Crashes land in fuzz/artifacts/<target>/; add each as a regression test.
# Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(segment tokenize romanize numbers align input manifest)
export RUSTC_BOOTSTRAP=1
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  echo "== $t: ${seconds}s"
  cargo fuzz run -O "$t" "corpus/$t" -- -max_total_time="$seconds" -max_len=4096 -timeout=20 -rss_limit_mb=4096 2>&1 \
    | grep -E "^#[0-9]+.*(DONE|pulse)|Done|SUMMARY|ERROR|panicked|stat::" | tail -5
done
