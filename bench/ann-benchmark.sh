#!/usr/bin/env bash
# ANN index against the exact scan (io.sieve.bench.AnnBenchmark): graph build time, recall@10 and
# single-thread queries/s, unfiltered and with 10% and 1% filters, on seeded clustered vectors of
# 64 dimensions. Runs twice: jvector on plain Java, then on the Java Vector API. (On JDK 22+
# jvector would pick its bundled native library when the Vector API module is present; that
# measured slower here than its Vector API code, so the second run asks for the latter.)
# Usage: bench/ann-benchmark.sh [item counts, default 100000 1000000]
set -euo pipefail
here="$(cd "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/scripts/find-jdk.sh"
(cd "$here" && ./mvnw -B -q -DskipTests -pl bench -am package) >&2
cd "$here"
sizes=("$@")
run() {
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx6g "$@" \
    -cp bench/target/benchmarks.jar io.sieve.bench.AnnBenchmark "${sizes[@]}"
}
echo "### jvector on plain Java"
run
echo
echo "### jvector on the Vector API"
run --add-modules jdk.incubator.vector -Djvector.vectorization_provider=panama
