# Sourced by the benchmark scripts that run the product's jar and the benchmark jar side by side:
# builds both once (unless SIEVE_SKIP_BUILD is set), then tells ./sieve not to build again.
# Expects $here, the project's root.
if [ -z "${SIEVE_SKIP_BUILD:-}" ]; then
  (cd "$here" && flock /tmp/sieve-build.lock ./mvnw -B -q -DskipTests -pl sieve-server,bench -am package) >&2
fi
export SIEVE_SKIP_BUILD=1
