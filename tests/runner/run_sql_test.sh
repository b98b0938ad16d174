#!/usr/bin/env bash
# Runs one sqllogictest file against a fresh Zijin server: run_sql_test.sh ZIJIN RUNNER FILE.
# Starts `zijin start` on a temporary data directory and a free port, waits with pg_isready,
# runs the runner, then stops the server with SIGTERM and removes the directory, always.
set -u
if [ $# -lt 3 ]; then
  echo "usage: $0 ZIJIN_BINARY ZJ_SQLLOGIC FILE [RUNNER_ARGS...]" >&2
  exit 2
fi
zijin=$1
runner=$2
file=$3
shift 3

if [ ! -x "$zijin" ]; then
  echo "run_sql_test: server binary $zijin not found (is zijin built?)" >&2
  exit 2
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/zj_sqltest.XXXXXX")
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "run_sql_test: server did not stop on SIGTERM; killing it" >&2
      kill -KILL "$pid" 2>/dev/null
    fi
    wait "$pid" 2>/dev/null
  fi
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A port picked as free may be taken before the server binds it: try a few times.
started=0
for attempt in 1 2 3; do
  port=$(free_port)
  "$zijin" start -D "$dir/data" --port "$port" >"$dir/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do
    if ! kill -0 "$pid" 2>/dev/null; then
      break
    fi
    if pg_isready -q -h 127.0.0.1 -p "$port" -t 1 >/dev/null 2>&1; then
      started=1
      break
    fi
    sleep 0.1
  done
  [ $started = 1 ] && break
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null
  fi
  wait "$pid" 2>/dev/null
  pid=""
  echo "run_sql_test: server did not start (attempt $attempt); log:" >&2
  tail -n 20 "$dir/server.log" >&2
done
if [ $started != 1 ]; then
  exit 1
fi

"$runner" --host 127.0.0.1 --port "$port" --user postgres --db postgres "$@" "$file"
rc=$?
if ! kill -0 "$pid" 2>/dev/null; then
  echo "run_sql_test: the server exited during the test; last lines of its log:" >&2
  tail -n 50 "$dir/server.log" >&2
  rc=1
elif [ $rc != 0 ]; then
  echo "--- last lines of the server log ---" >&2
  tail -n 30 "$dir/server.log" >&2
fi
exit $rc
