#!/usr/bin/env bash
# The served quality table of BENCHMARKS.md: the blend, the learned ranker served whatever its
# validation says (ranking.gate=false) and the default (the ranker only if it beat the blend), on
# ml-100k and ml-latest-small, split per user at random (75/25, seed 42) and globally in time
# (75/25), measured twice: by `sieve eval --as-served` and from outside by
# ../shared/tools/api_eval.py (import, train, serve, ask over HTTP). Prints a Markdown table.
#
# usage: bench/quality-served.sh            (about 30 minutes on 2 cores)
. "$(dirname "$0")/movielens-stores.sh"

# as_served DATASET PROTOCOL SETTINGS... -> prints "<blend> <pipeline>" NDCG@10 of the as-served rows
as_served() {
  local dataset="$1" protocol="$2"; shift 2
  ./sieve eval --data-dir "$work/$dataset" --protocol "$protocol" --ratio 0.75 --seed 42 --k 10 --as-served \
      --json "$work/eval.json" "$@" >&2
  python3 - "$work/eval.json" <<'EOF'
import json, sys
rows = {r["name"]: r["metrics"]["NDCG@10"] for r in json.load(open(sys.argv[1]))["rows"]}
blend = rows["retrieval blend"]
served = next(v for k, v in rows.items() if k.endswith(", as served"))
print(f"{blend:.4f} {served:.4f}")
EOF
}

# over_http DATASET PROTOCOL ENV... -> prints NDCG@10 through the HTTP API
over_http() {
  local dataset="$1" protocol="$2"; shift 2
  local dir="$shared/data/$dataset" flag=""
  [ "$dataset" = ml-latest-small ] && dir=datasets/ml-latest-small
  [ "$protocol" = temporal ] && flag="--temporal"
  env "$@" python3 "$shared/tools/api_eval.py" "$dataset" "$dir" . --ratio 0.75 --seed 42 $flag \
      | tail -1 | sed -n 's/.*ndcg@10=\([0-9.]*\).*/\1/p'
}

echo "| data set, split | blend, as served | learned, as served | default, as served | blend, HTTP | learned, HTTP | default, HTTP |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for dataset in ml-100k ml-latest-small; do
  for protocol in stratified temporal; do
    read -r blend_served default_served <<<"$(as_served "$dataset" "$protocol")"
    read -r _ learned_served <<<"$(as_served "$dataset" "$protocol" --set ranking.gate=false)"
    blend_http="$(over_http "$dataset" "$protocol" SIEVE_RANKING_TYPE=blend)"
    learned_http="$(over_http "$dataset" "$protocol" SIEVE_RANKING_GATE=false)"
    default_http="$(over_http "$dataset" "$protocol")"
    echo "| $dataset, $protocol | $blend_served | $learned_served | $default_served | $blend_http | $learned_http | $default_http |"
  done
done
