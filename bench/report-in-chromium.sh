#!/usr/bin/env bash
# How long headless Chromium takes to load, lay out and paint the HTML report of 1,000 evaluations x 20 objectives
# (gate-benchmarks' ReportBenchmark history), compared with an empty page: the difference is the report's own cost
# in the browser. Each run starts a fresh Chromium with a fresh profile and takes a 1400x900 screenshot.
#
#   bench/report-in-chromium.sh          # RUNS=5 by default
#
# Needs Debian's chromium and the benchmark jar (built here if missing: mvn -Pbench -pl gate-benchmarks -am package).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
jar=gate-benchmarks/target/benchmarks.jar
if [ ! -f "$jar" ]; then
  mvn -q -B -Pbench -pl gate-benchmarks -am package -DskipTests
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

java -cp "$jar" dev.qualitygate.bench.ReportBenchmark "$work/report.html"
printf '<!DOCTYPE html><html lang="en"><title>empty</title></html>\n' > "$work/empty.html"
echo "report: $(stat -c %s "$work/report.html") bytes"

# Milliseconds for one fresh Chromium to open the page and write a screenshot.
shot() {
  local start end
  start=$(date +%s%N)
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars --window-size=1400,900 \
    --user-data-dir="$work/profile-$2" --screenshot="$work/$2.png" "file://$1" >/dev/null 2>&1
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }

empty=()
report=()
for i in $(seq "$runs"); do
  empty+=("$(shot "$work/empty.html" "empty-$i")")
  report+=("$(shot "$work/report.html" "report-$i")")
done
e=$(printf '%s\n' "${empty[@]}" | median)
r=$(printf '%s\n' "${report[@]}" | median)
echo "empty page:  ${empty[*]} ms (median $e)"
echo "report page: ${report[*]} ms (median $r)"
echo "the report's own cost in Chromium (median difference): $((r - e)) ms"
