#!/bin/sh
# The Debian packages boardpack needs beside Python: Pango (WeasyPrint's text layout), HarfBuzz's
# subsetter (smaller, faster font embedding) and a font. Installs them when run as root with apt,
# otherwise prints the command to run. Exits 1 only when a required library is missing.
set -u
need=""
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib 'libpango-1.0.so.0' || need="$need libpango-1.0-0"
have_lib 'libpangoft2-1.0.so.0' || need="$need libpangoft2-1.0-0"
have_lib 'libharfbuzz-subset.so.0' || need="$need libharfbuzz-subset0"
fc-list 2>/dev/null | grep -q 'DejaVu Sans' || need="$need fonts-dejavu-core"
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages:$need"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null && exit 0
fi
echo "boardpack needs these Debian packages:$need"
echo "install them with: sudo apt-get install$need"
have_lib 'libpango-1.0.so.0' && have_lib 'libpangoft2-1.0.so.0' && exit 0
exit 1
