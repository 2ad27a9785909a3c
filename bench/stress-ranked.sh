#!/usr/bin/env bash
# Stress test of the learned ranker's native code (issue 11, finding 2): 4 concurrent clients send
# 20,000 recommendation requests for users the store has never seen, with debug output, while
# `sieve train` runs again and again beside the server and the served bundle is hot-swapped every
# second (CURRENT alternates between the newest two bundles, each swap followed by POST
# /v1/admin/reload), so swapped-out boosters are freed while requests may still hold them.
# Passes when no request fails and the server is alive at the end; prints counts and latencies.
#
# Usage: bench/stress-ranked.sh [requests, default 20000] [clients, default 4]
# Data: ../shared/tools/synthetic.py 2000 items, 3000 users, 60000 events (seeded), in a temp dir:
# small enough that trainings finish during the load.
set -euo pipefail
here="$(cd "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/scripts/find-jdk.sh"
requests="${1:-20000}"
clients="${2:-4}"
(cd "$here" && ./mvnw -B -q -DskipTests -pl sieve-server -am package) >&2

work="$(mktemp -d "${TMPDIR:-/tmp}/sieve-stress.XXXXXX")"
data="$work/store"
server_pid=""
trainer=""
swapper=""
cleanup() {
  for pid in $swapper $trainer $server_pid; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export SIEVE_SKIP_BUILD=1
# Training in about half a minute; the learned ranker served whatever the gate would say.
export SIEVE_RANKING_TRAINING_MAXREQUESTS=1000 SIEVE_RANKING_GATE=false SIEVE_SERVER_BUNDLEPOLLSECONDS=3600
# The launcher execs the JVM, so $! of "$sieve ... &" is the JVM itself and kill reaches it.
sieve="$here/sieve"

python3 "$here/../shared/tools/synthetic.py" 2000 3000 60000 "$work/jsonl" >/dev/null
"$sieve" import --data-dir "$data" --format jsonl --items "$work/jsonl/items.jsonl" \
  --users "$work/jsonl/users.jsonl" --events "$work/jsonl/events.jsonl" --quiet >/dev/null
# Two bundles before the load, so that hot swaps start with it.
for first in 1 2; do "$sieve" train --data-dir "$data" > "$work/train-first-$first.log" 2>&1; done

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$sieve" serve --data-dir "$data" --port "$port" > "$work/serve.log" 2>&1 &
server_pid=$!
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do
  kill -0 "$server_pid" || { echo "the server did not start:"; tail -20 "$work/serve.log"; exit 1; }
  sleep 0.5
done

# Training again and again beside the server (a stopped loop stops its training too).
( trap 'kill "$child" 2>/dev/null; exit 0' TERM
  while :; do "$sieve" train --data-dir "$data" >> "$work/train.log" 2>&1 & child=$!; wait "$child"; done ) &
trainer=$!
# A hot swap every second between the newest two bundles.
: > "$work/swaps.log"
( swaps=0
  while :; do
    sleep 1
    mapfile -t versions < <(ls -1 "$data/bundles" | grep -v '^\.' | grep -v CURRENT | sort -r | head -2)
    [ "${#versions[@]}" -lt 2 ] && continue
    next="${versions[$((swaps % 2))]}"
    printf '%s\n' "$next" > "$data/bundles/.current-stress" && mv "$data/bundles/.current-stress" "$data/bundles/CURRENT"
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/v1/admin/reload")
    swaps=$((swaps + 1))
    echo "$code" >> "$work/swaps.log"
  done ) &
swapper=$!
# The load starts with a training half done, so that trainings finish while it runs.
sleep 15

start=$(date +%s)
set +e
"$JAVA_HOME/bin/java" -cp "$here/sieve-server/target/test-classes:$here/sieve-server/target/sieve.jar" \
  io.sieve.reliability.RankedLoad "http://127.0.0.1:$port" "$clients" "$requests" stress | tee "$work/load.txt"
load_status=$?
set -e
elapsed=$(( $(date +%s) - start ))
kill "$swapper" "$trainer" 2>/dev/null || true
wait "$swapper" "$trainer" 2>/dev/null || true
swapper=""
trainer=""

alive=no
kill -0 "$server_pid" 2>/dev/null && curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && alive=yes
trains=$(grep -c '^trained bundle' "$work/train.log" || true)
echo "elapsed ${elapsed} s; trainings beside the server: $trains finished during the load, one more running at its end; hot swaps: $(wc -l < "$work/swaps.log") (reload answers: $(sort "$work/swaps.log" | uniq -c | tr -s ' ' | paste -sd, -)); server alive: $alive"
crash="${SIEVE_LOG_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/sieve}/hs_err_pid$server_pid.log"
[ -f "$crash" ] && echo "the server crashed: $crash" && exit 1
[ "$load_status" = 0 ] && [ "$alive" = yes ]
