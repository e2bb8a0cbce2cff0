#!/usr/bin/env bash
# Debian's Chromium, for the widget's browser tests. Playwright drives it by
# path; its own browser download is never used.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  sudo=sudo
  command -v sudo >/dev/null || { echo "error: installing chromium needs root: run 'apt-get install -y chromium' as root" >&2; exit 1; }
else
  sudo=
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
echo "Installed Debian's chromium for the browser tests."
