#!/usr/bin/env bash
# Builds the benchmark jar and runs JMH. Usage: bench/run-jmh.sh [JMH args, e.g. a benchmark name]
# Defaults suit the 2-core machines: one fork, 3 warm-up and 5 measured iterations of 5 s.
set -euo pipefail
here="$(cd "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/scripts/find-jdk.sh"
(cd "$here" && ./mvnw -B -q -DskipTests -pl bench -am package) >&2
cd "$here"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar bench/target/benchmarks.jar \
  -f 1 -wi 3 -w 5s -i 5 -r 5s "$@"
