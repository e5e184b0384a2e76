#!/bin/sh
# `npm start`: `next start` of the production build with the Node options of a self-hosted server
# (lib/runtime/server-node-options.ts, their one home), ahead of the caller's own NODE_OPTIONS.
# PORT and the arguments (`npm start -- -p 4000 -H 0.0.0.0`) reach Next unchanged. `exec`, here and
# in package.json, makes Next the process npm started: the signals npm passes on (a SIGTERM to
# `npm start`) reach it, and its exit code is npm's.
set -eu
options=$(node -p 'require("./lib/runtime/server-node-options.ts").SELF_HOSTED_SERVER_NODE_OPTIONS')
export NEXT_TELEMETRY_DISABLED=1
export NODE_OPTIONS="$options ${NODE_OPTIONS-}"
exec next start "$@"
