#!/usr/bin/env bash
# Debian packages the project needs, installed only when missing:
#   fonts     CJK fonts (fixture rendering; pdf.js pages with non-embedded fonts)
#   chromium  the review page test
#   redis     redis-server (queue tests start throwaway servers)
#   tesseract the tesseract command (bench comparison only)
#   poppler   pdftoppm (looking at fixtures)
# Usage: install-system-deps.sh [--check] [fonts|chromium|redis|tesseract|poppler ...]
#   no names: all of them; --check: print the missing packages (one line) and exit 3 if any, installing nothing.
# `npm test` runs `install-system-deps.sh fonts chromium redis` itself when it may (root or passwordless sudo).
set -euo pipefail
check=0
wanted=()
for arg in "$@"; do
  case "$arg" in
    --check) check=1 ;;
    fonts | chromium | redis | tesseract | poppler) wanted+=("$arg") ;;
    *) echo "install-system-deps.sh: unknown argument $arg" >&2 && exit 2 ;;
  esac
done
[ ${#wanted[@]} -eq 0 ] && wanted=(fonts chromium redis tesseract poppler)

need=()
for w in "${wanted[@]}"; do
  case "$w" in
    fonts)
      fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || need+=(fonts-noto-cjk)
      fc-list 2>/dev/null | grep -i "WenQuanYi Zen Hei" >/dev/null || need+=(fonts-wqy-zenhei)
      ;;
    chromium) command -v chromium >/dev/null || need+=(chromium) ;;
    redis) command -v redis-server >/dev/null || need+=(redis-server) ;;
    tesseract) command -v tesseract >/dev/null || need+=(tesseract-ocr tesseract-ocr-chi-sim) ;;
    poppler) command -v pdftoppm >/dev/null || need+=(poppler-utils) ;;
  esac
done

if [ "$check" -eq 1 ]; then
  echo "${need[*]}"
  [ ${#need[@]} -eq 0 ] && exit 0 || exit 3
fi
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "install-system-deps.sh: installing ${need[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
