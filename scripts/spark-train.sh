#!/usr/bin/env bash
# Trains a bundle on Spark in local mode (io.sieve.spark.SparkTraining, the sieve-spark module) and
# publishes it into a data directory, where a running `sieve serve` hot-swaps to it:
#   scripts/spark-train.sh --source postgresql://127.0.0.1:5432/sieve?user=sieve --data-dir ./data
#   scripts/spark-train.sh --source ./export --data-dir ./data      # files written by `sieve export`
# Options: --config sieve.yaml (the same file the servers read), --reg-param X (MLlib's ALS
# regularisation, default 0.5). SPARK_MASTER (default local[*]) and SPARK_MEMORY (default 4g) set the
# local run; on a cluster, spark-submit the module's classes instead (docs/DEPLOY.md).
# Builds the module the first time (Spark's jars, about 325 MB, come from Maven Central).
set -euo pipefail
here="$(cd "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/scripts/find-jdk.sh"
if [ -z "${SIEVE_SKIP_BUILD:-}" ] || [ ! -f "$here/sieve-spark/target/classpath.txt" ]; then
  (cd "$here" && flock /tmp/sieve-build.lock ./mvnw -B -q -DskipTests -pl sieve-spark -am install) >&2
fi
# The module's classes and sieve-core's as built here, before the local repository's jars.
classpath="$here/sieve-spark/target/classes:$here/sieve-core/target/classes:$(cat "$here/sieve-spark/target/classpath.txt")"
# The options spark-submit adds for this Spark version (module opens, native access).
mapfile -t spark_options < <("$JAVA_HOME/bin/java" -cp "$classpath" io.sieve.spark.SparkJvmOptions)
# With spark.driver.host and bindAddress, this keeps Spark on the loopback interface.
export SPARK_LOCAL_IP=127.0.0.1
exec "$JAVA_HOME/bin/java" "${spark_options[@]}" --add-modules jdk.incubator.vector -Xmx"${SPARK_MEMORY:-4g}" \
  -Dspark.master="${SPARK_MASTER:-local[*]}" -Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1 \
  -Dspark.ui.enabled=false -Dlog4j2.configurationFile="$here/scripts/spark-log4j2.properties" -cp "$classpath" io.sieve.spark.SparkTraining "$@"
