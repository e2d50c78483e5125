#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: Debian's server, installed when missing, run as the
# unprivileged `postgres` user on a unix socket in a temp dir (no TCP port, nothing left behind).
# Source it: it exports BUDGETLINT_TEST_PG and PG_CTL_STOP (a command that stops and removes the cluster).
set -euo pipefail  # (also applies to .ci/run, which sources this file)
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
pg_dir=$(mktemp -d /tmp/budgetlint-pg.XXXXXX)
run_as=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$pg_dir"
  run_as=(runuser -u postgres --)
fi
"${run_as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U budgetlint --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${run_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w start \
  -o "-k $pg_dir -c listen_addresses='' -c fsync=off -c max_connections=200" >/dev/null
"${run_as[@]}" "$pg_bin/createdb" -h "$pg_dir" -U budgetlint budgetlint_test
export BUDGETLINT_TEST_PG="postgresql://budgetlint@localhost/budgetlint_test?host=$pg_dir"
# The chaos test restarts the server: it needs the data directory and how to run pg_ctl.
export BUDGETLINT_TEST_PG_CTL="${run_as[*]} $pg_bin/pg_ctl -D $pg_dir/data -l $pg_dir/log -o \"-k $pg_dir -c listen_addresses='' -c fsync=off -c max_connections=200\""
export PG_CTL_STOP="${run_as[*]} $pg_bin/pg_ctl -D $pg_dir/data -m immediate stop >/dev/null; rm -rf $pg_dir"
