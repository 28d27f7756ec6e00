#!/usr/bin/env bash
# Drives a running Fidelis over loopback HTTP with concurrent clients and reports throughput and latencies
# (src/test/java/io/fidelis/bench/LoadGenerator.java):
#   FIDELIS_KEY=fid_... bench/load.sh --clients 32 --seconds 30 --members 10000 --out target/load.json
# Options: --url (http://localhost:8080) --clients (8) --seconds (20) --warmup (5) --members (10000)
#          --enrolled (false; true: the members exist, see bench/members-seed.sql)
#          --mix (purchase=80,balance=15,redemption=5; also batch=N: POST /events:batch of --batch-size purchases,
#          100 by default) --out (target/load.json). Results: see BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
# FIDELIS_LOAD_BUILT=1: the classes and target/bench.classpath are built already (bench/compare.sh runs it many times).
if [ "${FIDELIS_LOAD_BUILT:-0}" != 1 ]; then
	./mvnw -q -B test-compile
	./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
fi
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.fidelis.bench.LoadGenerator "$@"
