# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by scripts/run and scripts/test: installs what is missing from
# Debian's archive (and nothing when all is there), then builds.

set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# What it takes to build Badge Doctor.
BUILD_PACKAGES=(
  gcc libc6-dev pkgconf meson ninja-build gettext
  libglib2.0-dev libglib2.0-bin libglib2.0-dev-bin
  libgtk-4-dev libadwaita-1-dev libjson-glib-dev libsoup-3.0-dev
  libsqlite3-dev libsodium-dev libcairo2-dev libpango1.0-dev
  desktop-file-utils appstream
)

# What the test suite needs on top: a private D-Bus session and X server,
# the validators of the data suite, fonts and icons for the screenshots,
# the accessibility bus and its Python client for the AT-SPI walk, and
# xdotool for real key presses and pointer moves in the window tests.
TEST_PACKAGES=(
  dbus-daemon xvfb xauth python3 python3-jsonschema
  fonts-cantarell adwaita-icon-theme poppler-utils minisign openssl nginx-light
  at-spi2-core python3-pyatspi xdotool
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
fi

# ensure_packages NAME...: apt-get install only the ones not installed.
ensure_packages() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  echo "Installing from Debian: ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# build DIR [MESON OPTION...]: configure once, then build.
build() {
  local dir=$1
  shift
  if [ ! -f "$top/$dir/build.ninja" ]; then
    meson setup "$top/$dir" "$top" "$@" >&2
  else
    meson configure "$top/$dir" "$@" >/dev/null
  fi
  ninja -C "$top/$dir" >&2
}
