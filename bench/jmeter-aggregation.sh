#!/usr/bin/env bash
# Times the gate-jmeter JTL aggregation against JMeter's own report generator (jmeter -g) and wc -l on the same
# generated CSV JTL, with peak memory (max RSS from /usr/bin/time -v). Takes several minutes (-g alone 4-5).
#
#   bench/jmeter-aggregation.sh                 # 1 and 10 million rows; -g on 10 million
#   ROWS="1000000" bench/jmeter-aggregation.sh  # only 1 million rows (-g then runs on that)
#   RUNS=5 KEEP=1 bench/jmeter-aggregation.sh   # 5 timed runs per tool (median), keep the generated files
#   ROWS=10000000 GENERATOR_RUNS=0 KEEP=1 WORK=/tmp/jtl bench/jmeter-aggregation.sh
#                                               # quick: no -g; reuses /tmp/jtl/r10000000.jtl if generated before
#
# The files go to a temporary directory (WORK to choose it) and are deleted afterwards unless KEEP=1; a file already
# in WORK (r<ROWS>.jtl, from an earlier KEEP=1 run) is reused, the generator is deterministic. Every figure
# is a whole process: JVM start and output included. Files are read once before timing, so they are in the page
# cache ("cached" figures). Needs: java 17, mvn, /usr/bin/time (Debian package "time").
# Last full run (2026-11-26, 2 cores, quiet: load 0.4-1.5): 10^7 rows in 1.53 s (median of 5, 2 threads, 57 MiB
# peak RSS), jmeter -g 222.4 s (1.1 GiB), 145x; under load 2.4-4.3 the same morning 4.07 s and 279.8 s. Figures and
# what they mean in gate-jmeter/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS="${ROWS:-1000000 10000000}"
RUNS="${RUNS:-3}"
GENERATOR_RUNS="${GENERATOR_RUNS:-1}"   # 0 leaves jmeter -g out
WORK="${WORK:-$(mktemp -d)}"
mkdir -p "$WORK"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time: apt-get install -y time" >&2; exit 2; }

echo "== building gate-jmeter" >&2
# One reactor run, so that gate-jmeter's class path can name the freshly packaged gate-core; the last module
# (gate-jmeter) writes the file last.
mvn -q -B -pl gate-jmeter -am package dependency:build-classpath -DskipTests -Dmdep.includeScope=runtime \
    -Dmdep.outputFile="$WORK/runtime.cp" >&2
GATE_CP="gate-jmeter/target/classes:$(tr ':' '\n' < "$WORK/runtime.cp" | grep -i hdrhistogram)"
HOME_DIR="$(java -cp "gate-jmeter/target/classes:$(cat "$WORK/runtime.cp")" \
    dev.qualitygate.jmeter.internal.JMeterHome "$WORK/homes")"

# Runs a command under /usr/bin/time -v; prints "wall_seconds max_rss_kib cpu_seconds" (cpu: user + system).
measure() {
  local log="$WORK/time.log"
  /usr/bin/time -v "$@" > "$WORK/out.txt" 2> "$log"
  local wall rss cpu
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$log")
  echo "$wall $rss $cpu"
}

# Median wall time, the largest RSS and the median CPU time of n runs of a command.
median_of() {
  local n="$1"; shift
  local walls=() cpus=() rss=0 w r c
  for _ in $(seq "$n"); do
    read -r w r c < <(measure "$@")
    walls+=("$w"); cpus+=("$c"); [ "$r" -gt "$rss" ] && rss="$r"
  done
  local med cmed
  med=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  cmed=$(printf '%s\n' "${cpus[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$med $rss $cmed"
}

report() { # what rows file wall rss cpu
  local bytes mbps
  bytes=$(stat -c %s "$3")
  mbps=$(awk -v b="$bytes" -v w="$4" 'BEGIN { printf "%.0f", b / 1e6 / w }')
  printf '| %-48s | %11s | %8.3f | %8.3f | %7s | %8.1f |\n' "$1" "$2" "$4" "$6" "$mbps" \
      "$(awk -v k="$5" 'BEGIN {print k/1024}')"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| what | rows | wall s (median) | CPU s (user+sys, median) | MB/s (wall) | peak RSS MiB |"
echo "| --- | --- | --- | --- | --- | --- |"
last=""
for rows in $ROWS; do
  file="$WORK/r$rows.jtl"
  [ -f "$file" ] || java bench/JtlGenerator.java "$rows" "$file"
  cat "$file" > /dev/null
  read -r w r c < <(median_of "$RUNS" wc -l "$file")
  report "wc -l" "$rows" "$file" "$w" "$r" "$c"
  read -r w r c < <(median_of 1 java -cp "$GATE_CP" dev.qualitygate.jmeter.internal.SummaryMain "$file")
  read -r w r c < <(median_of "$RUNS" java -cp "$GATE_CP" dev.qualitygate.jmeter.internal.SummaryMain "$file")
  report "gate-jmeter aggregation (SummaryMain, 2 threads)" "$rows" "$file" "$w" "$r" "$c"
  read -r w r c < <(median_of "$RUNS" java -cp "$GATE_CP" dev.qualitygate.jmeter.internal.SummaryMain "$file" --threads 1)
  report "gate-jmeter aggregation, 1 thread" "$rows" "$file" "$w" "$r" "$c"
  last="$file"
done
cp "$WORK/out.txt" "$WORK/summary.txt"
rows="${last##*/r}"; rows="${rows%.jtl}"
if [ "$GENERATOR_RUNS" -gt 0 ]; then
read -r w r c < <(median_of "$GENERATOR_RUNS" sh -c 'rm -rf "$0" && exec "$@"' "$WORK/report" java -Xms1g -Xmx1g -XX:MaxMetaspaceSize=256m -XX:+UseG1GC \
    -XX:MaxGCPauseMillis=100 -XX:G1ReservePercent=20 -jar "$HOME_DIR/bin/ApacheJMeter.jar" \
    -g "$last" -o "$WORK/report" -j "$WORK/generator.log" -Jjmeterengine.nongui.port=0)
report "JMeter 5.6.3 report generator (-g), -Xmx1g G1" "$rows" "$last" "$w" "$r" "$c"
fi
echo
echo "gate-jmeter's summary of the largest file:"
cat "$WORK/summary.txt"
if [ "${KEEP:-0}" != 1 ]; then rm -rf "$WORK"; else echo "kept $WORK"; fi
