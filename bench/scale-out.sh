#!/usr/bin/env bash
# The scale-out benchmark (issue 15), all on this machine: PostgreSQL (Debian's binaries, initdb in
# LOAD_DIR), Redis and a single-node KRaft Kafka (from the kafka_2.13 artifact) are started here,
# a synthetic store is imported into RocksDB and into PostgreSQL, trained in each, and served as a
# user would (./sieve, the shaded jar):
#   1. recommendation latency at fixed rates (io.sieve.bench.OpenLoopLoad, open loop) from the
#      RocksDB single node, then from two replicas on one PostgreSQL and one Redis, the requests
#      alternating between them, in the same run;
#   2. Kafka ingest: io.sieve.bench.ProduceEvents fills a topic, then `sieve serve` with
#      ingest.kafka consumes it into PostgreSQL; events/s from the first consumed event to the last;
#   3. Spark against in-process training on the same PostgreSQL store: the Spark job
#      (scripts/spark-train.sh, local[*] over JDBC), and `sieve train` with the same models (ALS, EASE
#      and the tables: the content index and the learned ranker off), each publishing a bundle.
# Import and training times into each store are printed on the way.
#
# Usage: bench/scale-out.sh [items users events]      default 20000 50000 1000000
# Environment: RATES (req/s, default "25 50 100"), SECONDS_PER_RATE (default 30), WARMUP (default 15),
#              KAFKA_EVENTS (default 1000000), SKIP_LATENCY, SKIP_KAFKA, SKIP_SPARK (set: leave that part out), LOAD_DIR (default /tmp/sieve-scale-<items>-<users>-<events>;
#              the generated files and the RocksDB store are kept there and reused).
# Needs postgresql and redis-server installed (apt-get install postgresql redis-server).
set -euo pipefail
here="$(cd "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/scripts/find-jdk.sh"
items="${1:-20000}"
users="${2:-50000}"
events="${3:-1000000}"
rates="${RATES:-25 50 100}"
seconds="${SECONDS_PER_RATE:-30}"
warmup="${WARMUP:-15}"
kafka_events="${KAFKA_EVENTS:-1000000}"
work="${LOAD_DIR:-/tmp/sieve-scale-$items-$users-$events}"
if [ -z "${SIEVE_SKIP_BUILD:-}" ] && [ -z "${SKIP_SPARK:-}" ]; then  # the Spark module, before anything is timed
  (cd "$here" && flock /tmp/sieve-build.lock ./mvnw -B -q -DskipTests -pl sieve-spark -am install) >&2
fi
. "$here/bench/build-jars.sh"
sieve="$here/sieve"
bench_java=("$JAVA_HOME/bin/java" -Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn -cp "$here/bench/target/benchmarks.jar")
mkdir -p "$work"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
as_postgres=()
[ "$(id -u)" = 0 ] && as_postgres=(runuser -u postgres --)

children=()
cleanup() {
  for pid in "${children[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -d "$work/pg/data" ] && "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$work/pg/data" -m fast stop >/dev/null 2>&1 || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
await_ready() {  # await_ready <port> <pid> <log>
  until curl -sf "http://127.0.0.1:$1/readyz" >/dev/null; do
    kill -0 "$2" 2>/dev/null || { echo "the server did not start:"; tail -20 "$3"; exit 1; }
    sleep 0.2
  done
}
timed() {  # timed <file> <command...>: runs it, keeping '<seconds> s, <KB> KB peak RSS' in <file>
  local out="$1"; shift
  /usr/bin/time -f '%e s, %M KB peak RSS' -o "$out" "$@"
}

echo "## bench/scale-out.sh $items items, $users users, $events events ($(date -u +%F), $(nproc) cores)"
if [ ! -f "$work/jsonl/events.jsonl" ]; then
  python3 "$here/../shared/tools/synthetic.py" "$items" "$users" "$events" "$work/jsonl.partial" >/dev/null
  mv "$work/jsonl.partial" "$work/jsonl"
fi

# PostgreSQL and Redis, fresh for each run, on free loopback ports.
rm -rf "$work/pg" "$work/pg-data"
mkdir -p "$work/pg"
[ "$(id -u)" = 0 ] && chown postgres "$work/pg"
pg_port=$(free_port)
"${as_postgres[@]}" "$pg_bin/initdb" -D "$work/pg/data" -U sieve --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w \
  -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1" start >/dev/null
"$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U sieve sieve
store_url="postgresql://127.0.0.1:$pg_port/sieve?user=sieve"
redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no > "$work/redis.log" 2>&1 &
children+=($!)
online_url="redis://127.0.0.1:$redis_port"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on $pg_port, Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2) on $redis_port"
echo

