#!/usr/bin/env bash
# How long headless Chromium takes to load, lay out and paint the HTML report of 1,000 evaluations x 20 objectives
# (gate-benchmarks' ReportBenchmark history), compared with an empty page: the difference is the report's own cost
# in the browser. Each run starts a fresh Chromium with a fresh profile and takes a 1400x900 screenshot; wall time
# and CPU time (user + system of every Chromium process) are reported.
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

# One fresh Chromium opens the page and writes a screenshot; prints "WALL_MS CPU_MS", CPU being user + system time
# of Chromium and all its processes (less disturbed than wall time by other work on the machine).
shot() {
  local TIMEFORMAT='%R %U %S' t
  t=$( { time chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
    --window-size=1400,900 --user-data-dir="$work/profile-$2" --screenshot="$work/$2.png" "file://$1" \
    >/dev/null 2>&1; } 2>&1 )
  awk -v t="$t" 'BEGIN { split(t, a, " "); printf "%d %d\n", a[1] * 1000, (a[2] + a[3]) * 1000 }'
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }

declare -a ew ec rw rc
for i in $(seq "$runs"); do
  read -r w c < <(shot "$work/empty.html" "empty-$i"); ew+=("$w"); ec+=("$c")
  read -r w c < <(shot "$work/report.html" "report-$i"); rw+=("$w"); rc+=("$c")
done
m() { printf '%s\n' "$@" | median; }
echo "empty page:  wall ${ew[*]} ms (median $(m "${ew[@]}")), cpu ${ec[*]} ms (median $(m "${ec[@]}"))"
echo "report page: wall ${rw[*]} ms (median $(m "${rw[@]}")), cpu ${rc[*]} ms (median $(m "${rc[@]}"))"
echo "the report's own cost in Chromium (median differences): wall $(($(m "${rw[@]}") - $(m "${ew[@]}"))) ms," \
  "cpu $(($(m "${rc[@]}") - $(m "${ec[@]}"))) ms"
