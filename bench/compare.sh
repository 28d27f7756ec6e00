#!/usr/bin/env bash
# The earn path against the raw database, on one machine in one run (issue 6; BENCHMARKS.md):
#   1. the raw-database baseline of ../shared/bench-baseline with pgbench (single earns, batched earns, point reads);
#   2. the service (its jar) on the same PostgreSQL, driven over loopback by bench/load.sh;
#   3. the ratios, at 8 and 32 clients.
# Needs PostgreSQL on 127.0.0.1:5432 (trust or PGPASSWORD) with pgbench, and target/fidelis.jar (./mvnw package).
#   bench/compare.sh [seconds per run, default 20] [members for the service, default 1000000, as the raw baseline]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-20}
MEMBERS=${2:-1000000}
BASELINE=${FIDELIS_BENCH_BASELINE:-../shared/bench-baseline}
PG="-h 127.0.0.1 -p 5432 -U postgres"
RUN=$(date +%Y%m%d%H%M%S)
RAW_DB=fidelis_raw_$RUN
SERVICE_DB=fidelis_bench_$RUN
OUT=target/compare-$RUN
mkdir -p "$OUT"
[ -f target/fidelis.jar ] || { echo "target/fidelis.jar is missing: run ./mvnw -DskipTests package" >&2; exit 1; }

cleanup() {
	[ -n "${SERVICE_PID:-}" ] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
	dropdb $PG --if-exists "$RAW_DB" || true
	dropdb $PG --if-exists "$SERVICE_DB" || true
}
trap cleanup EXIT

# tps of a pgbench run, without connection time
pgbench_tps() {
	pgbench $PG -n -M prepared "$@" | tee -a "$OUT/pgbench.log" | sed -n 's/^tps = \([0-9]*\).*/\1/p' | head -1
}

echo "== raw database: $BASELINE, $SECONDS_PER_RUN s per run"
createdb $PG "$RAW_DB"
pgbench $PG -i -s 10 -q "$RAW_DB" >> "$OUT/pgbench.log" 2>&1
psql $PG -q -d "$RAW_DB" -f "$BASELINE/schema.sql" >> "$OUT/pgbench.log" 2>&1
declare -A RAW
for clients in 8 32; do
	RAW[earn_$clients]=$(pgbench_tps -f "$BASELINE/earn.sql" -c "$clients" -j 2 -T "$SECONDS_PER_RUN" "$RAW_DB")
	batches=$(pgbench_tps --max-tries=10 -f "$BASELINE/earn_batch100_set.sql" -c "$clients" -j 2 \
		-T "$SECONDS_PER_RUN" "$RAW_DB")
	RAW[batch_$clients]=$(echo "$batches * 100" | bc)
	RAW[read_$clients]=$(pgbench_tps -f "$BASELINE/read_balance.sql" -c "$clients" -j 2 -T "$SECONDS_PER_RUN" "$RAW_DB")
	echo "  $clients clients: ${RAW[earn_$clients]} earns/s, ${RAW[batch_$clients]} batched earns/s," \
		"${RAW[read_$clients]} reads/s"
done

echo "== the service on the same PostgreSQL"
createdb $PG "$SERVICE_DB"
KEY=fid_bench$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')00000
FIDELIS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$SERVICE_DB" FIDELIS_DB_USER=postgres \
	FIDELIS_BOOTSTRAP_TENANT=bench FIDELIS_BOOTSTRAP_API_KEY="$KEY" FIDELIS_JOBS_ENABLED=false SERVER_PORT=8095 \
	java -jar target/fidelis.jar > "$OUT/service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 120); do
	curl -fs http://127.0.0.1:8095/actuator/health > /dev/null && break
	sleep 1
done
# The members, enrolled straight in the database (as many as the raw baseline has); then the load generator, built once.
psql $PG -q -d "$SERVICE_DB" -v tenant=bench -v members="$MEMBERS" -f bench/members-seed.sql >> "$OUT/seed.log" 2>&1
./mvnw -q -B test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
export FIDELIS_LOAD_BUILT=1
# A first load fills the tables the earn path writes, then the statistics are taken, as autovacuum would take them
# (it may be off: the raw baseline analyzes its tables once too). Plans made on empty tables without statistics
# can be far off: looking up a batch's 100 transaction ids scanned a tenant's every key.
FIDELIS_KEY=$KEY bench/load.sh --url http://127.0.0.1:8095 --clients 8 --seconds 10 --warmup 0 --members "$MEMBERS" --enrolled true \
	--mix purchase=1,batch=1 --batch-size 100 --out "$OUT/priming.json" > "$OUT/priming.log"
psql $PG -q -d "$SERVICE_DB" -c "VACUUM ANALYZE" >> "$OUT/seed.log" 2>&1
declare -A SERVICE
for clients in 8 32; do
	for operation in purchase batch balance; do
		# Batches of 100 purchases, as the raw batched baseline's statements of 100 earns.
		FIDELIS_KEY=$KEY bench/load.sh --url http://127.0.0.1:8095 --clients "$clients" --seconds "$SECONDS_PER_RUN" \
			--members "$MEMBERS" --enrolled true --mix "$operation=1" --batch-size 100 --out "$OUT/$operation-$clients.json" \
			> "$OUT/$operation-$clients.log"
		SERVICE[${operation}_$clients]=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1]))['operations']['$operation']; \
print(d.get('eventsPerSecond', d['perSecond']), d['p50Ms'], d['p99Ms'])" "$OUT/$operation-$clients.json")
	done
done

echo "== ratios (service ÷ raw database; latencies of the service)"
printf "%-8s %-22s %12s %12s %8s %9s %9s\n" clients measure service/s raw/s ratio "p50 ms" "p99 ms"
for clients in 8 32; do
	read -r earns earn_p50 earn_p99 <<< "${SERVICE[purchase_$clients]}"
	read -r reads read_p50 read_p99 <<< "${SERVICE[balance_$clients]}"
	read -r batched batch_p50 batch_p99 <<< "${SERVICE[batch_$clients]}"
	printf "%-8s %-22s %12s %12s %8s %9s %9s\n" "$clients" "single-event earns" "$earns" "${RAW[earn_$clients]}" \
		"$(printf '%.2f' "$(echo "scale=4; $earns / ${RAW[earn_$clients]}" | bc)")" "$earn_p50" "$earn_p99"
	printf "%-8s %-22s %12s %12s %8s %9s %9s\n" "$clients" "batched earns" "$batched" "${RAW[batch_$clients]}" \
		"$(printf '%.2f' "$(echo "scale=4; $batched / ${RAW[batch_$clients]}" | bc)")" "$batch_p50" "$batch_p99"
	printf "%-8s %-22s %12s %12s %8s %9s %9s\n" "$clients" "balance reads" "$reads" "${RAW[read_$clients]}" \
		"$(printf '%.2f' "$(echo "scale=4; $reads / ${RAW[read_$clients]}" | bc)")" "$read_p50" "$read_p99"
done
echo "(batched earns: events/s in POST /events:batch of 100, latencies per batch; details in $OUT)"
