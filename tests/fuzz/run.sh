#!/usr/bin/env bash
# tests/fuzz/run.sh BINARY SEEDS WORKDIR SECONDS: one bounded libFuzzer run. New inputs go to
# WORKDIR (never into the repo's seed corpus); a crash, leak or sanitizer report fails the test.
set -euo pipefail
bin=$1 seeds=$2 work=$3 seconds=$4
mkdir -p "$work/corpus" "$work/artifacts"
exec "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/" "$work/corpus" "$seeds"
