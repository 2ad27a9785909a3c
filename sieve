#!/usr/bin/env bash
# Sieve launcher: finds a JDK >= 21, builds the jar when it is missing or older than the sources,
# then runs the CLI. Usage: ./sieve <command> [options]   (./sieve --help lists the commands)
set -euo pipefail
here="$(cd "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
. "$here/scripts/find-jdk.sh"

jar="$here/sieve-server/target/sieve.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$here" -path "$here/data" -prune -o \( -path '*/src/main/*' -o -name pom.xml \) -newer "$jar" -print -quit)" ]; then
  echo "Building Sieve (first run, or sources changed)..." >&2
  (cd "$here" && ./mvnw -B -q -DskipTests -pl sieve-server -am install) >&2
fi

export SIEVE_HOME="$here"   # lets `sieve demo` find the shipped dataset from any working directory
export ORT_DISABLE_TELEMETRY=1   # ONNX Runtime (the minilm encoder) must not phone home
# jvector is fastest with the Vector API (BENCHMARKS.md, ANN index); it is an incubator module.
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
  -Djvector.vectorization_provider=panama ${SIEVE_JAVA_OPTS:-} -jar "$jar" "$@"
