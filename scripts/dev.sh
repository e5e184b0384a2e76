#!/bin/sh
# `npm run dev`: `next dev` on the interface HOST names (scripts/listen-host.mjs: this machine only
# unless HOST says otherwise). The arguments reach Next unchanged, after `-H`.
set -eu
host=$(node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON scripts/listen-host.mjs)
export NEXT_TELEMETRY_DISABLED=1
# The server warns when it listens beyond this machine without login (lib/auth/local-mode-guard.ts).
export HOST="$host"
exec next dev -H "$host" "$@"
