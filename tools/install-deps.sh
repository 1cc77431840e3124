#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs exactly the Debian 12 packages idforge needs to build and test. Idempotent: packages
# already installed are left alone, and apt is only called when something is missing.
#   tools/install-deps.sh            build + test dependencies (Chromium renders report.html in
#                                    the browser test)
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libtbb-dev libsimdjson-dev libxxhash-dev libmimalloc-dev
  libutf8proc-dev libphonenumber-dev libdeflate-dev libzstd-dev zlib1g-dev libsqlite3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev
  chromium
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
