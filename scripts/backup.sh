#!/usr/bin/env bash
# Back up the GovFlex PostgreSQL database with pg_dump (custom format: compressed, restorable
# table by table, consistent snapshot while the app keeps running) and the uploaded files.
#
#   scripts/backup.sh [DATABASE_URL] [BACKUP_DIR]
#
# DATABASE_URL defaults to $DATABASE_URL; BACKUP_DIR to $GOVFLEX_BACKUP_DIR or ./var/backups.
# Writes <BACKUP_DIR>/govflex-<UTC time>.dump (+ .sha256) and, when GOVFLEX_MEDIA_ROOT is a
# directory, govflex-media-<UTC time>.tar.gz. Keeps the newest $GOVFLEX_BACKUP_KEEP (14) dumps.
# Schedule it (cron or a systemd timer) and copy BACKUP_DIR off the machine; see docs/deploy.md.
set -euo pipefail

url="${1:-${DATABASE_URL:-}}"
dir="${2:-${GOVFLEX_BACKUP_DIR:-var/backups}}"
keep="${GOVFLEX_BACKUP_KEEP:-14}"
if [[ -z "$url" || "$url" != postgres* ]]; then
  echo "backup.sh: give a postgres:// DATABASE_URL (argument or environment)" >&2
  exit 2
fi
mkdir -p "$dir"
chmod 700 "$dir"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
dump="$dir/govflex-$stamp.dump"

# Write to a temporary name first: a dump cut short never looks like a finished backup.
pg_dump --dbname="$url" --format=custom --compress=6 --no-owner --no-privileges \
  --file="$dump.partial"
mv "$dump.partial" "$dump"
(cd "$dir" && sha256sum "$(basename "$dump")" > "$(basename "$dump").sha256")
echo "backup.sh: wrote $dump ($(du -h "$dump" | cut -f1))"

media="${GOVFLEX_MEDIA_ROOT:-}"
if [[ -n "$media" && -d "$media" ]]; then
  tar -C "$media" -czf "$dir/govflex-media-$stamp.tar.gz" .
  echo "backup.sh: wrote $dir/govflex-media-$stamp.tar.gz"
fi

# Keep the newest $keep dumps (and their checksums and media archives).
mapfile -t old < <(ls -1t "$dir"/govflex-*.dump 2>/dev/null | tail -n +"$((keep + 1))")
for file in "${old[@]}"; do
  rm -f -- "$file" "$file.sha256" "${file/govflex-/govflex-media-}"
done
