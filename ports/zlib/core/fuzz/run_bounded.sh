#!/usr/bin/env bash
# Bounded coverage-guided fuzzing of zlib-core (tools/fuzz_bounded.sh does the work).
#
#   ports/zlib/core/fuzz/run_bounded.sh              # 2 targets x 15 s
#   FUZZ_SECONDS=600 ports/zlib/core/fuzz/run_bounded.sh roundtrip
set -euo pipefail
cd "$(dirname "$0")"
if [ $# -eq 0 ]; then
    set -- inflate_any roundtrip
fi
exec bash ../../../../tools/fuzz_bounded.sh "$@"
