#!/usr/bin/env bash
# Prints the path of a working Python X.Y interpreter, or explains and fails.
# pyenv's shims refuse a version that is not selected, so ask pyenv directly.
set -euo pipefail
want="${1:?usage: find-python.sh 3.10}"
try() { [ -n "$1" ] && [ -x "$1" ] && "$1" -c "import sys; assert sys.version_info[:2] == tuple(map(int, '$want'.split('.')))" 2>/dev/null; }
if command -v pyenv >/dev/null 2>&1; then
  root=$(pyenv root)
  for version in $(ls "$root/versions" 2>/dev/null | grep -E "^${want//./\\.}\.[0-9]+$" | sort -t. -k3 -n -r); do
    candidate=$(PYENV_VERSION="$version" pyenv which "python$want" 2>/dev/null || true)
    if try "$candidate"; then echo "$candidate"; exit 0; fi
    candidate="$root/versions/$version/bin/python$want"
    if try "$candidate"; then echo "$candidate"; exit 0; fi
  done
fi
for candidate in "$(command -v "python$want" 2>/dev/null || true)" "/usr/bin/python$want" "/usr/local/bin/python$want"; do
  if try "$candidate"; then echo "$candidate"; exit 0; fi
done
echo "error: Python $want is needed but was not found. Install it (for example with pyenv install $want) and run make again." >&2
exit 1
