#!/usr/bin/env bash
# Debian's PostgreSQL, Redis and HAProxy, for the cluster profile and for the
# tests that run the gateway's tables on a PostgreSQL of their own
# (bot/cluster/). The project runs its own servers on loopback; the
# packages' system services are not used.
set -euo pipefail
packages=(postgresql redis-server haproxy)
if ! command -v dpkg-query >/dev/null; then
  echo "error: this installs Debian packages; install ${packages[*]} with your system's package manager" >&2
  exit 1
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q " installed$" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  sudo=sudo
  command -v sudo >/dev/null || { echo "error: installing ${missing[*]} needs root: run 'apt-get install -y ${missing[*]}' as root" >&2; exit 1; }
else
  sudo=
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Installed Debian's ${missing[*]} for the cluster profile."
