#!/usr/bin/env bash
# Installs the browser tests' JavaScript (axe-core, TimelineJS 3) into a cache folder outside the
# repository; nothing of it is committed. Prints the folder. Idempotent: a second run installs nothing.
set -euo pipefail

cache_dir=${CHRONICLE_NPM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/chronicle-npm}
packages=("axe-core@4.14.1" "@knight-lab/timelinejs@3.9.11")

mkdir -p "$cache_dir"
if [ ! -f "$cache_dir/node_modules/axe-core/axe.min.js" ] \
    || [ ! -f "$cache_dir/node_modules/@knight-lab/timelinejs/dist/js/timeline.js" ]; then
    npm install --prefix "$cache_dir" --no-audit --no-fund --no-save --ignore-scripts --loglevel=error "${packages[@]}" >&2
fi
echo "$cache_dir"
