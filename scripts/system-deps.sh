#!/bin/sh
# Install the Debian libraries WeasyPrint needs (Pango, HarfBuzz, fonts for Latin, Greek, Cyrillic and CJK) and
# poppler-utils for the PNG check, only when they are missing, so a machine that has them is not touched.
set -e
missing=""
ldconfig -p | grep -q 'libpango-1.0' || missing="$missing libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b"
# HarfBuzz-Subset: without it WeasyPrint subsets fonts with fontTools, a fallback it warns will go away.
ldconfig -p | grep -q 'libharfbuzz-subset' || missing="$missing libharfbuzz-subset0"
fc-list 2>/dev/null | grep -qi dejavu || missing="$missing fonts-dejavu-core fontconfig"
# Chinese, Japanese and Korean titles and quotes (DejaVu has none of their glyphs; the PDF drew empty boxes).
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing="$missing fonts-noto-cjk"
command -v pdftoppm >/dev/null 2>&1 || missing="$missing poppler-utils"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "briefgen needs:$missing (run: sudo apt-get install$missing)" >&2
    exit 0
fi
echo "installing Debian packages:$missing" >&2
apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
