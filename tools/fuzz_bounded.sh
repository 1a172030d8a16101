#!/usr/bin/env bash
# Bounded coverage-guided fuzzing of a port's pure core, on stable Rust; shared by every
# ports/<module>/core/fuzz/run_bounded.sh, which names its targets and calls this from its folder.
#
# Builds the libFuzzer targets of the current folder with SanitizerCoverage flags that stable
# rustc accepts (the ones cargo-fuzz uses with `-s none`), then runs each target for FUZZ_SECONDS
# (default 15) from its corpus folder. Exits non-zero on the first crash; libFuzzer writes the
# input to artifacts/<target>/ (turn it into a regression test, see docs/FUZZING.md).
#
#   tools/fuzz_bounded.sh TARGET...      (run from a fuzz folder)
set -euo pipefail
if [ $# -eq 0 ]; then
    echo "usage: tools/fuzz_bounded.sh TARGET... (from a port's fuzz folder)" >&2
    exit 2
fi

secs="${FUZZ_SECONDS:-15}"
targets=("$@")
host="$(rustc -vV | sed -n 's/^host: //p')"

# Instrumentation for libFuzzer (stable flags), with debug assertions and
# overflow checks on. Passing --target keeps these flags off build scripts.
export RUSTFLAGS="-Cpasses=sancov-module \
 -Cllvm-args=-sanitizer-coverage-level=4 \
 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
 -Cllvm-args=-sanitizer-coverage-pc-table \
 -Cllvm-args=-sanitizer-coverage-trace-compares \
 --cfg fuzzing -Cdebug-assertions -Coverflow-checks -Cforce-frame-pointers"
cargo build --release --quiet --target "$host" --bins

status=0
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    echo "== $t: ${secs}s"
    if ! "target/$host/release/$t" "corpus/$t" \
        -max_total_time="$secs" -max_len=4096 -rss_limit_mb=2048 \
        -artifact_prefix="artifacts/$t/" -print_final_stats=1 2>"artifacts/$t.log"; then
        status=1
        tail -n 40 "artifacts/$t.log"
        echo "== $t: CRASH (input saved under artifacts/$t/)"
        continue
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "artifacts/$t.log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "artifacts/$t.log")
    cov=$(grep -o 'cov: [0-9]*' "artifacts/$t.log" | tail -n 1)
    echo "== $t: ok, ${runs} runs, ${rate} exec/s, ${cov}, corpus $(ls "corpus/$t" | wc -l)"
done
exit $status
