#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (tests/browser/) when it is missing.
# Playwright for Python drives this browser; it never downloads one of its own.
# Sourced by scripts/test (ensure_chromium) or run directly.

ensure_chromium() {
  local browser=/usr/bin/chromium
  if [ -x "$browser" ]; then
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: $browser is missing and installing it needs root: run 'apt-get install -y chromium' as root" >&2
    return 1
  fi
  echo "Installing Chromium (Debian package 'chromium') for the browser tests..." >&2
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }; then
    echo "error: could not install Debian's chromium package; the browser tests need $browser" >&2
    return 1
  fi
  if [ ! -x "$browser" ]; then
    echo "error: the chromium package installed, but $browser is still missing" >&2
    return 1
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  ensure_chromium
fi
