#!/usr/bin/env bash
# The load benchmark (issue 13): a synthetic store is generated, imported, trained and served as a
# user would (./sieve, the shaded jar), then GET /v1/recommendations is driven open-loop at fixed
# rates for random users (io.sieve.bench.OpenLoopLoad: latency from each request's scheduled send
# time, so queueing is not hidden). Three funnels in the same run: every default; every source
# blended without the learned ranker; and the baseline, popularity alone, whose ratio says what
# the full funnel costs. Then durable ingest through POST /v1/events/batch (io.sieve.bench.IngestLoad).
#
# Usage: bench/load.sh [items users events]      default 100000 200000 3000000
# Environment: RATES (req/s, default "25 50 100 200 400 800"), SECONDS_PER_RATE (default 30),
#              WARMUP (seconds at the first rate, default 30), LOAD_DIR (where the data is kept,
#              default /tmp/sieve-load-<items>-<users>-<events>).
# The data, store and bundle are kept in LOAD_DIR and reused by the next run with the same sizes
# (generating, importing and training 3M events take about 12 minutes); delete it to start over.
# Prints markdown tables; the load generator shares the machine's cores with the server.
set -euo pipefail
here="$(cd "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/scripts/find-jdk.sh"
items="${1:-100000}"
users="${2:-200000}"
events="${3:-3000000}"
rates="${RATES:-25 50 100 200 400 800}"
seconds="${SECONDS_PER_RATE:-30}"
warmup="${WARMUP:-30}"
work="${LOAD_DIR:-/tmp/sieve-load-$items-$users-$events}"
. "$here/bench/build-jars.sh"
sieve="$here/sieve"
mkdir -p "$work"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT

echo "## bench/load.sh $items items, $users users, $events events ($(date -u +%F), $(nproc) cores)"
if [ ! -f "$work/jsonl/events.jsonl" ]; then
  python3 "$here/../shared/tools/synthetic.py" "$items" "$users" "$events" "$work/jsonl.partial" >/dev/null
  mv "$work/jsonl.partial" "$work/jsonl"
fi
if [ ! -f "$work/imported" ]; then
  rm -rf "$work/store"
  /usr/bin/time -f '%e s, %M KB peak RSS' -o "$work/import.time" \
    "$sieve" import --data-dir "$work/store" --format jsonl --path "$work/jsonl" --quiet > "$work/import.log"
  touch "$work/imported"
fi
if [ ! -f "$work/store/bundles/CURRENT" ]; then
  /usr/bin/time -f '%e s, %M KB peak RSS' -o "$work/train.time" \
    env SIEVE_JAVA_OPTS="-Xlog:gc:file=$work/train-gc.log" "$sieve" train --data-dir "$work/store" > "$work/train.log" 2>&1
fi
echo "import: $(cat "$work/import.time" 2>/dev/null || echo "not in this run"); train: $(cat "$work/train.time" 2>/dev/null || echo "not in this run")"
grep -E "^ranker|served|withheld" "$work/train.log" | head -3 || true

# The blend: every source, no learned ranker.
printf 'ranking: {type: blend}\n' > "$work/blend.yaml"
# The baseline: popularity alone, blended (no ranker), every other source off.
cat > "$work/popularity.yaml" <<'EOF'
ranking: {type: blend}
retrieval:
  sources:
    covisitation: {enabled: false}
    session: {enabled: false}
    trending: {enabled: false}
    segment: {enabled: false}
    als: {enabled: false}
    alsSession: {enabled: false}
    ease: {enabled: false}
    onboarding: {enabled: false}
EOF

serve() {  # serve <label> [config] [ingest]: starts the server, times start to ready, drives the load
  local label="$1" config="${2:-}" driver="${3:-recommendations}"
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  local started
  # Each run serves a copy: the impressions it logs must not reach the next run or the next training.
  rm -rf "$work/serving"
  mkdir -p "$work/serving"
  cp -a "$work/store/." "$work/serving/"
  started=$(date +%s.%N)
  if [ -n "$config" ]; then
    "$sieve" serve --data-dir "$work/serving" --port "$port" --config "$config" > "$work/serve-$label.log" 2>&1 &
  else
    "$sieve" serve --data-dir "$work/serving" --port "$port" > "$work/serve-$label.log" 2>&1 &
  fi
  server_pid=$!
  until curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; do
    kill -0 "$server_pid" 2>/dev/null || { echo "the server did not start:"; tail -20 "$work/serve-$label.log"; exit 1; }
    sleep 0.1
  done
  echo
  local how="open loop, $seconds s per rate after a ${warmup} s warm-up"
  [ "$driver" = ingest ] && how="each client waits for each batch's answer"
  echo "### $label: ready $(python3 -c "import time; print(round(time.time() - $started, 1))") s after start; $how"
  echo
  if [ "$driver" = ingest ]; then
    echo "| clients x batches | durable events/s | batch p50 | batch p99 | failed batches |"
    echo "| --- | --- | --- | --- | --- |"
    for clients in 1 4; do
      "$JAVA_HOME/bin/java" -cp "$here/bench/target/benchmarks.jar" io.sieve.bench.IngestLoad \
        "http://127.0.0.1:$port" "$clients" $((200 / clients)) 1000 "$items"
    done
  else
    "$JAVA_HOME/bin/java" -cp "$here/bench/target/benchmarks.jar" io.sieve.bench.OpenLoopLoad \
      "http://127.0.0.1:$port" "$users" "$seconds" "$warmup" "$server_pid" $rates
  fi
  grep -o "feature statistics of .*" "$work/serve-$label.log" || true
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  rm -rf "$work/serving"
}

serve "default funnel"
serve "blend funnel" "$work/blend.yaml"
serve "popularity only (baseline)" "$work/popularity.yaml"
# Durable ingest: POST /v1/events/batch, 200 batches of 1,000 new events, by one client and by four.
serve "ingest" "" ingest
