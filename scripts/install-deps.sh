#!/usr/bin/env bash
# Installs every Debian package Zijin's build, tests and benchmarks need; does nothing when all are present.
set -euo pipefail
PKGS=(
  build-essential cmake ninja-build ccache pkg-config
  librocksdb-dev libssl-dev libpq-dev libreadline-dev
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  postgresql-15 postgresql-client-15 postgresql-contrib sysbench python3 python3-psycopg2
  default-jdk-headless libpostgresql-jdbc-java
)
# node-postgres for tests/integration/node_pg_check.js. Debian's node-pg needs Debian's nodejs
# (through node-libpq's libnode108); where a nodejs from elsewhere (NodeSource) is installed, it is
# left alone and only node-pg's JavaScript, with split2 which it requires, is unpacked from the
# Debian packages into NODE_PG_DIR (tests put it on NODE_PATH; pg's pure-JavaScript client needs
# nothing else).
NODE_PG_DIR=/usr/local/share/zijin/nodejs
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

missing=()
for p in "${PKGS[@]}"; do
  installed "$p" || missing+=("$p")
done
need_node_pg=0
installed node-pg || [ -f "$NODE_PG_DIR/pg/package.json" ] || need_node_pg=1
[ ${#missing[@]} -eq 0 ] && [ $need_node_pg -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
unpack_node_pg=0
if [ $need_node_pg -eq 1 ]; then
  if ! installed nodejs; then
    missing+=(nodejs node-pg)
  elif apt-get install -s -qq --no-install-recommends node-pg >/dev/null 2>&1; then
    missing+=(node-pg)
  else
    unpack_node_pg=1
  fi
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if [ $unpack_node_pg -eq 1 ]; then
  echo "install-deps: nodejs is not Debian's: unpacking node-pg and node-split2 into $NODE_PG_DIR"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && apt-get download -qq node-pg node-split2 2>/dev/null)
  for deb in "$tmp"/*.deb; do dpkg-deb -x "$deb" "$tmp/root"; done
  $SUDO mkdir -p "$NODE_PG_DIR"
  $SUDO cp -r "$tmp/root/usr/share/nodejs/." "$NODE_PG_DIR/"
fi
