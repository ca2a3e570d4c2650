#!/usr/bin/env bash
# Installs the system packages the full test suite needs, from Debian's archive:
# the PostgreSQL server (the store suite starts a throwaway cluster on loopback), Chromium (the
# explorer's browser tests, driven by playwright-core), a CJK font (so Chinese renders) and DejaVu Sans
# (the font the drawings measure their labels in, and the PNG export draws them with), and poppler-utils
# (pdftoppm: the briefing tests render its PDF pages to PNG).
# Idempotent; uses sudo when not run as root.
set -euo pipefail
packages=(postgresql chromium fonts-noto-cjk fonts-dejavu-core poppler-utils)
missing=()
for p in "${packages[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "test dependencies present: ${packages[*]}"
