#!/usr/bin/env sh
# Every figure of docs/PERFORMANCE.md, from the repository's root, after
#   ./mvnw -B -q -Pbenchmarks -DskipTests package
# Writes benchmarks/target/{results.json,bench-facts.properties,report.md,*.log}
# and docs/soak.csv, docs/soak.png, docs/soak-parallel.csv, docs/soak-parallel.png.
# Takes about 20 minutes on 2 cores.
# Timings are valid only on a quiet machine: it prints the load and other JVMs first.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out=benchmarks/target
jar=$out/benchmarks.jar
tracker=tracker-daemon/target/tracker.jar
export TRACKER_BENCH_FACTS="$root/$out/bench-facts.properties"
rm -f "$TRACKER_BENCH_FACTS"
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GB"
echo "== $(java -version 2>&1 | head -1)"
echo "== load before: $(uptime)"
pgrep -af 'java|mvn' | grep -v -e pgrep -e run-all || true

java -jar "$jar" -rf json -rff "$out/results.json" "$@" 2>&1 | tee "$out/jmh.log"
java -cp "$jar" dev.tracker.benchmarks.process.ListTiming "$tracker" 30 10 10000 2>&1 | tee "$out/list.log"
java -cp "$jar" dev.tracker.benchmarks.process.DaemonHeap "$tracker" 64 48 32 2>&1 | tee "$out/heap.log"
# Soft references are caches the JVM drops under memory pressure; with the default policy the
# JDK's reflection caches of each of the 1,000 new test classes stay (about 1.3 KB a class), so
# the soak has every full GC clear them, and counts what is strongly reachable (docs/PERFORMANCE.md).
java -XX:SoftRefLRUPolicyMSPerMB=0 -cp "$jar" dev.tracker.benchmarks.soak.Soak docs 1000 100 2>&1 | tee "$out/soak.log"
java -XX:SoftRefLRUPolicyMSPerMB=0 -cp "$jar" dev.tracker.benchmarks.soak.Soak "$out" 1000 100 1 off 2>&1 | tee "$out/soak-floor.log"
# the same soak with classes in parallel, four at a time, and its floor without the leak check
java -XX:SoftRefLRUPolicyMSPerMB=0 -cp "$jar" dev.tracker.benchmarks.soak.Soak docs 1000 100 4 2>&1 | tee "$out/soak-parallel.log"
java -XX:SoftRefLRUPolicyMSPerMB=0 -cp "$jar" dev.tracker.benchmarks.soak.Soak "$out" 1000 100 4 off 2>&1 | tee "$out/soak-floor-parallel.log"
# no false alarm: 200 clean classes, four at a time, 20 runs
java -cp "$jar" dev.tracker.benchmarks.soak.CleanSuite 200 20 4 2>&1 | tee "$out/clean-suite.log"
echo "== load after: $(uptime)"
java -cp "$jar" dev.tracker.benchmarks.report.Report "$out/results.json" "$TRACKER_BENCH_FACTS" | tee "$out/report.md"
