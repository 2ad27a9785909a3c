#!/usr/bin/env bash
# ANN index against the exact scan (io.sieve.bench.AnnBenchmark): graph build time, recall@10 and
# single-thread queries/s, unfiltered and with a 10% filter, on seeded clustered vectors of 64
# dimensions. Runs twice: jvector on plain Java, then with the Vector API it uses when it can.
# Usage: bench/ann-benchmark.sh [item counts, default 100000 1000000]
set -euo pipefail
here="$(cd "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/scripts/find-jdk.sh"
(cd "$here" && ./mvnw -B -q -DskipTests -pl bench -am package) >&2
cd "$here"
run() {
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx6g "$@" \
    -cp bench/target/benchmarks.jar io.sieve.bench.AnnBenchmark "${sizes[@]}"
}
sizes=("$@")
echo "### Without the Vector API"
run
echo
echo "### With --add-modules jdk.incubator.vector"
run --add-modules jdk.incubator.vector
