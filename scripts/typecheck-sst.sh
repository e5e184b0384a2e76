#!/usr/bin/env bash
# Type-checks sst.config.ts (and the lib/ files it imports) against SST's platform types, without
# AWS. `sst install` unpacks the platform of the installed sst version into .sst/platform
# (gitignored); it runs offline only with SST_SKIP_DEPENDENCY_CHECK=1 SST_NO_BUN=1, and is skipped
# when .sst/platform already holds that version. Then tsc checks tsconfig.sst.json.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=node_modules/.bin
wanted=$(node -p 'require("./node_modules/sst/package.json").version')
installed=$(cat .sst/platform/version 2>/dev/null || true)

if [ ! -f .sst/platform/config.d.ts ] || [ "$installed" != "$wanted" ]; then
  echo "Unpacking SST $wanted's platform types into .sst/platform"
  SST_TELEMETRY_DISABLED=1 SST_SKIP_DEPENDENCY_CHECK=1 SST_NO_BUN=1 "$bin/sst" install --stage "${SST_STAGE:-ci}"
fi

"$bin/tsc" -p tsconfig.sst.json
echo "sst.config.ts type-checks against SST $wanted"
