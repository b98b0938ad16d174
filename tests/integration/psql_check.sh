#!/usr/bin/env bash
# Runs each psql/*.sql script through the real psql against a fresh Zijin server and compares the
# output (echoed input, aligned tables, ERROR lines with LINE and caret) with psql/*.out, which
# were produced by PostgreSQL 15. Timing lines are masked.
# usage: psql_check.sh ZIJIN_BINARY
set -u
BIN=$(readlink -f "$1"); HERE=$(cd "$(dirname "$0")" && pwd)
DIR=$(mktemp -d /tmp/zj-psql.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
PID=""
cleanup() { [ -n "$PID" ] && kill -TERM "$PID" 2>/dev/null && wait "$PID"; rm -rf "$DIR"; }
trap cleanup EXIT
"$BIN" start -D "$DIR/db" --port "$PORT" >"$DIR/server.log" 2>&1 & PID=$!
for _ in $(seq 1 200); do pg_isready -q -h 127.0.0.1 -p "$PORT" && break; sleep 0.05; done
pass=0; fail=0
for sql in "$HERE"/psql/*.sql; do
  name=$(basename "$sql" .sql)
  PGTZ=UTC psql -X -a -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -f "$sql" 2>&1 \
    | sed -E 's/^Time: [0-9.]+ ms.*/Time: (masked)/; s#^psql:[^:]*:([0-9]+):#psql:\1:#' >"$DIR/$name.out"
  if diff -u "$HERE/psql/$name.out" "$DIR/$name.out"; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "psql: $pass passed, $fail failed"
[ "$fail" = 0 ]
