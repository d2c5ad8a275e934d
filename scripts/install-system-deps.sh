#!/usr/bin/env bash
# Debian packages the project needs: CJK fonts (fixture rendering; pdf.js pages with non-embedded fonts),
# Chromium (the review page test), Redis (queue tests), the tesseract command (bench comparison only),
# poppler-utils (pdftoppm, for looking at fixtures). Installs only what is missing.
set -euo pipefail
need=()
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
command -v chromium >/dev/null || need+=(chromium)
command -v redis-server >/dev/null || need+=(redis-server)
command -v tesseract >/dev/null || need+=(tesseract-ocr tesseract-ocr-chi-sim)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
