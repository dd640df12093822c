#!/usr/bin/env bash
# The backup and restore procedure, tested: build a small GovFlex database on the local
# PostgreSQL, back it up with scripts/backup.sh, restore it with scripts/restore.sh into the
# scratch database govflex_security_restore, and compare the row count of every table.
# `make backup-check`; .ci/run runs it. PG_URL_BASE defaults to postgres://postgres@127.0.0.1:5432
set -euo pipefail
cd "$(dirname "$0")/.."

base="${PG_URL_BASE:-postgres://postgres@127.0.0.1:5432}"
source_db="govflex_security_backup_src"
restore_db="govflex_security_restore"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

psql "$base/postgres" -q -c "DROP DATABASE IF EXISTS $source_db WITH (FORCE)" 2>/dev/null
psql "$base/postgres" -q -c "CREATE DATABASE $source_db"
export DATABASE_URL="$base/$source_db" GOVFLEX_VAR_DIR="$work/var"
.venv/bin/govflex migrate --no-input -v 0
.venv/bin/govflex seed --staff "${BACKUP_CHECK_STAFF:-50}" >/dev/null

scripts/backup.sh "$DATABASE_URL" "$work/backups"
dump="$(ls -1 "$work"/backups/govflex-*.dump | head -n 1)"
scripts/restore.sh "$dump" "$base/$restore_db" --force

counts() {
  psql "$1" -tA -c "SELECT table_name FROM information_schema.tables
                    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1" |
  while read -r table; do
    echo "$table $(psql "$1" -tAc "SELECT count(*) FROM \"$table\"")"
  done
}
counts "$base/$source_db" > "$work/source.txt"
counts "$base/$restore_db" > "$work/restored.txt"
tables="$(wc -l < "$work/source.txt")"
rows="$(awk '{s += $2} END {print s}' "$work/source.txt")"
if ! diff -u "$work/source.txt" "$work/restored.txt"; then
  echo "backup-check: FAILED: the restored database differs (above)" >&2
  exit 1
fi
if [[ "$rows" -lt 100 ]]; then
  echo "backup-check: FAILED: the source database has only $rows rows" >&2
  exit 1
fi
psql "$base/postgres" -q -c "DROP DATABASE IF EXISTS $source_db WITH (FORCE)" 2>/dev/null
echo "backup-check: restored $tables tables, $rows rows, every count equal"
