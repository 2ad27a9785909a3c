#!/usr/bin/env bash
# The memory benchmark (issue 13): bytes per item, per user and per event of each structure a server
# or a training holds. Two synthetic stores, the second twice the first in items, users and events,
# are generated, imported and trained as a user would (./sieve, every default but the blend ranking:
# the learned ranker's size follows its trees, not the catalog); io.sieve.bench.MemoryFootprint then
# opens each as the server does and measures every structure's object graph (JOL) or files. The
# difference between the two stores over the difference in units is the cost per unit.
#
# Usage: bench/memory.sh [items users events]      the small store; default 20000 40000 600000
# The stores are kept in /tmp/sieve-memory-<sizes> and reused; about 6 minutes the first time.
set -euo pipefail
here="$(cd "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/scripts/find-jdk.sh"
. "$here/bench/build-jars.sh"
small=("${1:-20000}" "${2:-40000}" "${3:-600000}")   # items users events
dirs=()
for scale in 1 2; do
  sizes="$((small[0] * scale)) $((small[1] * scale)) $((small[2] * scale))"
  work="/tmp/sieve-memory-${sizes// /-}"
  if [ ! -f "$work/data/bundles/CURRENT" ]; then
    rm -rf "$work"
    echo "generating, importing and training $sizes (items users events) in $work" >&2
    python3 "$here/../shared/tools/synthetic.py" $sizes "$work/jsonl" >&2
    "$here/sieve" import --data-dir "$work/data" --format jsonl --path "$work/jsonl" --quiet >&2
    SIEVE_RANKING_TYPE=blend "$here/sieve" train --data-dir "$work/data" >/dev/null
  fi
  dirs+=("$work/data")
done
# JOL reads the fields of JDK classes (the maps and strings inside each structure) reflectively, and
# finds the offsets of record fields by its "magic" probe.
opens=()
for p in java.lang java.util java.util.concurrent java.util.concurrent.atomic java.time java.nio; do
  opens+=(--add-opens "java.base/$p=ALL-UNNAMED")
done
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector "${opens[@]}" \
  -Djol.tryWithSudo=false -Djol.magicFieldOffset=true -Djdk.attach.allowAttachSelf=true -cp "$here/bench/target/benchmarks.jar" io.sieve.bench.MemoryFootprint "${dirs[@]}" \
  2> >(grep -v -e 'WARNING' -e '^#' >&2)
