#!/usr/bin/env bash
# Installs every Debian package the build, the tests and the benchmarks need
# (only those missing, so a prepared machine pays nothing). Run as root.
set -euo pipefail

packages=(
  g++ cmake ninja-build ccache make pkg-config
  libboost-dev libboost-program-options-dev libssl-dev openssl
  libspdlog-dev libfmt-dev rapidjson-dev libzmq3-dev cppzmq-dev
  googletest libgtest-dev libgmock-dev
  clang libc++-14-dev libc++abi-14-dev libclang-rt-14-dev
  curl procps jq python3-locust
  chromium
)
# Node.js and npm build the web UI (web_assets/): a machine that has a Node.js
# of its own keeps it; otherwise Debian's.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "error: missing packages (${missing[*]}) and not root: install them or rerun as root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