# The same data in both stores, each trained with every default (content index off, as at 1M).
if [ ! -f "$work/rocks/bundles/CURRENT" ]; then
  rm -rf "$work/rocks"
  timed "$work/rocks-import.time" "$sieve" import --data-dir "$work/rocks" --format jsonl --path "$work/jsonl" --quiet > "$work/rocks-import.log"
  timed "$work/rocks-train.time" env SIEVE_TRAINING_CONTENT_ENABLED=false "$sieve" train --data-dir "$work/rocks" > "$work/rocks-train.log" 2>&1
fi
timed "$work/pg-import.time" env SIEVE_STORE_URL="$store_url" "$sieve" import --data-dir "$work/pg-data" --format jsonl \
  --path "$work/jsonl" --quiet > "$work/pg-import.log"
timed "$work/pg-train.time" env SIEVE_STORE_URL="$store_url" SIEVE_TRAINING_CONTENT_ENABLED=false \
  "$sieve" train --data-dir "$work/pg-data" > "$work/pg-train.log" 2>&1
echo "| store | import | train |"
echo "| --- | --- | --- |"
echo "| RocksDB | $(cat "$work/rocks-import.time" 2>/dev/null || echo "kept from an earlier run") | $(cat "$work/rocks-train.time" 2>/dev/null || echo "kept") |"
echo "| PostgreSQL | $(cat "$work/pg-import.time") | $(cat "$work/pg-train.time") |"

load() {  # load <label> <urls> <pids>
  echo
  echo "### $1: open loop, $seconds s per rate after a ${warmup} s warm-up"
  echo
  "${bench_java[@]}" io.sieve.bench.OpenLoopLoad "$2" "$users" "$seconds" "$warmup" "$3" $rates
}

replica() {  # replica <name> <port> [extra env...]: starts one, sets $pid
  local name="$1" rport="$2"; shift 2
  env SIEVE_STORE_URL="$store_url" SIEVE_ONLINE_URL="$online_url" "$@" \
    "$sieve" serve --data-dir "$work/pg-data" --port "$rport" > "$work/serve-$name.log" 2>&1 &
  pid=$!
  children+=("$pid")
}

if [ -z "${SKIP_LATENCY:-}" ]; then
# 1a. The RocksDB single node (baseline), serving a copy so that its impressions go nowhere after.
rm -rf "$work/rocks-serving"
cp -a "$work/rocks" "$work/rocks-serving"
port=$(free_port)
"$sieve" serve --data-dir "$work/rocks-serving" --port "$port" > "$work/serve-rocks.log" 2>&1 &
pid=$!
children+=("$pid")
await_ready "$port" "$pid" "$work/serve-rocks.log"
load "RocksDB, one node (baseline)" "http://127.0.0.1:$port" "$pid"
kill "$pid"; wait "$pid" 2>/dev/null || true
rm -rf "$work/rocks-serving"

# 1b. Two replicas: one PostgreSQL, one Redis, one bundle directory.
port_a=$(free_port); replica a "$port_a"; pid_a=$pid
port_b=$(free_port); replica b "$port_b"; pid_b=$pid
await_ready "$port_a" "$pid_a" "$work/serve-a.log"
await_ready "$port_b" "$pid_b" "$work/serve-b.log"
load "two replicas on PostgreSQL + Redis, requests alternating" "http://127.0.0.1:$port_a,http://127.0.0.1:$port_b" "$pid_a,$pid_b"
kill "$pid_a" "$pid_b"; wait "$pid_a" "$pid_b" 2>/dev/null || true
fi

