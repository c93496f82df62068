#!/usr/bin/env bash
# Makes sure Debian's Chromium (with fonts) is here for the browser tests and image export.
# Never downloads a browser build of its own: it uses the system package manager or says what to do.
set -euo pipefail
if [[ -n ${BROWSER_PATH:-} && -x ${BROWSER_PATH} ]]; then
  exit 0
fi
if command -v chromium >/dev/null 2>&1 || [[ -x /usr/lib/chromium/chromium ]]; then
  exit 0
fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium and fonts with apt-get..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation fonts-dejavu >/dev/null
  exit 0
fi
cat >&2 <<'MSG'
Chromium is needed for the browser tests and for image export, and could not be installed here
(installing needs root and apt-get). Install it with your package manager, for example:
    sudo apt-get install chromium fonts-liberation fonts-dejavu
or point BROWSER_PATH at an existing Chrome or Chromium binary.
MSG
exit 1
