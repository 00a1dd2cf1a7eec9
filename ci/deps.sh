#!/usr/bin/env bash
# Install every build and test dependency of postern on Debian 12.
# Idempotent: packages already present are left alone; apt-get runs only when one is missing.
set -euo pipefail

PKGS=(
  make gcc libc6-dev pkg-config
  ragel
  libbearssl-dev libev-dev libcurl4-openssl-dev libc-ares-dev libcrypt-dev
  clang-14 llvm-14 libclang-rt-14-dev
  python3
)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#PKGS[@]} packages present"
  exit 0
fi

echo "deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "deps: need root to install: ${missing[*]}" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
