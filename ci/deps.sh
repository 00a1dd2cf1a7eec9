#!/usr/bin/env bash
# Install every build and test dependency of postern on Debian 12.
# Idempotent: packages already present are left alone; apt-get runs only when one is missing.
# The end-to-end tests (tests/e2e) need real mail servers; their packages are installed so
# that the system's own dovecot/postfix services never start: a policy-rc.d that refuses
# every start is put in place for the install only (and only if none exists), and postfix's
# debconf question is answered "No configuration".
# E2E_NGINX=1 also installs nginx's mail module, the stand-in the e2e harness can run instead.
set -euo pipefail

PKGS=(
  make gcc libc6-dev pkg-config
  ragel
  libbearssl-dev libev-dev libcurl4-openssl-dev libc-ares-dev libcrypt-dev libssl-dev openssl
  clang-14 llvm-14 libclang-rt-14-dev
  python3 zip unzip   # zip: the OSS-Fuzz seed archives (ci/oss-fuzz)
  spin                # make check: the model check of the session machine (ci/model)
  man-db groff-base   # tests/man: the manual pages (docs/man) render without warnings
  # tests/install: make install, the systemd unit, make package (the .deb)
  systemd debhelper dpkg-dev fakeroot build-essential logrotate git
  libcap2-bin         # tests/shell: capsh, a master without CAP_KILL
  # tests/e2e: private Dovecot and Postfix backends, and the clients
  dovecot-imapd dovecot-pop3d dovecot-managesieved postfix curl procps swaks haproxy tshark
  sieve-connect       # tests/e2e: a real ManageSieve client (protocol sieve)
)
if [ "${E2E_NGINX:-0}" = 1 ]; then
  PKGS+=(nginx-light libnginx-mod-mail)
fi
# The system service each test package brings: none of them may run here.
declare -A SERVICE_OF=([dovecot-imapd]=dovecot [dovecot-pop3d]=dovecot [dovecot-managesieved]=dovecot [postfix]=postfix [nginx-light]=nginx
  [haproxy]=haproxy)

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

# Keep the packages' own daemons from starting: invoke-rc.d asks policy-rc.d, and 101 means
# "action forbidden".  Only ours is removed afterwards; an existing one is left as it is.
POLICY=/usr/sbin/policy-rc.d
own_policy=0
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\n# put here by postern ci/deps.sh for the length of one apt-get install\nexit 101\n' |
    $SUDO tee "$POLICY" >/dev/null
  $SUDO chmod 755 "$POLICY"
  own_policy=1
fi
cleanup() { if [ "$own_policy" = 1 ]; then $SUDO rm -f "$POLICY"; fi; }
trap cleanup EXIT

echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections

$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"

# The packages enable their units for the next boot: disable those just installed (and stop
# them where systemd runs), so that the tests' private instances are the only ones.
if command -v systemctl >/dev/null 2>&1; then
  now=""
  [ -d /run/systemd/system ] && now="--now"
  declare -A done_svc=()
  for p in "${missing[@]}"; do
    s=${SERVICE_OF[$p]:-}
    [ -n "$s" ] && [ -z "${done_svc[$s]:-}" ] || continue
    done_svc[$s]=1
    if [ -e "/lib/systemd/system/$s.service" ]; then
      $SUDO systemctl disable $now "$s.service" >/dev/null 2>&1 || true
    fi
  done
fi
