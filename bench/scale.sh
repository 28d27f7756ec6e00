#!/usr/bin/env bash
# Members at scale (issue 6; BENCHMARKS.md "Members at scale"): do balance reads and earns slow down when the
# database holds a million members and ten million ledger postings? On one fresh PostgreSQL database, in one run:
#   1. the service's jar migrates it and makes the bootstrap tenant; bench/load.sh enrols its members (load-0..) and
#      measures purchases only, then balance reads only, at each number of clients;
#   2. the service stops; bench/scale-seed.sql grows the database to SCALE_MEMBERS members and SCALE_POSTINGS
#      postings (the load generator's members get SCALE_LOAD_HISTORY transactions of history each), then VACUUM ANALYZE;
#   3. the service starts again and the same load runs against the same members;
#   4. the statements of a balance read, an earn and a statement page are explained against the big database
#      (bench/scale-explain.sql), the tables' sequential and index scans during step 3 are listed, and the program's
#      reconciliation runs through the API;
#   5. both figures side by side.
# Needs PostgreSQL on 127.0.0.1:5432 (trust or PGPASSWORD) and target/fidelis.jar (./mvnw -DskipTests package).
#   bench/scale.sh [seconds per run, default 20] [members for the load, default 10000]
# Environment: SCALE_MEMBERS (1000000), SCALE_POSTINGS (10000000), SCALE_LOAD_HISTORY (100), SCALE_CLIENTS ("8 32"),
# SCALE_PORT (8096), SCALE_KEEP_DATABASE=1 to keep the database afterwards (it is dropped otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-20}
LOAD_MEMBERS=${2:-10000}
MEMBERS=${SCALE_MEMBERS:-1000000}
POSTINGS=${SCALE_POSTINGS:-10000000}
LOAD_HISTORY=${SCALE_LOAD_HISTORY:-100}
CLIENTS=${SCALE_CLIENTS:-8 32}
PORT=${SCALE_PORT:-8096}
PG="-h 127.0.0.1 -p 5432 -U postgres"
RUN=$(date +%Y%m%d%H%M%S)
DB=fidelis_scale_$RUN
OUT=target/scale-$RUN
KEY=fid_scale$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')00000
mkdir -p "$OUT"
[ -f target/fidelis.jar ] || { echo "target/fidelis.jar is missing: run ./mvnw -DskipTests package" >&2; exit 1; }
JAR=target/fidelis.jar
. bench/scale-service.sh

# Runs purchases only, then balance reads only, at each number of clients; FIGURES[phase_operation_clients] holds
# "per second, p50 ms, p99 ms, errors".
declare -A FIGURES
measure() {
	local phase=$1
	for clients in $CLIENTS; do
		for operation in purchase balance; do
			FIDELIS_KEY=$KEY bench/load.sh --url "http://127.0.0.1:$PORT" --clients "$clients" \
				--seconds "$SECONDS_PER_RUN" --members "$LOAD_MEMBERS" --mix "$operation=1" \
				--out "$OUT/$phase-$operation-$clients.json" > "$OUT/$phase-$operation-$clients.log"
			FIGURES[${phase}_${operation}_$clients]=$(python3 -c "import json,sys; \
d=json.load(open(sys.argv[1]))['operations']['$operation']; print(d['perSecond'], d['p50Ms'], d['p99Ms'], d['errors'])" \
				"$OUT/$phase-$operation-$clients.json")
			echo "  $clients clients, ${operation}s: ${FIGURES[${phase}_${operation}_$clients]} (per s, p50 ms, p99 ms, errors)"
		done
	done
}

sizes() {
	psql $PG -d "$DB" -Atc "SELECT COUNT(*) FROM member" | xargs printf "  members: %'d\n"
	psql $PG -d "$DB" -Atc "SELECT COUNT(*) FROM ledger_posting" | xargs printf "  ledger postings: %'d\n"
	psql $PG -d "$DB" -Atc "SELECT pg_size_pretty(pg_database_size(current_database()))" | xargs echo "  database size:"
}

