#!/usr/bin/env bash
# Baseline selection from the JDBC store with 100 and with 1,000,000 stored evaluations, against a private
# PostgreSQL server started here (its own data directory and port on 127.0.0.1) and removed after. Default settings
# except fsync=off and max_wal_size=8GB, which only make loading the million evaluations faster. It runs
# first JMH (JdbcHistorySelectionBenchmark), then the same calls alternating between the two sizes
# (JdbcHistorySelectionInterleaved), whose ratio a busy machine does not skew.
#   bench/jdbc-history.sh                 # both sizes, both benchmarks
#   bench/jdbc-history.sh -p size=100     # extra arguments go to JMH
# Needs PostgreSQL's server binaries (Debian: apt-get install postgresql) or QUALITYGATE_PG_BIN pointing at them.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${QUALITYGATE_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL's initdb was not found; apt-get install --no-install-recommends postgresql, or set QUALITYGATE_PG_BIN" >&2
  exit 2
fi
port=${QUALITYGATE_BENCH_PG_PORT:-55432}
dir=$(mktemp -d /tmp/qualitygate-bench-pg.XXXXXX)
chmod 755 "$dir"
as_postgres=()
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL refuses to run as root.
  chown postgres "$dir"
  as_postgres=(runuser -u postgres --)
fi
cleanup() {
  "${as_postgres[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
"${as_postgres[@]}" "$bin/initdb" -D "$dir/data" -U gate --auth=trust -E UTF8 --no-locale >/dev/null
"${as_postgres[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_wal_size=8GB" start >/dev/null

mvn -q -B -Pbench -pl gate-benchmarks -am package -DskipTests
export QUALITYGATE_BENCH_JDBC_URL="jdbc:postgresql://127.0.0.1:$port/postgres?user=gate"
java -jar gate-benchmarks/target/benchmarks.jar JdbcHistorySelectionBenchmark "$@"
java -cp gate-benchmarks/target/benchmarks.jar dev.qualitygate.bench.JdbcHistorySelectionInterleaved
