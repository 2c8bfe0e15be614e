#!/usr/bin/env bash
# Installs Debian's PostgreSQL server programs when they are missing: the tests run the database
# tests on PostgreSQL too, on a throwaway cluster of their own (tests/postgres.py) that they start
# with these programs as the 'postgres' account. Nothing is configured or started here.
# Sourced by scripts/test (ensure_postgres) or run directly.

postgres_programs_present() {
  local bin
  for bin in /usr/lib/postgresql/*/bin; do
    if [ -x "$bin/initdb" ] && [ -x "$bin/pg_ctl" ] && [ -x "$bin/postgres" ]; then
      return 0
    fi
  done
  return 1
}

ensure_postgres() {
  if [ "${AZULEJO_TEST_POSTGRES:-}" = "skip" ] || [[ "${AZULEJO_TEST_POSTGRES:-}" == postgresql* ]]; then
    return 0  # the PostgreSQL tests are skipped on purpose, or run on a server someone else runs
  fi
  if postgres_programs_present && id -u postgres >/dev/null 2>&1; then
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: PostgreSQL's server programs are missing and installing them needs root:" \
         "run 'apt-get install -y postgresql' as root (or set AZULEJO_TEST_POSTGRES=skip)" >&2
    return 1
  fi
  echo "Installing PostgreSQL (Debian package 'postgresql') for the database tests..." >&2
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }; then
    echo "error: could not install Debian's postgresql package; the PostgreSQL tests need it" >&2
    return 1
  fi
  if ! postgres_programs_present; then
    echo "error: the postgresql package installed, but initdb/pg_ctl/postgres are not under /usr/lib/postgresql/*/bin" >&2
    return 1
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  ensure_postgres
fi
