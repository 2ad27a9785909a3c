#!/usr/bin/env bash
# Quality of a Spark-trained bundle against in-process training, as users get it: the outside
# check ../shared/tools/api_eval.py (import, train, serve, query over HTTP; ml-100k, per-user 75/25
# split, seed 42), run three times in one script:
#   1. `sieve train`, every default;
#   2. `sieve train` with EASE off (the Spark job trains EASE too; this row shows what EASE adds);
#   3. the Spark job: api_eval is pointed at a directory whose `./sieve` runs `sieve export` and
#      scripts/spark-train.sh for `train`, and the real ./sieve for everything else.
# Environment: SPARK_REG_PARAM (MLlib's ALS regularisation, default 0.5), SEEDS (api_eval's split
# seeds, default "42": several show how far a split alone moves the figures). Prints a markdown table.
set -euo pipefail
here="$(cd "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/scripts/find-jdk.sh"
if [ -z "${SIEVE_SKIP_BUILD:-}" ]; then
  (cd "$here" && flock /tmp/sieve-build.lock ./mvnw -B -q -DskipTests -pl sieve-server,sieve-spark -am install) >&2
fi
export SIEVE_SKIP_BUILD=1
wrapper="$(mktemp -d)"
trap 'rm -rf "$wrapper"' EXIT
cat > "$wrapper/sieve" <<EOF
#!/usr/bin/env bash
# ./sieve for api_eval.py, training on Spark: export the store, then train and publish on Spark.
set -euo pipefail
if [ "\$1" = train ]; then
  dd=""
  while [ \$# -gt 0 ]; do case "\$1" in --data-dir) dd="\$2"; shift 2;; *) shift;; esac; done
  "$here/sieve" export --data-dir "\$dd" --out "\$dd/export" --overwrite
  exec "$here/scripts/spark-train.sh" --source "\$dd/export" --data-dir "\$dd" --reg-param "${SPARK_REG_PARAM:-0.5}"
fi
exec "$here/sieve" "\$@"
EOF
chmod +x "$wrapper/sieve"
evaluate() {  # evaluate <label> <checkout> <seed>
  local result
  result=$(python3 "$here/../shared/tools/api_eval.py" ml-100k "$here/../shared/data/ml-100k" "$2" --seed "$3" | tail -1)
  python3 - "$1" "$3" "$result" <<'EOF'
import sys
label, seed, line = sys.argv[1], sys.argv[2], sys.argv[3]
r = dict(kv.split("=") for kv in line.split())
print(f"| {label} | {seed} | {float(r['ndcg@10']):.4f} | {float(r['precision@10']):.4f} | {float(r['recall@10']):.4f} | "
      f"{float(r['coverage@10']):.4f} | {float(r['train_s']):.1f} |")
EOF
}
echo "## bench/spark-quality.sh: ml-100k through api_eval.py ($(date -u +%F), $(nproc) cores)"
echo
echo "| training | split seed | NDCG@10 | P@10 | R@10 | coverage@10 | train s (api_eval) |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for seed in ${SEEDS:-42}; do
  evaluate "sieve train, every default" "$here" "$seed"
  SIEVE_TRAINING_EASE_ENABLED=false evaluate "sieve train, EASE off" "$here" "$seed"
  evaluate "Spark, local[*] (regParam ${SPARK_REG_PARAM:-0.5})" "$wrapper" "$seed"
done
