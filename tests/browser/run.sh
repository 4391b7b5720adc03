#!/usr/bin/env bash
# tests/browser/run.sh SCREENSHOT_DIR: installs playwright-core from package-lock.json (no browser
# download: the tests drive Debian's /usr/bin/chromium) and runs the browser flows.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
command -v npm >/dev/null || { echo "npm is missing (scripts/install-deps --test)" >&2; exit 1; }
[ -x /usr/bin/chromium ] || { echo "chromium is missing (scripts/install-deps --test)" >&2; exit 1; }
if [ ! -d "$here/node_modules/playwright-core" ]; then
  (cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
fi
exec node "$here/flows.js" "$1"
