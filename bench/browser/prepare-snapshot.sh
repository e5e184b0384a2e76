#!/usr/bin/env bash
# Builds a commit of the app in a directory of its own, for a long-answer benchmark run that other
# work in this checkout (edits, rebuilds of .next) cannot disturb, plus a twin build of the same
# sources with browser source maps, which names the app's functions in the CPU profile. The twin's
# chunks are byte-identical to the measured build's (plus a sourceMappingURL comment); the
# benchmark matches them by content.
#
#   bash bench/browser/prepare-snapshot.sh [commit (default HEAD)] [directory (default /tmp/parley-bench-app)]
#   node_modules/.bin/node bench/browser/long-answer.mjs --app-dir=/tmp/parley-bench-app \
#     --sourcemaps=/tmp/parley-bench-app/sourcemaps
set -euo pipefail
cd "$(dirname "$0")/../.."
commit="$(git rev-parse "${1:-HEAD}")"
target="${2:-/tmp/parley-bench-app}"
node="$PWD/node_modules/.bin/node"

rm -rf "$target"
mkdir -p "$target"
git archive "$commit" | tar -x -C "$target"
# Turbopack resolves nothing outside the project root, so no symlink: hard links (same file system).
cp -al "$PWD/node_modules" "$target/node_modules"
cd "$target"
export NEXT_TELEMETRY_DISABLED=1

# The twin with source maps first, kept aside.
cp next.config.ts /tmp/parley-next.config.ts.orig
sed -i 's|^const nextConfig: NextConfig = {$|const nextConfig: NextConfig = {\n  productionBrowserSourceMaps: true,|' next.config.ts
grep -q productionBrowserSourceMaps next.config.ts
"$node" node_modules/next/dist/bin/next build >/tmp/parley-bench-build-sourcemaps.log 2>&1
mv .next/static/chunks sourcemaps
rm -rf .next
cp /tmp/parley-next.config.ts.orig next.config.ts

# The measured build: the commit as it is.
"$node" node_modules/next/dist/bin/next build >/tmp/parley-bench-build.log 2>&1
echo "commit $(git -C "$OLDPWD" log -1 --format='%h %cd' --date=iso "$commit")" >.bench-snapshot
echo "built $commit in $target (build $(cat .next/BUILD_ID)); source-mapped twin in $target/sourcemaps"
