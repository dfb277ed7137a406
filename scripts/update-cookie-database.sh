#!/usr/bin/env bash
# Takes a newer copy of the Open Cookie Database and regenerates the tables built from it.
# Usage: scripts/update-cookie-database.sh path/to/open-cookie-database.csv [upstream commit]
# Then: read the generator's summary and docs/platforms.md's diff, extend core/catalog/database-policy.json
# if new generic names appear (tests/corpus/first-party-names.json and the core's tests say so), and
# rebuild dist/ (scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
csv="${1:?usage: scripts/update-cookie-database.sh path/to/open-cookie-database.csv [commit]}"
head -1 "$csv" | grep -q '^ID,Platform,Category,Cookie / Data Key name,' ||
  { echo "update-cookie-database: $csv does not have the Open Cookie Database's columns" >&2; exit 1; }
cp "$csv" third_party/open-cookie-database/open-cookie-database.csv
if [ -n "${2:-}" ]; then
  sed -i -E "s/commit \`[0-9a-f]{40}\` \([0-9-]+\)/commit \`$2\` ($(date -u +%F))/" third_party/open-cookie-database/SOURCE.md
fi
node scripts/generate-tables.mjs
