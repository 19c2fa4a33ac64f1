#!/usr/bin/env bash
# Install Debian's PostgreSQL server binaries (initdb, pg_ctl, postgres, contrib's pg_trgm) if they
# are missing. Idempotent and quiet. The store tests (tests/store/conftest.py) start their own
# throwaway cluster with these binaries in a temporary directory on a free port, so no system
# service is started or configured here.
set -euo pipefail
if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null \
   && compgen -G "/usr/share/postgresql/*/extension/pg_trgm.control" >/dev/null; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "postgres.sh: not root and no sudo: install the 'postgresql' package by hand" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
# the Debian package starts a cluster service on install where it can; the tests do not need it
$SUDO apt-get install -y -qq --no-install-recommends postgresql postgresql-contrib >/dev/null 2>&1 \
  || $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || {
  echo "postgres.sh: PostgreSQL server binaries still missing after install" >&2; exit 1; }
