#!/usr/bin/env bash
# Bounded coverage-guided fuzzing of binascii-core (tools/fuzz_bounded.sh does the work).
#
#   ports/binascii/core/fuzz/run_bounded.sh              # 3 targets x 15 s
#   FUZZ_SECONDS=600 ports/binascii/core/fuzz/run_bounded.sh roundtrips
set -euo pipefail
cd "$(dirname "$0")"
if [ $# -eq 0 ]; then
    set -- base64_decode backends_agree roundtrips
fi
exec bash ../../../../tools/fuzz_bounded.sh "$@"
