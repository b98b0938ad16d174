#!/usr/bin/env bash
# Side-by-side OLTP run of Zijin against PostgreSQL 15 on this machine (pgbench TPC-B, prepared
# select-only, sysbench): prints pg tps, Zijin tps and their ratio per workload. A benchmark never
# fails a test run; it reports. Extra options go to the shared harness (-w, -c, -t, -s, -r).
# usage: bench/compare.sh [harness options]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
harness="$here/../../shared/bench/compare-postgres.sh"
[ -x "$harness" ] || harness="$here/../shared/bench/compare-postgres.sh"
[ -x "$harness" ] || { echo "compare.sh: the shared harness (shared/bench/compare-postgres.sh) is not beside this checkout"; exit 2; }
exec "$harness" -b "$here/../build/zijin" "$@"
