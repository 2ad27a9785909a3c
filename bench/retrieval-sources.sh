#!/usr/bin/env bash
# The retrieval sources of issue 16 (graph walks, Cleora, the two-tower model) against the existing
# ones, in one table (BENCHMARKS.md, "Graph retrieval" and "Two-tower retrieval"): every source alone
# and the default pipeline with and without the new ones, all
# through `sieve eval --as-served` (lists asked as a server started on the training part answers
# them), on ml-100k (per-user random 75/25, seed 42), ml-latest-small (global time cut 75/25),
# cold items (the oldest 80% of events train; HitRate@10 of the items first seen after) and cold
# users (20% of users held out, known by their first 3 events); then the default with and without
# them on ml-100k through the HTTP API (../shared/tools/api_eval.py). Prints Markdown.
#
# usage: bench/retrieval-sources.sh [graph] [twoTower]   (both by default: about 80 minutes on 2 cores;
#        the graph rows alone 45, the two-tower rows alone 35)
. "$(dirname "$0")/movielens-stores.sh"

# The default keeps the graph source at weight 0 once a user is personalised, 0.5 on the cold-start
# chain's session stage; these are the other ways of adding the new sources that were measured.
GRAPH_OFF=(--set retrieval.sources.graph.enabled=false)
GRAPH=(--set retrieval.sources.graph.weight=0.1)
CLEORA=(--set training.cleora.enabled=true --set retrieval.sources.cleora.enabled=true --set retrieval.sources.cleora.weight=0.2)
OTHERS=(covisitation session popularity trending segment als alsSession ease onboarding graph)
only() {  # only SOURCE...: a blend of just these sources
  local args=(--set ranking.type=blend) s
  for s in "${OTHERS[@]}"; do args+=(--set "retrieval.sources.$s.enabled=false"); done
  for s in "$@"; do args+=(--set "retrieval.sources.$s.enabled=true"); done
  echo "${args[@]}"
}
CLEORA_NEW=(--set training.cleora.enabled=true --set training.cleora.newItemLength=1)
TWO_TOWER=(--set training.twoTower.enabled=true --set retrieval.sources.twoTower.enabled=true)
sections=("$@")
[ $# -eq 0 ] && sections=(graph twoTower)
wants() { [[ " ${sections[*]} " == *" $1 "* ]]; }

# column NAME DATASET METRIC PROTOCOL ARGS...: one column of the table, as JSON lines in $work/cells
column() {
  local name="$1" dataset="$2" metric="$3"; shift 3
  local run=0
  measure() {  # measure ROW-PREFIX EVAL-ARGS...: the rows of one evaluation
    local prefix="$1"; shift
    run=$((run + 1))
    ./sieve eval --data-dir "$work/$dataset" --k 10 --as-served --json "$work/$run.json" "$@" >&2
    python3 - "$work/$run.json" "$prefix" "$name" "$metric" >>"$work/cells" <<'PY'
import json, sys
report, prefix, column, metric = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3], sys.argv[4]
for row in report["rows"]:
    name = row["name"]
    if name.endswith(", replayed") or name == "retrieval blend":
        continue
    if name.startswith("pipeline"):
        name = prefix if prefix != "each" else "default + graph (0.1) + cleora (0.2) + content (0.1)"
    elif prefix != "each":
        continue
    print(json.dumps({"row": name, "column": column, "value": row["metrics"][metric]}))
PY
  }
  if wants graph; then
    measure each "$@" --each-source "${GRAPH[@]}" "${CLEORA[@]}" --set retrieval.sources.content.enabled=true
    measure "default pipeline (graph on the cold-start chain)" "$@"
    measure "default without graph" "$@" "${GRAPH_OFF[@]}"
    measure "default + graph (0.1)" "$@" "${GRAPH[@]}"
    measure "default + cleora (0.2)" "$@" "${CLEORA[@]}"
    measure "default + graph (0.1) + cleora (0.2)" "$@" "${GRAPH[@]}" "${CLEORA[@]}"
    # shellcheck disable=SC2046
    measure "cleora, new items at unit length" "$@" $(only cleora) "${CLEORA_NEW[@]}"
    # shellcheck disable=SC2046
    measure "cleora (unit length) + content" "$@" $(only cleora content) "${CLEORA_NEW[@]}"
  fi
  if wants twoTower; then
    # shellcheck disable=SC2046
    measure "twoTower alone" "$@" $(only twoTower) "${TWO_TOWER[@]}"
    # shellcheck disable=SC2046
    measure "twoTower + content" "$@" $(only twoTower content) "${TWO_TOWER[@]}"
    measure "default pipeline" "$@"
    measure "default + twoTower (0.5)" "$@" "${TWO_TOWER[@]}"
    measure "default + twoTower (0.2)" "$@" "${TWO_TOWER[@]}" --set retrieval.sources.twoTower.weight=0.2
  fi
}

column "ml-100k, NDCG@10" ml-100k NDCG@10 --protocol stratified --ratio 0.75 --seed 42
column "ml-latest-small temporal, NDCG@10" ml-latest-small NDCG@10 --protocol temporal --ratio 0.75
column "cold items ml-latest-small, HitRate@10" ml-latest-small HitRate@10 --protocol cold_items --ratio 0.8
column "cold items ml-100k, HitRate@10" ml-100k HitRate@10 --protocol cold_items --ratio 0.8
column "cold users ml-latest-small, NDCG@10" ml-latest-small NDCG@10 --protocol cold_users --held-out-users 0.2 --known-events 3
column "cold users ml-100k, NDCG@10" ml-100k NDCG@10 --protocol cold_users --held-out-users 0.2 --known-events 3

python3 - "$work/cells" <<'PY'
import json, sys
cells = [json.loads(l) for l in open(sys.argv[1])]
columns = list(dict.fromkeys(c["column"] for c in cells))
rows = list(dict.fromkeys(c["row"] for c in cells))
value = {(c["row"], c["column"]): c["value"] for c in cells}
print("| source | " + " | ".join(columns) + " |")
print("| --- |" + " --- |" * len(columns))
for r in rows:
    print(f"| {r} | " + " | ".join(f"{value[(r, c)]:.4f}" if (r, c) in value else "" for c in columns) + " |")
PY

echo
echo "Through the HTTP API (api_eval.py ml-100k, per-user 75/25, seed 42), NDCG@10:"
http() { env "$@" python3 "$shared/tools/api_eval.py" ml-100k "$shared/data/ml-100k" . --ratio 0.75 --seed 42 | tail -1; }
echo "- default: $(http)"
if wants graph; then
  echo "- default without graph: $(http SIEVE_RETRIEVAL_SOURCES_GRAPH_ENABLED=false)"
  echo "- default + graph (0.1) + cleora (0.2): $(http SIEVE_TRAINING_CLEORA_ENABLED=true SIEVE_RETRIEVAL_SOURCES_CLEORA_ENABLED=true \
    SIEVE_RETRIEVAL_SOURCES_CLEORA_WEIGHT=0.2 SIEVE_RETRIEVAL_SOURCES_GRAPH_WEIGHT=0.1)"
fi
if wants twoTower; then
  echo "- default + twoTower (0.5): $(http SIEVE_TRAINING_TWOTOWER_ENABLED=true SIEVE_RETRIEVAL_SOURCES_TWOTOWER_ENABLED=true)"
fi
