#!/usr/bin/env bash
# Sieve launcher: finds a JDK >= 21, builds the jar when it is missing or older than the sources,
# then runs the CLI. Usage: ./sieve <command> [options]   (./sieve --help lists the commands)
#
# Environment (README.md, "Running Sieve"):
#   SIEVE_HEAP        the JVM's heap limit: a size (4g, 512m) or a share of the memory (50%); default 50%
#   SIEVE_LOG_DIR     where a JVM crash report (hs_err_pid*.log) goes; default ~/.local/state/sieve
#   SIEVE_LOG_FORMAT  text (default) or json: one JSON object per log line, for log collectors
#   SIEVE_JAVA_OPTS   more JVM options, added last
#   SIEVE_SKIP_BUILD  1: run the jar as it is, never build (for scripts that built it already)
set -euo pipefail
here="$(cd "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
. "$here/scripts/find-jdk.sh"

jar="$here/sieve-server/target/sieve.jar"

# Maven's own output is long; the first build shows one line per module and per step instead, and
# the whole log only if the build fails.
build() {
  echo "Building Sieve (first run, or sources changed); this takes a minute or two..." >&2
  local log
  log="$(mktemp "${TMPDIR:-/tmp}/sieve-build.XXXXXX")"
  if (cd "$here" && ./mvnw -B -ntp -DskipTests -pl sieve-server -am install) 2>&1 | tee "$log" \
      | sed -un -e 's/^\[INFO\] Building \(.*\) [0-9.]*-SNAPSHOT *\(\[[0-9]*\/[0-9]*\]\)$/  \2 \1/p' \
                -e 's/^\[INFO\] --- compiler:.*:compile .*/        compiling/p' \
                -e 's/^\[INFO\] --- shade:.*/        packaging sieve.jar/p' >&2; then
    rm -f "$log"
  else
    echo "The build failed; the end of its log ($log):" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
}

if [ "${SIEVE_SKIP_BUILD:-0}" != 1 ]; then
  if [ ! -f "$jar" ] || [ -n "$(find "$here" -path "$here/data" -prune -o \( -path '*/src/main/*' -o -name pom.xml \) -newer "$jar" -print -quit)" ]; then
    build
  fi
elif [ ! -f "$jar" ]; then
  echo "SIEVE_SKIP_BUILD=1 but $jar does not exist; build it with ./mvnw -B -DskipTests package" >&2
  exit 1
fi

heap="${SIEVE_HEAP:-50%}"
case "$heap" in
  *%) heap_opt="-XX:MaxRAMPercentage=${heap%\%}" ;;
  *[0-9][kKmMgG]|*[0-9]) heap_opt="-Xmx$heap" ;;
  *) echo "SIEVE_HEAP must be a size such as 4g or a share such as 50%, not '$heap'" >&2; exit 2 ;;
esac
log_format="${SIEVE_LOG_FORMAT:-text}"
case "$log_format" in
  text|json) export SIEVE_LOG_FORMAT="$log_format" ;;   # read by logback.xml in the jar
  *) echo "SIEVE_LOG_FORMAT must be text or json, not '$log_format'" >&2; exit 2 ;;
esac
log_dir="${SIEVE_LOG_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/sieve}"
mkdir -p "$log_dir"

export SIEVE_HOME="$here"   # lets `sieve demo` find the shipped dataset from any working directory
export ORT_DISABLE_TELEMETRY=1   # ONNX Runtime (the minilm encoder) must not phone home

# jvector is fastest with the Java Vector API (BENCHMARKS.md, ANN index), an incubator module; the
# JVM then prints "WARNING: Using incubator modules: jdk.incubator.vector" on every start, with no
# option to turn it off. That one line is dropped from the JVM's error stream and nothing else; the
# filter ignores Ctrl-C so that the JVM's last words on shutdown still get through it.
incubator_warning="WARNING: Using incubator modules: jdk.incubator.vector"
drop_incubator_warning() {
  trap '' INT TERM
  local first
  if IFS= read -r first; then
    [ "$first" = "$incubator_warning" ] || printf '%s\n' "$first"
  fi
  exec cat
}

# Training phases draw a progress bar when a person watches standard error, and log otherwise
# (always with JSON logs, which a collector reads).
progress=log
[ -t 2 ] && [ "$log_format" = text ] && progress=bar

# exec: the JVM takes this process's id, so signals sent to ./sieve reach it.
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
  "-Dsieve.progress=$progress" "$heap_opt" "-XX:ErrorFile=$log_dir/hs_err_pid%p.log" "-XX:ReplayDataFile=$log_dir/replay_pid%p.log" \
  ${SIEVE_JAVA_OPTS:-} -jar "$jar" "$@" 2> >(drop_incubator_warning >&2)
