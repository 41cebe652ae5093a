#!/usr/bin/env bash
# The services the test suite needs under CI=true, from Debian's packages: Chromium for the
# browser tests, and a PostgreSQL server with a role that may create databases, for the store
# tests on PostgreSQL (tests/postgres_db.py: postgresql://sitrep:sitrep@127.0.0.1:5432/postgres).
# Run by the README's test command when CI=true; safe to run again.
set -eu
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v pg_ctlcluster >/dev/null || need+=(postgresql)
if [ "${#need[@]}" -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
pg_lsclusters -h | grep -q "^$version *main" || pg_createcluster "$version" main >/dev/null
pg_ctlcluster "$version" main start 2>/dev/null || pg_ctlcluster "$version" main status >/dev/null
for _ in $(seq 1 30); do
  su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
if ! su postgres -c "psql -qtAc \"select 1 from pg_roles where rolname = 'sitrep'\"" | grep -q 1; then
  su postgres -c "psql -qc \"create role sitrep\""
fi
su postgres -c "psql -qc \"alter role sitrep login createdb password 'sitrep'\""
