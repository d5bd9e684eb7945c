# Shared helpers of the benchmark harness; sourced by bench/run.sh.
# shellcheck shell=bash

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER

# Runtime processes started by this harness (pid list); stopped on exit.
STARTED_PIDS=()

log() { printf '%s [bench] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Records one measured value: key=value in the results file read by report.py.
put() { printf '%s=%s\n' "$1" "$2" >> "$RESULTS"; }

# psql on a database, unaligned, tuples only, stop on error.
q() { local db=$1; shift; psql -X -q -v ON_ERROR_STOP=1 -At -d "$db" "$@"; }

fresh_db() {
  local db=$1
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
  psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null
  CREATED_DBS+=("$db")
  # BENCH_DB_SETTINGS="name=value ...": per-database Postgres settings for a variant run.
  local setting
  for setting in ${BENCH_DB_SETTINGS:-}; do
    psql -X -q -d postgres -c "ALTER DATABASE $db SET ${setting%%=*} = '${setting#*=}'" >/dev/null
  done
}

free_port() {
  "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

now_epoch() { date +%s.%N; }

# Elapsed seconds between two now_epoch values.
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# Arithmetic on decimals: calc '<awk expression>'.
calc() {
  if [[ $1 == *nan* ]]; then echo nan; return; fi
  awk "BEGIN { printf \"%.6g\", $1 }"
}

# start_runtime NAME DB [ENV=VALUE ...] -> sets RT_PID and RT_PORT; log in $OUT/NAME.log.
# A runtime that dies while starting (the machine is shared) is started again, up to 3 times.
start_runtime() {
  local attempt
  for attempt in 1 2 3; do
    if try_start_runtime "$@"; then return 0; fi
    [[ -f $OUT/$1.log ]] && mv "$OUT/$1.log" "$OUT/$1.failed-start-$attempt.log"
    put anomaly "runtime $1 exited during startup (attempt $attempt, exit $RT_EXIT); log kept as bench/out/$1.failed-start-$attempt.log"
    log "runtime $1 exited during startup (exit $RT_EXIT); retrying"
    sleep 2
  done
  die "runtime $1 could not be started"
}

try_start_runtime() {
  local name=$1 db=$2; shift 2
  local port; port=$(free_port)
  local logf="$OUT/$name.log"
  (
    cd "$APP_DIR" || exit 1
    exec env \
      QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db" \
      QUARKUS_DATASOURCE_USERNAME="$PGUSER" \
      QUARKUS_HTTP_PORT="$port" \
      QUARKUS_HTTP_HOST=127.0.0.1 \
      CAIRN_NODE_ID="$name" \
      CAIRN_DEMO_AGENT_ENABLED=false \
      CAIRN_SECURITY_BOOTSTRAP_KEY="$BENCH_ADMIN_KEY" \
      ${BENCH_RUNTIME_ENV:-} \
      "$@" \
      "$JAVA_HOME/bin/java" $BENCH_JAVA_OPTS -jar "$APP_DIR/quarkus-run.jar"
  ) > "$logf" 2>&1 < /dev/null &
  RT_PID=$!
  RT_PORT=$port
  STARTED_PIDS+=("$RT_PID")
  WATCH_PIDS+=("$RT_PID")
  local deadline=$((SECONDS + 120))
  until curl -sf --max-time 5 "http://127.0.0.1:$port/q/health/ready" > /dev/null 2>&1; do
    if ! kill -0 "$RT_PID" 2>/dev/null; then
      RT_EXIT=0
      wait "$RT_PID" 2>/dev/null || RT_EXIT=$?
      return 1
    fi
    ((SECONDS > deadline)) && die "runtime $name not ready after 120 s (log: $logf)"
    sleep 0.3
  done
  log "runtime $name ready on port $port (pid $RT_PID)"
}

# Records an anomaly if a runtime is no longer running when it should be.
check_alive() {
  local pid=$1 name=$2
  if ! kill -0 "$pid" 2>/dev/null; then
    local rc=0
    wait "$pid" 2>/dev/null || rc=$?
    put anomaly "runtime $name (pid $pid) exited (status $rc) before the end of its scenario; the scenario was run again"
    log "runtime $name exited before the end of its scenario (status $rc)"
    SCENARIO_FAILED=1
  fi
}

stop_runtime() {
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  # When the harness asked it to stop, in the log's own timestamp format (see scan_log).
  echo "$pid $(date '+%Y-%m-%d %H:%M:%S,%3N')" >> "$OUT/stop-times"
  kill -TERM "$pid" 2>/dev/null
  local i
  for i in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "runtime $pid did not stop in 20 s; killing it"
    kill -KILL "$pid" 2>/dev/null
  fi
  wait "$pid" 2>/dev/null || true
}

stop_all_runtimes() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do stop_runtime "$pid"; done
  STARTED_PIDS=()
}

# Prometheus text of a runtime (retried: the endpoint can be slow under load).
scrape() { curl -sf --max-time 10 --retry 2 --retry-all-errors "http://127.0.0.1:$1/q/metrics"; }
# save_metrics PORT FILE: one scrape kept for the scenario's figures (and for inspection).
save_metrics() {
  scrape "$1" > "$2" || { log "could not scrape metrics from port $1"; : > "$2"; }
}
# mval FILE 'name{labels}' -> value of the first matching series, 0 if absent.
mval() {
  awk -v m="$2" 'index($0, m" ") == 1 { v = $NF; exit } END { print (v == "" ? 0 : v) }' "$1"
}

# /proc readings (bench/lib/procstat.py); python3 resolved once, version-manager shims are slow.
PY=$(python3 -c 'import sys; print(sys.executable)')
procstat() { "$PY" "$BENCH_DIR/lib/procstat.py" "$@"; }
rss_kib() { procstat rss "$1"; }

# Postgres backend pids connected to a database (the runtime's pool and LISTEN connection).
backend_pids() {
  q postgres -c "SELECT pid FROM pg_stat_activity WHERE datname = '$1' AND pid <> pg_backend_pid()" | tr '\n' ' '
}

# Publishes an agent: publish_agent PORT NAME TURNS DELAY_MS
publish_agent() {
  local port=$1 name=$2 turns=$3 delay=$4
  local body
  body=$("$PY" "$BENCH_DIR/lib/agent.py" "$name" "$turns" "$delay")
  curl -sf -X POST "http://127.0.0.1:$port/v1/agents" -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $BENCH_ADMIN_KEY" -d "$body" > /dev/null \
    || die "could not publish agent $name"
}

# Inserts runs directly: insert_runs DB AGENT N STATUS WAKE_SQL INPUT_MARKER
# (schemas from V10 on record who submitted a run; older builds' schemas have no such column).
# INSERT_WITHOUT_TRIGGERS=1 skips the tables' triggers for the insert (session_replication_role
# replica): no audit record per run. For large setups only, where chaining one audit record per
# run at commit would take minutes; the runs are then the same rows without their audit trail.
insert_runs() {
  local actor_col="" actor_val=""
  if [[ $(q "$1" -c "SELECT count(*) FROM information_schema.columns
        WHERE table_name = 'agent_run' AND column_name = 'submitted_by'") == 1 ]]; then
    actor_col=", submitted_by" actor_val=", 'bench'"
  fi
  PGOPTIONS="${INSERT_WITHOUT_TRIGGERS:+-c session_replication_role=replica}" \
    q "$1" -v agent="$2" -v n="$3" -v status="$4" -v wake="$5" -v marker="$6" \
    -v actor_col="$actor_col" -v actor_val="$actor_val" -f "$BENCH_DIR/sql/insert_runs.sql"
}

# Waits until no run with the marker is live; returns 1 on timeout, 2 if a runtime in WATCH_PIDS
# is gone.
WATCH_PIDS=()
wait_runs_done() {
  local db=$1 marker=$2 timeout=$3
  local deadline=$((SECONDS + timeout)) left p
  while :; do
    for p in "${WATCH_PIDS[@]}"; do kill -0 "$p" 2>/dev/null || return 2; done
    left=$(q "$db" -c "SELECT count(*) FROM agent_run
                         WHERE input = to_jsonb('$marker'::text)
                           AND status IN ('QUEUED', 'RUNNING', 'WAITING')")
    [[ $left == 0 ]] && return 0
    ((SECONDS > deadline)) && { log "timeout: $left runs ($marker) still live"; return 1; }
    sleep 0.5
  done
}

# await_runs DB MARKER TIMEOUT KEY: wait_runs_done, recording a timeout under KEY; returns 1 (and
# marks the scenario failed) if a runtime died meanwhile.
await_runs() {
  local rc=0
  wait_runs_done "$1" "$2" "$3" || rc=$?
  if ((rc == 2)); then
    put anomaly "a runtime exited while runs '$2' were in progress; the scenario was run again"
    log "a runtime exited while runs '$2' were in progress"
    SCENARIO_FAILED=1
    return 1
  fi
  ((rc == 0)) || put "$4" "$3"
  return 0
}

# Deadlocks Postgres detected (and resolved by aborting a transaction) in a database so far.
db_deadlocks() {
  q "$1" -c "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()"
}

# Run status histogram of a marker, e.g. COMPLETED:2000
status_counts() {
  q "$1" -c "SELECT string_agg(status || ':' || n, ' ' ORDER BY status)
               FROM (SELECT status, count(*) n FROM agent_run
                      WHERE input = to_jsonb('$2'::text) GROUP BY status) s"
}

# Keeps the server from recycling WAL during a measurement window, so pg_walinspect can still read
# it afterwards: a temporary physical replication slot, held by a session of this harness that ends
# (dropping the slot) with wal_hold_end, or by itself after MAX seconds. wal_hold_begin MAX
wal_hold_begin() {
  wal_hold_end
  local slot="cairn_bench_$$"
  psql -X -q -d postgres -c "SELECT pg_create_physical_replication_slot('$slot', true, true)" \
    -c "SELECT pg_sleep($1)" > /dev/null 2>&1 &
  WAL_HOLD_PID=$!
  local i
  for i in $(seq 50); do
    [[ $(q postgres -c "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '$slot'") == 1 ]] && return 0
    sleep 0.1
  done
  log "could not reserve WAL (no replication slot); WAL attribution may fail"
}
wal_hold_end() {
  [[ -n ${WAL_HOLD_PID:-} ]] || return 0
  # The holding session sleeps in the server; ending it there drops its temporary slot.
  q postgres -c "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots
                  WHERE slot_name = 'cairn_bench_$$' AND active_pid IS NOT NULL" > /dev/null 2>&1 || true
  kill "$WAL_HOLD_PID" 2>/dev/null || true
  wait "$WAL_HOLD_PID" 2>/dev/null || true
  WAL_HOLD_PID=
}

# WAL written for one database between two LSNs, attributed record by record with pg_walinspect
# (the cluster is shared, so a plain LSN difference would also count other databases' writes).
# Prints "bytes fpi_bytes" or nothing if the WAL was already recycled.
wal_bytes_for_db() {
  local db=$1 from=$2 to=$3 out
  if out=$(q "$db" -v from="$from" -v to="$to" -f "$BENCH_DIR/sql/wal_for_db.sql" 2>>"$OUT/walinspect.err"); then
    tr '|' ' ' <<< "$out"
  else
    put anomaly "pg_walinspect failed for $db ($from..$to): $(tail -1 "$OUT/walinspect.err")"
  fi
}

# WAL bytes per relation of a database between two LSNs (relname|bytes|fpi_bytes), largest first;
# at most 14 rows.
wal_by_relation() {
  local out
  if out=$(q "$1" -v from="$2" -v to="$3" -f "$BENCH_DIR/sql/wal_by_relation.sql" 2>>"$OUT/walinspect.err"); then
    head -14 <<< "$out"
  else
    put anomaly "pg_walinspect failed for $1 ($2..$3): $(tail -1 "$OUT/walinspect.err")"
  fi
}

# Counts ERROR/WARN lines of a runtime log (those logged after the harness sent SIGTERM apart)
# and records the most frequent ones. scan_log KEY LOG PID
scan_log() {
  local key=$1 logf=$2 pid=$3
  local stop errors warns late
  stop=$(awk -v p="$pid" '$1 == p { print $2 " " $3 }' "$OUT/stop-times" 2>/dev/null | tail -1)
  [[ -n $stop ]] || stop="9999"
  errors=$(grep -c ' ERROR ' "$logf" || true)
  warns=$(grep -c ' WARN ' "$logf" || true)
  late=$({ grep -E ' (ERROR|WARN) ' "$logf" || true; } | awk -v s="$stop" '($1 " " $2) >= s' | wc -l)
  put "log.$key.errors" "$errors"
  put "log.$key.warns" "$warns"
  put "log.$key.after_sigterm" "$late"
  if ((errors + warns > 0)); then
    grep -E ' (ERROR|WARN) ' "$logf" \
      | awk -v s="$stop" '{ print (($1 " " $2) >= s ? "[after SIGTERM] " : "") $0 }' \
      | sed -E 's/[0-9]{4}-[0-9-]+ [0-9:,]+ //; s/[0-9a-f]{8}-[0-9a-f-]{27}/<id>/g' \
      | cut -c1-240 | sort | uniq -c | sort -rn | head -5 \
      | while read -r n line; do put "log.$key.sample" "${n}x ${line//|//}"; done
  fi
}