echo "== $DB: the service on an empty database, $LOAD_MEMBERS members, $SECONDS_PER_RUN s per run"
createdb $PG "$DB"
start_service
measure small
sizes
stop_service

echo "== seeding to $MEMBERS members and $POSTINGS postings (bench/scale-seed.sql)"
started=$(date +%s)
psql $PG -v tenant=bench -v members="$MEMBERS" -v postings="$POSTINGS" -v load_history="$LOAD_HISTORY" \
	-f bench/scale-seed.sql "$DB" > "$OUT/seed.log" 2>&1 || { tail -20 "$OUT/seed.log" >&2; exit 1; }
SEED_SECONDS=$(($(date +%s) - started))
sed -n '/foreign_key/,/^(/p' "$OUT/seed.log"
started=$(date +%s)
psql $PG -d "$DB" -qc "VACUUM ANALYZE"
VACUUM_SECONDS=$(($(date +%s) - started))
echo "  seeded in $SEED_SECONDS s, VACUUM ANALYZE in $VACUUM_SECONDS s"
sizes
psql $PG -d "$DB" -c "SELECT relname AS table, n_live_tup AS rows,
	pg_size_pretty(pg_total_relation_size(relid)) AS \"with indexes\" FROM pg_stat_user_tables
	ORDER BY pg_total_relation_size(relid) DESC LIMIT 10" | tee "$OUT/tables.txt"

echo "== the service on the big database, the same members"
start_service
psql $PG -d "$DB" -qAtc "SELECT pg_stat_reset()" > /dev/null
measure big
echo "  sequential and index scans of each table during the load (since the service started):"
psql $PG -d "$DB" -c "SELECT s.relname AS table, c.reltuples::bigint AS rows, s.seq_scan, s.seq_tup_read, s.idx_scan
	FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid WHERE s.seq_scan > 0 OR s.idx_scan > 0
	ORDER BY c.reltuples DESC" | tee "$OUT/scans.txt"

echo "== the hot statements explained against the big database (bench/scale-explain.sql; all in $OUT/explain.txt)"
psql $PG -v tenant=bench -v key="$KEY" -v member=load-42 -f bench/scale-explain.sql "$DB" > "$OUT/explain.txt" 2>&1
grep -E "^(====|-- )|Scan|Execution Time" "$OUT/explain.txt" | sed 's/^/  /'

echo "== the program's reconciliation (GET /api/v1/programs/points/reconciliation)"
started=$(date +%s)
curl -fs -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT/api/v1/programs/points/reconciliation" \
	> "$OUT/reconciliation.json"
echo "  $(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); \
print('balanced' if r['balanced'] else 'NOT BALANCED:', r['accounts'], 'accounts,', len(r['discrepancies']), \
'discrepancies')" "$OUT/reconciliation.json") in $(($(date +%s) - started)) s"
stop_service

echo "== small ($LOAD_MEMBERS members) against big ($MEMBERS members, $POSTINGS postings); details in $OUT"
printf "%-8s %-14s %10s %10s %7s %9s %9s %9s %9s\n" clients measure "small/s" "big/s" ratio \
	"small p50" "big p50" "small p99" "big p99"
for clients in $CLIENTS; do
	for operation in purchase balance; do
		read -r small small_p50 small_p99 _ <<< "${FIGURES[small_${operation}_$clients]}"
		read -r big big_p50 big_p99 _ <<< "${FIGURES[big_${operation}_$clients]}"
		printf "%-8s %-14s %10s %10s %7s %9s %9s %9s %9s\n" "$clients" \
			"$([ "$operation" = purchase ] && echo earns || echo "balance reads")" "$small" "$big" \
			"$(printf '%.2f' "$(echo "scale=4; $big / $small" | bc)")" "$small_p50" "$big_p50" "$small_p99" "$big_p99"
	done
done
echo "(seed: $SEED_SECONDS s, VACUUM ANALYZE: $VACUUM_SECONDS s; latencies in ms)"
