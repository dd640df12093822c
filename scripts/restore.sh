#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into a database (created if missing).
#
#   scripts/restore.sh BACKUP.dump TARGET_DATABASE_URL [--force]
#
# Checks the dump's checksum first. Refuses a target database that already has tables unless
# --force is given (then it drops and recreates it). Restore into a new database, check it
# (scripts/backup_check.sh does), then point the app at it; see docs/deploy.md.
set -euo pipefail

dump="${1:-}"
target="${2:-}"
force="${3:-}"
if [[ -z "$dump" || -z "$target" || ! -f "$dump" ]]; then
  echo "usage: scripts/restore.sh BACKUP.dump postgres://user@host:5432/newdb [--force]" >&2
  exit 2
fi
if [[ -f "$dump.sha256" ]]; then
  (cd "$(dirname "$dump")" && sha256sum --check --quiet "$(basename "$dump").sha256")
else
  echo "restore.sh: warning: no checksum file next to $dump" >&2
fi

name="${target##*/}"
name="${name%%\?*}"
server="${target%/*}/postgres"
exists="$(psql "$server" -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'")"
if [[ "$exists" == "1" ]]; then
  tables="$(psql "$target" -tAc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
  if [[ "$tables" != "0" && "$force" != "--force" ]]; then
    echo "restore.sh: $name already has $tables tables; use --force to replace it" >&2
    exit 1
  fi
  psql "$server" -q -c "DROP DATABASE \"$name\" WITH (FORCE)"
fi
psql "$server" -q -c "CREATE DATABASE \"$name\""
pg_restore --dbname="$target" --no-owner --no-privileges --exit-on-error "$dump"
echo "restore.sh: restored $dump into $name"
