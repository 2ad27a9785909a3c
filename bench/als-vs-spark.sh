#!/usr/bin/env bash
# Seconds per implicit-ALS iteration, Sieve against Spark MLlib ALS in local mode on 2 cores
# (io.sieve.bench.spark.AlsVsSpark), on ml-100k and on a synthetic ML-20M-sized set (138,000 users,
# 27,000 items, 10,000,000 interactions), one JVM per dataset; prints one markdown table.
# Builds bench-spark with the profile "spark", which downloads Spark (~325 MB) the first time.
# ITERATIONS (default 10) per fit: the run then takes about 10 minutes on 2 cores, 8 of them Spark's
# fits on the synthetic set. Others build on this machine too, so run it under the build lock:
#   flock /tmp/sieve-build.lock bench/als-vs-spark.sh
set -euo pipefail
here="$(cd "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/scripts/find-jdk.sh"
(cd "$here" && ./mvnw -B -q -DskipTests -P spark -pl bench-spark -am package) >&2
cd "$here"
classpath="bench-spark/target/classes:$(cat bench-spark/target/classpath.txt)"
# The options spark-submit would add for this Spark version (module opens, Vector API, native access).
mapfile -t spark_options < <("$JAVA_HOME/bin/java" -cp "$classpath" io.sieve.spark.SparkJvmOptions)
# With spark.driver.host and bindAddress, this keeps Spark on the loopback interface.
export SPARK_LOCAL_IP=127.0.0.1
iterations="${ITERATIONS:-10}"
run() {
  # Spark in local mode runs inside this JVM: -Xmx is its driver and executor memory.
  timeout 30m "$JAVA_HOME/bin/java" "${spark_options[@]}" -Xmx6g \
    -cp "$classpath" io.sieve.bench.spark.AlsVsSpark "$@"
}
tables=$(run movielens-100k "$here/../shared/data/ml-100k/u.data" "$iterations")
tables+=$'\n'$(run synthetic 138000 27000 10000000 "$iterations")
echo
# Each run prints a whole table; keep the header once.
awk '!seen[$0]++' <<<"$tables"
