#!/usr/bin/env bash
# Installs what the build and the tests need on a fresh Debian machine, idempotently:
# it only calls apt-get / npm when something is missing, so a second run takes a second.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  cmake g++ clang libclang-rt-14-dev   # native build, libFuzzer runtime
  googletest libgtest-dev libbenchmark-dev
  nlohmann-json3-dev
  emscripten binaryen                  # wasm build (Debian's emscripten 3.1.6)
  lcov                                 # line coverage of core/
  chromium                             # browser tests (never a downloaded browser)
  gzip                                 # size reports
  libcpp-httplib-dev libsqlite3-dev libpq-dev postgresql pkg-config   # the consent-log server
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm ci only when the lock changed since the last install.
if [ -f package-lock.json ]; then
  stamp=node_modules/.smartcp-lock-stamp
  if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
    echo "setup: npm ci"
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json "$stamp"
  fi
fi
