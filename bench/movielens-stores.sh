# Sourced by the quality scripts: strict mode, the project root as the working directory, $shared
# (../shared, or $SHARED), a work directory $work removed on exit, and ml-100k and ml-latest-small
# imported into $work/ml-100k and $work/ml-latest-small.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
shared="${SHARED:-../shared}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

./sieve import --data-dir "$work/ml-100k" --format movielens-100k --path "$shared/data/ml-100k" --quiet >&2
./sieve import --data-dir "$work/ml-latest-small" --format movielens-latest --path datasets/ml-latest-small --quiet >&2
