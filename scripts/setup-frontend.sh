#!/usr/bin/env bash
# node_modules/govuk-frontend, for the agents' console: the gateway serves its
# compiled CSS and JavaScript as they are, so there is no build step.
set -euo pipefail
cd "$(dirname "$0")/.."
target=node_modules/govuk-frontend
if [ -d "$target" ] && ! [ package-lock.json -nt "$target" ]; then exit 0; fi
if ! command -v npm >/dev/null; then
  echo "error: npm is needed for the console's GOV.UK Frontend files: install Node.js 20 or later (it includes npm), then run this again" >&2
  exit 1
fi
npm ci --no-audit --no-fund
# npm keeps the package's own file times; mark the install as newer than the lock.
touch "$target"
echo "Installed GOV.UK Frontend $(node -p 'require("./node_modules/govuk-frontend/package.json").version' 2>/dev/null || true) for the console."