if [ -z "${SKIP_KAFKA:-}" ]; then
# 2. Kafka ingest into PostgreSQL: a broker in a child JVM, the topic filled first, then consumed.
classpath="$work/kafka.classpath"
(cd "$here" && flock /tmp/sieve-build.lock ./mvnw -B -q -o -pl sieve-server dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$classpath" >/dev/null)
kafka_port=$(free_port)
controller_port=$(free_port)
rm -rf "$work/kafka"
mkdir -p "$work/kafka"
cat > "$work/kafka/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$kafka_port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$kafka_port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$work/kafka/logs
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
kafka_java=("$JAVA_HOME/bin/java" -Xmx1g -cp "$(cat "$classpath")")
"${kafka_java[@]}" kafka.tools.StorageTool format -t "$(python3 -c 'import base64,uuid; print(base64.urlsafe_b64encode(uuid.UUID(int=7).bytes).decode().rstrip("="))')" \
  -c "$work/kafka/server.properties" > "$work/kafka/format.log" 2>&1
"${kafka_java[@]}" kafka.Kafka "$work/kafka/server.properties" > "$work/kafka/broker.log" 2>&1 &
kafka_pid=$!
children+=("$kafka_pid")
until (exec 3<>"/dev/tcp/127.0.0.1/$kafka_port") 2>/dev/null; do
  kill -0 "$kafka_pid" 2>/dev/null || { echo "Kafka did not start:"; tail -20 "$work/kafka/broker.log"; exit 1; }
  sleep 0.5
done
echo
echo "### Kafka ingest into PostgreSQL: $kafka_events events on a topic of 2 partitions, one consumer (sieve serve)"
echo
"${bench_java[@]}" io.sieve.bench.ProduceEvents "127.0.0.1:$kafka_port" sieve-events 2 "$kafka_events" "$users" "$items" 2>&1
port=$(free_port)
replica ingest "$port" SIEVE_INGEST_KAFKA_BOOTSTRAP="127.0.0.1:$kafka_port"
await_ready "$port" "$pid" "$work/serve-ingest.log"
consumed() { curl -sf "http://127.0.0.1:$port/metrics" | awk '/^sieve_kafka_consumer_events_total /{print int($2)}'; }
until [ "$(consumed)" -gt 0 ]; do sleep 0.05; done
first=$(date +%s.%N)
until [ "$(consumed)" -ge "$kafka_events" ]; do
  kill -0 "$pid" 2>/dev/null || { echo "the consumer died:"; tail -20 "$work/serve-ingest.log"; exit 1; }
  sleep 0.2
done
last=$(date +%s.%N)
python3 -c "s = $last - $first; print(f'| events | seconds | events/s into PostgreSQL |'); print('| --- | --- | --- |'); print(f'| $kafka_events | {s:.1f} | {$kafka_events / s:,.0f} |')"
stored=$("$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U sieve -d sieve -tAc \
  "SELECT count(*) FROM events WHERE at BETWEEN 1500000000000 AND 1500000000000 + $kafka_events")
echo
echo "rows stored from the topic: $stored of $kafka_events"
kill "$pid"; wait "$pid" 2>/dev/null || true
fi

if [ -z "${SKIP_SPARK:-}" ]; then
# 3. Spark against in-process training, the same models from the same PostgreSQL store.
timed "$work/same-train.time" env SIEVE_STORE_URL="$store_url" SIEVE_TRAINING_CONTENT_ENABLED=false \
  SIEVE_RANKING_TYPE=blend "$sieve" train --data-dir "$work/pg-data" > "$work/same-train.log" 2>&1
timed "$work/spark-train.time" "$here/scripts/spark-train.sh" --source "$store_url" --data-dir "$work/pg-data" > "$work/spark-train.log" 2>&1
echo
echo "### Training on the PostgreSQL store: ALS, EASE, co-visitation, popularity, trending and segments"
echo
echo "| trainer | wall, peak RSS |"
echo "| --- | --- |"
echo "| sieve train (content index and ranker off) | $(cat "$work/same-train.time") |"
echo "| Spark job, local[*] over JDBC (SPARK_MEMORY ${SPARK_MEMORY:-4g}) | $(cat "$work/spark-train.time") |"
fi
