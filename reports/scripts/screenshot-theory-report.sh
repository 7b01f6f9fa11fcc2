#!/usr/bin/env bash
# Writes the example MTU theory report (every format) into a directory and, when Debian's
# chromium is installed, screenshots its HTML page headless, offline, to DIR/mtu-theory.html.png.
# Not part of the test suite: a way to look at the page (apt-get install -y chromium).
#   reports/scripts/screenshot-theory-report.sh [DIR]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out="$(realpath -m "${1:-$(mktemp -d)}")"
mkdir -p "$out"
export JAVA_HOME="${JAVA_HOME:-$(./overlaysim --java-home)}"
./mvnw -B -q -pl reports compile dependency:build-classpath -Dmdep.outputFile="$out/.classpath" 2>&1 \
  | grep -v '^WARNING' || true
"$JAVA_HOME/bin/java" -Djava.awt.headless=true -cp "reports/target/classes:$(cat "$out/.classpath")" \
  io.overlaysim.report.mtu.TheoryReport "$out"
rm -f "$out/.classpath"
if command -v chromium >/dev/null 2>&1; then
  profile="$(mktemp -d)"
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
    --window-size=1200,3800 --screenshot="$out/mtu-theory.html.png" "file://$out/mtu-theory.html" \
    2>/dev/null
  rm -rf "$profile"
  echo "screenshot: $out/mtu-theory.html.png"
else
  echo "chromium not installed: open $out/mtu-theory.html in a browser"
fi
