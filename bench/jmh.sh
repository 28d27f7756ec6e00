#!/usr/bin/env bash
# Runs the JMH benchmarks (src/test/java/io/fidelis/bench) in their own JVM, as JMH requires:
#   bench/jmh.sh                       all benchmarks
#   bench/jmh.sh RuleEvaluation        the ones whose name matches
# Extra arguments go to JMH (e.g. -rf json -rff target/jmh.json). Results: see BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath
exec java -cp "target/test-classes:target/classes:$(cat target/jmh.classpath)" org.openjdk.jmh.Main "$@"
