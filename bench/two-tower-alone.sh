#!/usr/bin/env bash
# The two-tower source alone on ml-100k as served (sieve eval --as-served: a blend of that source
# only, ALS and EASE not trained), once per seed, with and without the users' attributes
# (BENCHMARKS.md, "Two-tower retrieval"). Extra arguments go to every evaluation, e.g.
# --protocol cold_users --held-out-users 0.2 --known-events 3, or --set training.twoTower.<key>=<value>.
#
# usage: bench/two-tower-alone.sh [eval args...]   (SEEDS="42 1 2 3" by default; about 2 minutes a run per
#        member; DATASET=ml-latest-small and METRIC=HitRate@10 measure another store or metric)
. "$(dirname "$0")/movielens-stores.sh"

args=(--set ranking.type=blend --set training.twoTower.enabled=true --set retrieval.sources.twoTower.enabled=true
      --set training.als.enabled=false --set training.ease.enabled=false)
for s in covisitation session popularity trending segment als alsSession ease onboarding graph; do
  args+=(--set "retrieval.sources.$s.enabled=false")
done
echo "| seed | with user attributes, NDCG@10 | without, NDCG@10 |"
echo "| --- | --- | --- |"
with=(); without=()
for seed in ${SEEDS:-42 1 2 3}; do
  row="| $seed |"
  for attributes in on off; do
    extra=(--set "training.twoTower.seed=$seed")
    [ "$attributes" = off ] && extra+=(--set 'training.segments.attributes=[]')
    ./sieve eval --data-dir "$work/${DATASET:-ml-100k}" --k 10 --as-served --json "$work/report.json" "${args[@]}" "${extra[@]}" "$@" >&2
    value=$(python3 -c 'import json,sys; print("%.4f" % json.load(open(sys.argv[1]))["rows"][0]["metrics"][sys.argv[2]])' "$work/report.json" "${METRIC:-NDCG@10}")
    row+=" $value |"
    if [ "$attributes" = on ]; then with+=("$value"); else without+=("$value"); fi
  done
  echo "$row"
done
mean() { python3 -c 'import sys; v=[float(x) for x in sys.argv[1:]]; print("%.4f" % (sum(v) / len(v)))' "$@"; }
echo "| mean | $(mean "${with[@]}") | $(mean "${without[@]}") |"
