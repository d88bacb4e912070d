#!/usr/bin/env bash
# Builds the offline neuroglancer viewer into dist/ from the pinned, hash-checked packages of package-lock.json.
# Without npm the CLI still builds; `volara serve` then links to a viewer on the internet instead.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  echo "warning: npm is not installed, so volara serve will not carry its own neuroglancer viewer" >&2
  exit 0
fi
if ! npm ci --no-audit --no-fund --loglevel=error || ! node build.mjs dist; then
  echo "warning: the neuroglancer viewer could not be built (see above), so volara serve will link to one on the internet" >&2
fi
