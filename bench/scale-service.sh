# Sourced by bench/scale.sh and bench/analytics-scale.sh: the service of a run on its own PostgreSQL database.
# Expects PG (createdb/dropdb options), DB, OUT, KEY, PORT and JAR (the jar to run) to be set.

if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then
	echo "port $PORT is taken: set SCALE_PORT" >&2
	exit 1
fi

cleanup() {
	stop_service
	if [ "${SCALE_KEEP_DATABASE:-}" = 1 ]; then
		echo "kept the database $DB"
	else
		dropdb $PG --if-exists "$DB" || true
	fi
}
trap cleanup EXIT

start_service() {
	FIDELIS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" FIDELIS_DB_USER=postgres \
		FIDELIS_BOOTSTRAP_TENANT=bench FIDELIS_BOOTSTRAP_API_KEY="$KEY" FIDELIS_JOBS_ENABLED=false SERVER_PORT=$PORT \
		java -jar "$JAR" >> "$OUT/service.log" 2>&1 &
	SERVICE_PID=$!
	for _ in $(seq 1 180); do
		curl -fs "http://127.0.0.1:$PORT/actuator/health" > /dev/null && return
		kill -0 "$SERVICE_PID" 2> /dev/null || { echo "the service stopped: see $OUT/service.log" >&2; exit 1; }
		sleep 1
	done
	echo "the service did not start in 180 s: see $OUT/service.log" >&2
	exit 1
}

stop_service() {
	if [ -n "${SERVICE_PID:-}" ]; then
		kill "$SERVICE_PID" 2> /dev/null && wait "$SERVICE_PID" 2> /dev/null || true
		SERVICE_PID=
	fi
}
