#!/usr/bin/env bash
# Runs every benchmark of docs/BENCHMARKS.md and prints every figure:
#   1. JMH micro-benchmarks (rules parsing, evaluation of 10/100/1000 tracks x 20 rules, one webhook's
#      state transition, codec and signature costs);
#   2. the end-to-end load benchmark of the packaged function (target/function.zip, JVM, prod profile)
#      through a Lambda Runtime API, against a real local redis-server, side by side with redis-benchmark
#      running the same commands; rooms of 2, 16 and 50 participants (CPU and Redis bytes per webhook, the 403
#      floor, interleaved on one process) and an async-profiler profile of the 50-participant webhooks;
#      start-up time and RSS; and webhooks with outbound delivery (status callbacks and media-server pushes
#      to a local receiver) off and on, side by side (--delivery-events, default 3000).
# Short runs on purpose (shared 2-core machine). Environment overrides:
#   JMH_ARGS   (default: -f1 -wi 2 -i 3 -w 1s -r 1s -bm sample -tu us: sampled per-operation times, so that
#              the median stands even when other builds preempt the benchmark; the mean is printed too)
#   LOAD_ARGS  (default: --levels 1,8,32 --warmup 3000 --events 5000 --rss-events 10000;
#              "--soak 20000" runs the soak of docs/BENCHMARKS.md section 3 instead; the room sizes take
#              --sizes 2,16,50 --largest-size-rooms 4 --size-rounds 5 --size-events 200 --profile-events 1000)
#   SKIP_BUILD=1 reuses target/ as built; SKIP_JMH=1 / SKIP_LOAD=1 skip a part.
set -euo pipefail
cd "$(dirname "$0")/.."

JMH_ARGS=${JMH_ARGS:--f1 -wi 2 -i 3 -w 1s -r 1s -bm sample -tu us}
LOAD_ARGS=${LOAD_ARGS:---levels 1,8,32 --warmup 3000 --events 5000 --rss-events 10000}
OUT=target/bench
mkdir -p "$OUT"

if ! command -v redis-server >/dev/null || ! command -v redis-benchmark >/dev/null; then
  echo "== installing redis-server and redis-tools (apt)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server redis-tools >/dev/null
fi

echo "== machine"
echo "cores: $(nproc); memory: $(free -g | awk '/Mem:/{print $2" GiB"}'); load: $(cut -d' ' -f1-3 /proc/loadavg)"
java -version 2>&1 | head -2
redis-server --version

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== building the function (./mvnw -B package -DskipTests) and the benchmarks (-Pbench)"
  ./mvnw -B -q package -DskipTests
  ./mvnw -B -q -Pbench -DskipTests test-compile
  ./mvnw -B -q -Pbench dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" -Dmdep.includeScope=test
fi
CP="target/test-classes:target/classes:$(cat "$OUT/classpath.txt")"
ls -l target/function.zip

if [ "${SKIP_JMH:-0}" != 1 ]; then
  echo "== JMH ($JMH_ARGS)"
  # shellcheck disable=SC2086
  java -cp "$CP" org.openjdk.jmh.Main $JMH_ARGS -rf text -rff "$OUT/jmh.txt" \
    'ParseBenchmark|EvaluationBenchmark|RoomBenchmark|CodecBenchmark' | tee "$OUT/jmh.log" \
    | grep -E '^\[fixture\]|^# Run complete' || true
  echo "-- JMH summary (also in $OUT/jmh.txt)"
  cat "$OUT/jmh.txt"
fi

if [ "${SKIP_LOAD:-0}" != 1 ]; then
  echo "== load benchmark ($LOAD_ARGS)"
  # shellcheck disable=SC2086
  java -cp "$CP" io.github.recordingrules.bench.load.LambdaLoadBenchmark --function-zip target/function.zip \
    --work-dir "$OUT" $LOAD_ARGS
fi
