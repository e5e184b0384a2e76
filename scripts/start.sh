#!/bin/sh
# `npm start`: `next start` of the production build with the Node options of a self-hosted server
# (lib/runtime/server-node-options.ts, their one home), ahead of the caller's own NODE_OPTIONS, on
# the interface HOST names (scripts/listen-host.mjs: this machine only unless HOST says otherwise),
# in one process per core sharing the port (scripts/start-cluster.mjs; WEB_CONCURRENCY to choose).
# PORT and the arguments (`npm start -- -p 4000`) reach Next unchanged, after `-H`, so an `-H` of
# their own wins. `exec`, here and in package.json, makes the cluster's primary the process npm
# started: the signals npm passes on (a SIGTERM to `npm start`) reach it, it passes them on to the
# servers, and its exit code is npm's.
set -eu
options=$(node -p 'require("./lib/runtime/server-node-options.ts").SELF_HOSTED_SERVER_NODE_OPTIONS')
host=$(node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON scripts/listen-host.mjs)
export NEXT_TELEMETRY_DISABLED=1
export NODE_OPTIONS="$options ${NODE_OPTIONS-}"
# The server warns when it listens beyond this machine without login (lib/auth/local-mode-guard.ts).
export HOST="$host"
next=$(command -v next) || { echo "npm start: next is not installed (run npm install)" >&2; exit 1; }
exec node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON scripts/start-cluster.mjs "$next" start -H "$host" "$@"
