#!/usr/bin/env bash
# The program's numbers at scale (issue 7; BENCHMARKS.md "The program's numbers at scale"): how long does the
# dashboard's summary take when the tenant has 1,000,000 members and 10,000,000 purchases? On one fresh PostgreSQL
# database, in one run:
#   1. the service's jar migrates it and makes the bootstrap tenant, then stops;
#   2. bench/scale-seed.sql grows it to SCALE_MEMBERS members and SCALE_POSTINGS postings (8 in 10 an earn with its
#      purchase), bench/analytics-seed.sql adds anonymous purchases in 50 stores up to SCALE_PURCHASES, VACUUM ANALYZE;
#   3. the service starts (jobs off) and POST /api/v1/analytics:refresh rolls up the whole history, timed; VACUUM
#      ANALYZE of the roll-ups;
#   4. each endpoint of the dashboard is called RUNS times after 3 warm-up calls, each call timed by curl: the summary
#      (30 days, 365 days, 30 days in one store), the series (30 days by day, 24 months by month), the cohorts (12
#      months); the summary's statements are explained (bench/analytics-explain.sql);
#   5. 500 purchases go through POST /api/v1/events, and the incremental refresh that follows is timed.
# Needs PostgreSQL on 127.0.0.1:5432 (trust or PGPASSWORD) and target/fidelis.jar (./mvnw -DskipTests package).
#   bench/analytics-scale.sh [calls per endpoint, default 20]
# Environment: SCALE_MEMBERS (1000000), SCALE_POSTINGS (10000000), SCALE_PURCHASES (10000000), SCALE_PORT (8097),
# SCALE_KEEP_DATABASE=1 to keep the database afterwards (it is dropped otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-20}
MEMBERS=${SCALE_MEMBERS:-1000000}
POSTINGS=${SCALE_POSTINGS:-10000000}
PURCHASES=${SCALE_PURCHASES:-10000000}
PORT=${SCALE_PORT:-8097}
PG="-h 127.0.0.1 -p 5432 -U postgres"
RUN=$(date +%Y%m%d%H%M%S)
DB=fidelis_analytics_$RUN
OUT=target/analytics-scale-$RUN
KEY=fid_scale$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')00000
URL=http://127.0.0.1:$PORT
mkdir -p "$OUT"
[ -f target/fidelis.jar ] || { echo "target/fidelis.jar is missing: run ./mvnw -DskipTests package" >&2; exit 1; }
# A copy, so that a build during the run does not change the jar under the service.
cp target/fidelis.jar "$OUT/fidelis.jar"
JAR="$OUT/fidelis.jar"
. bench/scale-service.sh

call() {
	curl -fsS -o "$OUT/last.json" -w '%{time_total}\n' -H "Authorization: Bearer $KEY" "$@"
}

# Calls the path 3 times, then RUNS times, and prints min, median, p90 and max in ms.
timed() {
	local name=$1 path=$2
	for _ in 1 2 3; do call "$URL$path" > /dev/null; done
	for _ in $(seq 1 "$RUNS"); do call "$URL$path"; done > "$OUT/$name.times"
	cp "$OUT/last.json" "$OUT/$name.json"
	sort -n "$OUT/$name.times" | awk -v name="$name" -v path="$path" '{ t[NR] = $1 * 1000 } END {
		printf "  %-16s min %7.1f  p50 %7.1f  p90 %7.1f  max %7.1f ms  (%d calls) %s\n", name, t[1],
			t[int((NR + 1) / 2)], t[int(NR * 0.9 + 0.5)], t[NR], NR, path }'
}

echo "== $DB: migrated by the service"
createdb $PG "$DB"
start_service
stop_service

echo "== seeding $MEMBERS members, $POSTINGS postings (bench/scale-seed.sql), purchases up to $PURCHASES (bench/analytics-seed.sql)"
started=$(date +%s)
psql $PG -v tenant=bench -v members="$MEMBERS" -v postings="$POSTINGS" -v load_history=0 \
	-f bench/scale-seed.sql "$DB" > "$OUT/seed.log" 2>&1 || { tail -20 "$OUT/seed.log" >&2; exit 1; }
psql $PG -v tenant=bench -v purchases="$PURCHASES" -v stores=50 -f bench/analytics-seed.sql "$DB" \
	> "$OUT/analytics-seed.log" 2>&1 || { tail -20 "$OUT/analytics-seed.log" >&2; exit 1; }
