#!/usr/bin/env bash
# Installs every Debian package Zijin's build, tests and benchmarks need; does nothing when all are present.
set -euo pipefail
PKGS=(
  build-essential cmake ninja-build ccache pkg-config
  librocksdb-dev libssl-dev libpq-dev libreadline-dev
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  postgresql-15 postgresql-client-15 postgresql-contrib sysbench python3 python3-psycopg2
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "install-deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
