#!/usr/bin/env bash
# Installs the Debian 12 packages Warren needs, only those that are missing.
#   installer/install-deps.sh          build + run the app
#   installer/install-deps.sh --test   also the test clients and the reference broker
set -euo pipefail

build_pkgs=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-svg-dev qt6-charts-dev libqt6opengl6-dev libgl-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  libqt6svg6 qt6-qpa-plugins
  fonts-wqy-microhei   # a fresh Debian 12 has no CJK font: Chinese would render as boxes
  help2man             # the manual page, made from warren --help at build time
)
test_pkgs=(
  python3 python3-pika python3-kombu python3-celery amqp-tools librabbitmq-dev
  rabbitmq-server xvfb xauth xdotool iproute2 util-linux procps
  openssl   # the TLS tests make their certificates at test time
  lintian desktop-file-utils appstream   # the package's checks (tests/package)
)

pkgs=("${build_pkgs[@]}")
[[ "${1:-}" == "--test" ]] && pkgs+=("${test_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# rabbitmq-server is only a behaviour reference for the tests: never start it as a system service.
if [[ " ${missing[*]} " == *" rabbitmq-server "* && ! -e /usr/sbin/policy-rc.d ]]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
  $sudo chmod +x /usr/sbin/policy-rc.d
  trap '$sudo rm -f /usr/sbin/policy-rc.d' EXIT
fi
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
