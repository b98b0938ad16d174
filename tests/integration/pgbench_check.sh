#!/usr/bin/env bash
# pgbench against Zijin: initialize, run TPC-B and prepared select-only, optionally SIGKILL the
# server mid-run and restart it; after TPC-B, check its invariants:
#   sum(abalance) = sum(bbalance) = sum(tbalance) = sum(delta) of pgbench_history
# usage: pgbench_check.sh ZIJIN_BINARY [SCALE] [SECONDS] [CLIENTS] [--crash]
set -u
BIN=$(readlink -f "$1"); SCALE=${2:-1}; SECS=${3:-5}; CLIENTS=${4:-4}; CRASH=${5:-}
DIR=$(mktemp -d /tmp/zj-pgbench.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
PID=""
cleanup() { [ -n "$PID" ] && kill -9 "$PID" 2>/dev/null; rm -rf "$DIR"; }
trap cleanup EXIT
start() {
  "$BIN" start -D "$DIR/db" --port "$PORT" >>"$DIR/server.log" 2>&1 & PID=$!
  for _ in $(seq 1 200); do pg_isready -q -h 127.0.0.1 -p "$PORT" && return 0; sleep 0.05; done
  echo "server did not start"; tail -20 "$DIR/server.log" "$DIR/db/zijin.log"; exit 1
}
q() { psql -X -A -t -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -c "$1"; }
fail() { echo "FAIL: $*"; tail -20 "$DIR/db/zijin.log" 2>/dev/null; echo "pgbench: 0 passed, 1 failed"; exit 1; }

check_invariants() {
  A=$(q 'select sum(abalance) from pgbench_accounts')
  B=$(q 'select sum(bbalance) from pgbench_branches')
  T=$(q 'select sum(tbalance) from pgbench_tellers')
  H=$(q 'select coalesce(sum(delta),0) from pgbench_history')
  N=$(q 'select count(*) from pgbench_history')
  echo "sum(abalance)=$A sum(bbalance)=$B sum(tbalance)=$T sum(delta)=$H history=$N"
  [ -n "$A" ] && [ "$A" = "$B" ] && [ "$B" = "$T" ] && [ "$T" = "$H" ] || fail "invariants do not hold"
  [ "$N" -gt 0 ] || fail "no transaction was recorded"
}

start
pgbench -q -i -s "$SCALE" -h 127.0.0.1 -p "$PORT" -U postgres postgres >"$DIR/init.log" 2>&1 \
  || { cat "$DIR/init.log"; fail "pgbench -i"; }
[ "$(q 'select count(*) from pgbench_accounts')" = "$((SCALE * 100000))" ] || fail "account rows after init"

if [ "$CRASH" = "--crash" ]; then
  pgbench -h 127.0.0.1 -p "$PORT" -U postgres -c "$CLIENTS" -j 2 -T "$SECS" postgres >"$DIR/run.log" 2>&1 &
  BENCH=$!
  sleep $((SECS / 2))
  kill -9 "$PID"; wait "$PID" 2>/dev/null; PID=""
  wait "$BENCH"
  start
  check_invariants
else
  pgbench -h 127.0.0.1 -p "$PORT" -U postgres -c "$CLIENTS" -j 2 -T "$SECS" postgres >"$DIR/run.log" 2>&1 \
    || { cat "$DIR/run.log"; fail "TPC-B run"; }
  grep -q "number of failed transactions: 0" "$DIR/run.log" || { cat "$DIR/run.log"; fail "failed transactions in TPC-B"; }
  grep '^tps' "$DIR/run.log"
  check_invariants
  # pgbench's default vacuum step truncates pgbench_history: the invariants were checked above.
  pgbench -S -M prepared -h 127.0.0.1 -p "$PORT" -U postgres -c "$CLIENTS" -j 2 -T "$SECS" postgres >"$DIR/sel.log" 2>&1 \
    || { cat "$DIR/sel.log"; fail "select-only run"; }
  grep -q "number of failed transactions: 0" "$DIR/sel.log" || { cat "$DIR/sel.log"; fail "failed transactions in select-only"; }
  grep '^tps' "$DIR/sel.log"
fi
kill -TERM "$PID"; wait "$PID"; RC=$?; PID=""
[ "$RC" = 0 ] || fail "server exit code $RC after SIGTERM"
echo "pgbench: 1 passed, 0 failed"
