#!/usr/bin/env bash
# Regenerates the bundled MTU sweep's report in reports/examples/mtu-sweep/ (CSV, Markdown,
# HTML, PNG and SVG charts; the same sweep gives the same bytes) from
# scenarios/bundled/mtu-sweep.args, then, when Debian's chromium is installed, screenshots the
# HTML page headless and offline to reports/examples/mtu-sweep/mtu-sweep.html.png.
#   reports/scripts/mtu-sweep-example.sh [DIR]     (default: reports/examples/mtu-sweep)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out="$(realpath -m "${1:-reports/examples/mtu-sweep}")"
rm -rf "$out"
mkdir -p "$out"
./overlaysim mtu --config scenarios/bundled/mtu-sweep.args --format csv,md,html --out "$out" >/dev/null
if command -v chromium >/dev/null 2>&1; then
  profile="$(mktemp -d)"
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
    --window-size=1200,2000 --screenshot="$out/mtu-sweep.html.png" "file://$out/mtu-sweep.html" \
    2>/dev/null
  rm -rf "$profile"
  echo "screenshot: $out/mtu-sweep.html.png"
else
  echo "chromium not installed (apt-get install -y chromium): open $out/mtu-sweep.html in a browser"
fi
ls "$out"