psql $PG -d "$DB" -qc "VACUUM ANALYZE"
echo "  seeded in $(($(date +%s) - started)) s"
psql $PG -d "$DB" -Atc "SELECT COUNT(*), COUNT(member_id), COUNT(DISTINCT store_id) FROM purchase" |
	awk -F'|' '{ printf "  purchases: %d, of members: %d, stores: %d\n", $1, $2, $3 }'
psql $PG -d "$DB" -Atc "SELECT COUNT(*) FROM member" | xargs printf "  members: %d\n"

echo "== the first refresh rolls up the whole history (POST /api/v1/analytics:refresh)"
start_service
call -X POST "$URL/api/v1/analytics:refresh" | awk '{ printf "  %.1f s: ", $1 }'
cat "$OUT/last.json"; echo
started=$(date +%s)
for table in analytics_member analytics_sales_day analytics_member_day analytics_member_month analytics_unit_day; do
	psql $PG -d "$DB" -qc "VACUUM ANALYZE $table"
done
echo "  VACUUM ANALYZE of the roll-ups: $(($(date +%s) - started)) s"
psql $PG -d "$DB" -c "SELECT relname AS table, n_live_tup AS rows, pg_size_pretty(pg_total_relation_size(relid))
	AS \"with indexes\" FROM pg_stat_user_tables WHERE relname LIKE 'analytics%' ORDER BY relname" | tee "$OUT/rollups.txt"

# The seeded history ends with operators' debits (each member's tenth transaction): the periods end on the last day
# with members' purchases, so that they have buyers, returning ones and the previous period's.
END=$(psql $PG -d "$DB" -Atc "SELECT (MAX(occurred_at) AT TIME ZONE 'UTC')::date FROM purchase WHERE member_id IS NOT NULL")
MONTH=${END:0:7}
echo "== the dashboard's endpoints, $RUNS calls each after 3 warm-up calls (periods up to $END)"
timed summary-30d "/api/v1/analytics/summary?from=$(date -u -d "$END - 29 days" +%F)&to=$END"
timed summary-365d "/api/v1/analytics/summary?from=$(date -u -d "$END - 364 days" +%F)&to=$END"
timed summary-store "/api/v1/analytics/summary?from=$(date -u -d "$END - 29 days" +%F)&to=$END&store=store-7"
timed series-days "/api/v1/analytics/series?from=$(date -u -d "$END - 29 days" +%F)&to=$END"
timed series-months "/api/v1/analytics/series?interval=month&from=$(date -u -d "${MONTH}-01 - 23 months" +%F)&to=$END"
timed cohorts "/api/v1/analytics/cohorts?to=$MONTH"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); c=d['current']; print('  the 30 days:', \
', '.join(f'{k} {c[k]}' for k in ('activeMembers', 'retentionRate', 'repeatPurchaseRate', 'memberAverageOrderValue', \
'nonMemberAverageOrderValue', 'unitsIssued', 'outstandingUnits', 'liability')))" "$OUT/summary-30d.json"
psql $PG -v tenant=bench -v end="$END" -f bench/analytics-explain.sql "$DB" > "$OUT/explain.txt" 2>&1
grep -E "^(====|-- )|Execution Time" "$OUT/explain.txt" | sed 's/^/  /'

echo "== 500 purchases through the API, then the refresh that rolls them up"
for n in $(seq 1 500); do
	curl -fsS -o /dev/null -X POST "$URL/api/v1/events" -H "Authorization: Bearer $KEY" \
		-H "Content-Type: application/json" -d "{\"type\": \"purchase\", \"transactionId\": \"bench-$RUN-$n\",
		\"member\": {\"externalId\": \"seed-$((n * 1999 % MEMBERS))\"}, \"occurredAt\": \"$(date -u +%FT%TZ)\", \"amount\": \"$((n % 90 + 10)).50\", \"currency\": \"EUR\",
		\"storeId\": \"store-$((n % 50))\"}"
done
call -X POST "$URL/api/v1/analytics:refresh" | awk '{ printf "  incremental refresh: %.0f ms: ", $1 * 1000 }'
cat "$OUT/last.json"; echo
stop_service
echo "(details in $OUT)"
