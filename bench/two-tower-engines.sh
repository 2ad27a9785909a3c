#!/usr/bin/env bash
# Seconds per epoch and validation recall@50 of the two-tower model trained by DJL's PyTorch engine
# on ml-100k (io.sieve.bench.djl.DjlTwoTower, the same model and loss as io.sieve.train.cf.TwoTower),
# to set beside Sieve's own trainer. Builds bench-djl with the profile "djl" (the PyTorch native jar
# is ~450 MB, downloaded the first time) and runs it fully offline; PyTorch's libraries are extracted
# once into bench-djl/target/djl-cache/pytorch/<version>-cpu-linux-x86_64.
#   bench/two-tower-engines.sh [ml-100k dir] [epochs, default 15] [threads, default 2]
set -euo pipefail
here="$(cd "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"

. "$here/scripts/find-jdk.sh"
data="${1:-$here/../shared/data/ml-100k}"
epochs="${2:-15}"
threads="${3:-2}"
(cd "$here" && ./mvnw -B -q -DskipTests -P djl -pl bench-djl -am package) >&2

# DJL reads the environment before system properties: pin everything here so a DJL_* or PYTORCH_*
# variable of the caller's cannot send it to a shared cache, another libtorch or the network.
cache="$here/bench-djl/target/djl-cache"
export DJL_CACHE_DIR="$cache" ENGINE_CACHE_DIR="$cache" DJL_OFFLINE=true OPT_OUT_TRACKING=true \
  PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cpu OMP_NUM_THREADS="$threads" MKL_NUM_THREADS="$threads"
unset PYTORCH_LIBRARY_PATH PYTORCH_EXTRA_LIBRARY_PATH PYTORCH_PRECXX11
classpath="$here/bench-djl/target/classes:$(cat "$here/bench-djl/target/classpath.txt")"
timeout 60m "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error \
  -cp "$classpath" io.sieve.bench.djl.DjlTwoTower "$data" "$epochs" "$threads"
