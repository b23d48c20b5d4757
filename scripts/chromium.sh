#!/usr/bin/env bash
# Ensures Debian's Chromium is installed for the dashboard's browser tests (playwright-core drives
# /usr/bin/chromium; no browser is downloaded). Idempotent; needs root or sudo to install.
set -euo pipefail
if [[ -x "${OMNIBRIDGE_CHROMIUM:-/usr/bin/chromium}" ]]; then exit 0; fi
SUDO=""; [[ "$(id -u)" == 0 ]] || SUDO="sudo"
echo "chromium: installing Debian's chromium package" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
"${OMNIBRIDGE_CHROMIUM:-/usr/bin/chromium}" --version >&2
