#!/usr/bin/env bash
# Cairn benchmark harness. Usage: bash bench/run.sh [--quick] [--keep-dbs]
#
# Runs every scenario against the already-built runtime (runtime/target/quarkus-app, copied to a
# private directory first) and a local PostgreSQL, one fresh database per scenario, then
# regenerates docs/benchmarks.md. See bench/README.md.
set -Eeuo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$BENCH_DIR")
# shellcheck source=bench/lib/common.sh
source "$BENCH_DIR/lib/common.sh"

MODE=full
KEEP_DBS=0
for arg in "$@"; do
  case $arg in
    --quick) MODE=quick ;;
    --keep-dbs) KEEP_DBS=1 ;;
    -h | --help) sed -n '2,6p' "$0"; exit 0 ;;
    *) die "unknown argument $arg (usage: bash bench/run.sh [--quick] [--keep-dbs])" ;;
  esac
done

export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
APP_SRC=${BENCH_APP_SRC:-$REPO/runtime/target/quarkus-app}
APP_DIR=${BENCH_APP_DIR:-/tmp/cairn-bench-app}
# The admin key every runtime under benchmark starts with (its bootstrap key); builds without
# authentication ignore it.
export BENCH_ADMIN_KEY=${BENCH_ADMIN_KEY:-cairn_benchadmin01_BenchmarkAdminKeyOnlyForLocalRuns0000000000}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:-}
OUT=${BENCH_OUT:-$BENCH_DIR/out}
# Databases are named <prefix>_<scenario>: another prefix keeps two harness runs on one cluster
# apart.
DB_PREFIX=${BENCH_DB_PREFIX:-cairn_bench}
RESULTS=$OUT/results.env
DOC=$REPO/docs/benchmarks.md
# A partial run (BENCH_ONLY) or a variant (BENCH_JAVA_OPTS, BENCH_DB_SETTINGS, BENCH_RUNTIME_ENV)
# leaves the published results alone.
if [[ -n ${BENCH_ONLY:-}${BENCH_JAVA_OPTS:-}${BENCH_DB_SETTINGS:-}${BENCH_RUNTIME_ENV:-} ]]; then
  DOC=$OUT/benchmarks.md
fi
CREATED_DBS=()

if [[ $MODE == quick ]]; then
  PGB_SECONDS=8    # pgbench duration per concurrency (8 and 16 clients)
  PGB_LAT_SECONDS=4 # pgbench with 1 client (latency baseline)
  PGB_PROBE_SECONDS=6 # pgbench right before scenarios 2 and 3
  STEP_WARMUP=40   # zero-delay runs before measuring (JIT, pool)
  STEP_RUNS=400    # measured runs of 21 steps
  OVH_JIT_RUNS=${OVH_JIT_RUNS:-500}
  OVH_WARMUP=10
  OVH_RUNS=40      # 20 ms model, 4 runs in flight
  CONC_RUNS=${BENCH_CONC_RUNS:-2000} # 1 s model, all in flight at once
  CONC_TURNS=8     # 17 steps per run, 9 model answers of 1 s
  CONC_ZERO_RUNS=400 # zero-delay runs of the same length, same replica, before the 1 s model
  LONG_RUNS=2      # runs of 2 * LONG_TURNS + 1 steps, zero-delay model, in flight together
  LONG_WARMUP=100  # zero-delay runs of 21 steps before them (JIT)
  IDLE_ROWS=20000  # parked runs in scenario 5
  IDLE_SETTLE=3    # seconds between the active runs' start and the CPU sampling
  IDLE_WINDOW=12   # seconds of CPU sampling
  IDLE_NONE_WINDOW=6 # seconds of CPU sampling of a replica without any run
else
  PGB_SECONDS=30
  PGB_LAT_SECONDS=10
  PGB_PROBE_SECONDS=10
  STEP_WARMUP=200
  STEP_RUNS=2000
  OVH_JIT_RUNS=${OVH_JIT_RUNS:-1000}
  OVH_WARMUP=20
  OVH_RUNS=120
  CONC_RUNS=${BENCH_CONC_RUNS:-2000}
  CONC_TURNS=15    # 31 steps per run, 16 model answers of 1 s
  CONC_ZERO_RUNS=400
  LONG_RUNS=4
  LONG_WARMUP=300
  IDLE_ROWS=100000
  IDLE_SETTLE=5
  IDLE_WINDOW=30
  IDLE_NONE_WINDOW=10
fi
STEP_TURNS=10        # 10 tool turns + final answer = 21 steps per run
IDLE_ACTIVE=8        # runs stepping (1 s model) during the idle measurement
IDLE_SLEEPERS=100000 # sleeping runs (WAITING, timers days away) in the sleepers variant, both modes
LONG_TURNS=150       # 301 steps per long run
LONG_EDGE=30         # steps compared at each end of a long run
PGB_SEED_RUNS=2000   # runnable rows the pgbench clients cycle through

on_exit() {
  local rc=$?
  [[ -n ${SAMPLER_PID:-} ]] && kill "$SAMPLER_PID" 2>/dev/null
  wal_hold_end
  stop_all_runtimes
  if ((KEEP_DBS == 0)); then
    local db
    for db in "${CREATED_DBS[@]}"; do
      psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
    done
  fi
  ((rc != 0)) && log "failed (exit $rc); logs in $OUT"
  exit $rc
}
trap on_exit EXIT
trap 'log "error at line $LINENO: $BASH_COMMAND"' ERR
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
setup() {
  [[ -x $JAVA_HOME/bin/java ]] || die "no java at $JAVA_HOME (set JAVA_HOME)"
  [[ -f $APP_SRC/quarkus-run.jar ]] || die "no built runtime at $APP_SRC; build it first"
  for tool in psql pgbench curl python3; do command -v $tool >/dev/null || die "$tool not found"; done
  psql -X -q -d postgres -c 'SELECT 1' >/dev/null || die "PostgreSQL not reachable at $PGHOST:$PGPORT"
  # The pgbench binary itself (Debian's wrapper would sit between the harness and its pid).
  PGBENCH=/usr/lib/postgresql/$(q postgres -c "SELECT current_setting('server_version_num')::int / 10000")/bin/pgbench
  [[ -x $PGBENCH ]] || PGBENCH=$(command -v pgbench)
  rm -rf "$OUT" "$APP_DIR"
  mkdir -p "$OUT"
  cp -r "$APP_SRC" "$APP_DIR"
  "$PY" "$BENCH_DIR/lib/extract_sql.py" "$APP_DIR" "$OUT/sql-from-app" >/dev/null
  : > "$RESULTS"
  put run.mode "$MODE"
  put run.command "bash bench/run.sh$([[ $MODE == quick ]] && echo ' --quick')"
  put run.date "$(date -u '+%Y-%m-%d %H:%M UTC')"
  put machine.nproc "$(nproc)"
  put machine.memory "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  put machine.cpu "$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
  put machine.kernel "$(uname -r)"
  put machine.loadavg_start "$(cut -d' ' -f1-3 /proc/loadavg)"
  put pg.version "$(q postgres -c 'SHOW server_version')"
  put pg.settings "$(q postgres -c "SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name)
      FROM pg_settings WHERE name IN ('shared_buffers', 'synchronous_commit', 'fsync',
        'full_page_writes', 'wal_level', 'max_wal_size', 'checkpoint_timeout', 'max_connections')")"
  put jdk "$("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p)"
  put app.built "$(date -u -r "$APP_SRC/quarkus-run.jar" '+%Y-%m-%d %H:%M UTC')"
  put app.java_opts "${BENCH_JAVA_OPTS:-(none; JVM defaults)}"
  put app.head "$(git -C "$REPO" log -1 --format='%h %s' 2>/dev/null || echo unknown)"
  put app.dirty "$(git -C "$REPO" status --porcelain -- runtime/src persistence/src tools/src 2>/dev/null | wc -l)"
  put app.db_settings "${BENCH_DB_SETTINGS:-(none)}"
  put app.runtime_env "${BENCH_RUNTIME_ENV:-(none)}"
  for p in STEP_RUNS STEP_WARMUP STEP_TURNS OVH_RUNS OVH_WARMUP OVH_JIT_RUNS CONC_RUNS CONC_TURNS IDLE_ROWS \
           CONC_ZERO_RUNS LONG_RUNS LONG_WARMUP LONG_TURNS LONG_EDGE IDLE_SLEEPERS \
           IDLE_WINDOW IDLE_SETTLE IDLE_ACTIVE IDLE_NONE_WINDOW PGB_SECONDS PGB_LAT_SECONDS PGB_PROBE_SECONDS PGB_SEED_RUNS; do
    put "param.$p" "${!p}"
  done
  log "mode $MODE; app copied to $APP_DIR; results in $OUT"
}

# CPU accounting over a measurement window: the given pids (runtime JVMs or pgbench), the Postgres
# backends connected to DB (the pool and LISTEN connections), the whole machine, wall time.
# window_begin DB PID... ; ... ; window_end -> W_SECONDS, W_JVM_CPU_S, W_PG_CPU_S, W_MACHINE_BUSY.
window_begin() {
  W_DB=$1; shift
  W_PIDS=("$@")
  # shellcheck disable=SC2046
  W_SNAP0=$(procstat snap "$@" $(backend_pids "$W_DB"))
}
window_end() {
  local snap1
  # shellcheck disable=SC2046
  snap1=$(procstat snap "${W_PIDS[@]}" $(backend_pids "$W_DB"))
  read -r W_SECONDS W_JVM_CPU_S W_PG_CPU_S W_MACHINE_BUSY \
    <<< "$(procstat delta "$W_SNAP0" "$snap1" "${W_PIDS[@]}")"
  # Cores busy with anything else: Postgres' own processes (WAL writer, checkpointer...) and
  # whatever else runs on the machine.
  W_OTHER_CORES=$(calc "$(nproc) * $W_MACHINE_BUSY / 100 - ($W_JVM_CPU_S + $W_PG_CPU_S) / $W_SECONDS")
}

# ---------------------------------------------------------------------------------------------
# Scenario 1: the SQL of one durable step, under pgbench, on the runtime's own schema.
PGB_DB=${DB_PREFIX}_pgbench
PGB_SCRIPT=$BENCH_DIR/pgbench/claim_checkpoint.sql

# Creates the pgbench database once (schema from the built app, runnable runs to cycle through).
pgbench_db() {
  [[ -n ${PGB_READY:-} ]] && return 0
  fresh_db $PGB_DB
  local f
  for f in $(ls "$OUT"/sql-from-app/V*__*.sql | sort -V); do q $PGB_DB -f "$f" >/dev/null; done
  q $PGB_DB -c "CREATE EXTENSION IF NOT EXISTS pg_walinspect" >/dev/null
  # Schemas from V10 on record who published a definition; older builds' schemas have no column.
  local actor_col="" actor_val=""
  if [[ $(q $PGB_DB -c "SELECT count(*) FROM information_schema.columns
        WHERE table_name = 'agent_definition' AND column_name = 'published_by'") == 1 ]]; then
    actor_col=", published_by" actor_val=", 'bench'"
  fi
  q $PGB_DB -v spec="$("$PY" "$BENCH_DIR/lib/agent.py" bench $STEP_TURNS 0)" \
    -v actor_col="$actor_col" -v actor_val="$actor_val" >/dev/null <<'SQL'
INSERT INTO agent_definition (tenant_id, name, version, spec, spec_hash, created_at :actor_col)
VALUES ('default', 'bench', 1, :'spec'::jsonb, 'pgbench', now() :actor_val);
SQL
  insert_runs $PGB_DB bench $PGB_SEED_RUNS QUEUED 'now()' seed >/dev/null
  q $PGB_DB -c "VACUUM ANALYZE" >/dev/null
  PGB_READY=1
}

# Single client: p50/p99 latency of one step's transaction. pgbench_latency KEY SECONDS
pgbench_latency() {
  local key=$1 secs=$2 p50 p99 n
  pgbench_db
  rm -f "$OUT/$key"_log.*
  "$PGBENCH" -n -M prepared -c 1 -j 1 -T "$secs" -f "$PGB_SCRIPT" \
    -l --log-prefix="$OUT/${key}_log" $PGB_DB > "$OUT/$key.txt" 2>&1 || die "pgbench failed; see $OUT/$key.txt"
  read -r p50 p99 n < <(cat "$OUT/${key}_log".* | awk '{ print $3 / 1000 }' | sort -n |
    awk '{ v[NR] = $1 } END { printf "%.3f %.3f %d\n", v[int(NR * 0.5) + 1], v[int(NR * 0.99) + 1], NR }')
  put "$key.p50_ms" "$p50"
  put "$key.p99_ms" "$p99"
  put "$key.tps" "$(awk '/^tps/ { print $3 }' "$OUT/$key.txt")"
}

# Throughput at C clients, with CPU accounting; sets PGB_TPS, PGB_TXNS.
# pgbench_tps KEY CLIENTS SECONDS
pgbench_tps() {
  local key=$1 c=$2 secs=$3 t0 pgb
  pgbench_db
  t0=$(now_epoch)
  "$PGBENCH" -n -M prepared -c "$c" -j 2 -T "$secs" -f "$PGB_SCRIPT" $PGB_DB > "$OUT/$key.txt" 2>&1 &
  pgb=$!
  # CPU window: from 2 s after the start (clients connected) to 3 s before the end.
  sleep 2
  window_begin $PGB_DB $pgb
  sleep "$(awk -v t0="$t0" -v now="$(now_epoch)" -v d="$secs" 'BEGIN { l = t0 + d - 3 - now; printf "%.2f", (l > 0 ? l : 0) }')"
  window_end
  wait $pgb || die "pgbench -c $c failed; see $OUT/$key.txt"
  PGB_TPS=$(awk '/^tps/ { print $3 }' "$OUT/$key.txt")
  PGB_TXNS=$(awk '/actually processed/ { print $NF }' "$OUT/$key.txt")
  put "$key.tps" "$PGB_TPS"
  put "$key.txns" "$PGB_TXNS"
  put "$key.failed" "$(awk '/failed transactions/ { print $5 }' "$OUT/$key.txt")"
  put "$key.latency_ms" "$(awk '/latency average/ { print $4 }' "$OUT/$key.txt")"
  put "$key.pg_cpu_ms_per_txn" "$(calc "1000 * $W_PG_CPU_S / ($PGB_TPS * $W_SECONDS)")"
  put "$key.client_cpu_ms_per_txn" "$(calc "1000 * $W_JVM_CPU_S / ($PGB_TPS * $W_SECONDS)")"
  put "$key.machine_busy_pct" "$W_MACHINE_BUSY"
  put "$key.other_cores" "$W_OTHER_CORES"
}

scenario_pgbench() {
  log "scenario 1: pgbench ceiling"
  pgbench_db
  pgbench_latency pgb.c1 "$PGB_LAT_SECONDS"
  local c best=0 lsn0 lsn1 ckpt0 size0 size1 wal fpi
  local sizes="SELECT pg_total_relation_size('checkpoint') + pg_total_relation_size('run_message') + pg_total_relation_size('agent_run')"
  for c in 8 16; do
    [[ $c == 8 ]] && wal_hold_begin $((PGB_SECONDS + 300))
    size0=$(q $PGB_DB -c "$sizes")
    lsn0=$(q $PGB_DB -c "SELECT pg_current_wal_lsn()")
    ckpt0=$(q $PGB_DB -c "SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter")
    pgbench_tps pgb.c$c $c "$PGB_SECONDS"
    lsn1=$(q $PGB_DB -c "SELECT pg_current_wal_lsn()")
    if [[ $c == 8 ]]; then
      # Scenario 6's baseline: WAL and storage per transaction.
      read -r wal fpi _ < <(wal_bytes_for_db $PGB_DB "$lsn0" "$lsn1") || true
      put pgb.wal_checkpoints "$(($(q $PGB_DB -c "SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter") - ckpt0))"
      put pgb.wal_raw_bytes_per_txn "$(calc "$(q $PGB_DB -c "SELECT pg_wal_lsn_diff('$lsn1', '$lsn0')") / $PGB_TXNS")"
      if [[ -n ${wal:-} ]]; then
        put pgb.wal_bytes_per_txn "$(calc "$wal / $PGB_TXNS")"
        put pgb.wal_fpi_pct "$(calc "100 * $fpi / $wal")"
      fi
      wal_by_relation $PGB_DB "$lsn0" "$lsn1" | while IFS='|' read -r rel bytes fpib; do
        put pgb.wal_rel "$rel|$(calc "$bytes / $PGB_TXNS")|$(calc "$fpib / $PGB_TXNS")"
      done
      size1=$(q $PGB_DB -c "$sizes")
      put pgb.storage_bytes_per_txn "$(calc "($size1 - $size0) / $PGB_TXNS")"
      put pgb.checkpoint_row_bytes "$(q $PGB_DB -c "SELECT round(avg(pg_column_size(c.*))) FROM checkpoint c")"
      wal_hold_end
    fi
    if awk -v a="$best" -v b="$PGB_TPS" 'BEGIN { exit !(b > a) }'; then
      best=$PGB_TPS
      PGB_BEST_CLIENTS=$c
    fi
  done
  put pgb.ceiling_tps "$best"
  put pgb.ceiling_clients "$PGB_BEST_CLIENTS"
  log "pgbench: 1 client p50 $(grep '^pgb.c1.p50_ms=' "$RESULTS" | cut -d= -f2) ms, ceiling $best tx/s"
}

# ---------------------------------------------------------------------------------------------
# Scenario 2 (+6): zero-delay runs of 21 steps on 1 or 2 replicas; steps committed per second.
# scenario_steps REPLICAS [nogc]: nogc runs the replica with CAIRN_WORKER_GROUP_COMMIT=false.
scenario_steps() {
  local replicas=$1 variant=${2:-}
  local db=${DB_PREFIX}_steps_$1r${variant:+_$variant} key=steps.r$1$variant name=bench-steps$1$variant
  local env=()
  [[ $variant == nogc ]] && env=(CAIRN_WORKER_GROUP_COMMIT=false)
  log "scenario 2: durable steps/s, $replicas replica(s)${variant:+ ($variant)}, $STEP_RUNS runs"
  # The machine's capacity drifts (shared host): the same pgbench, right before, as local baseline.
  pgbench_tps "$key.probe" "${PGB_BEST_CLIENTS:-8}" "$PGB_PROBE_SECONDS"
  put "$key.probe.clients" "${PGB_BEST_CLIENTS:-8}"
  fresh_db $db
  local pids=() ports=() i
  for i in $(seq "$replicas"); do
    start_runtime "$name-$i" $db "${env[@]}"
    pids+=("$RT_PID"); ports+=("$RT_PORT")
  done
  q $db -c "CREATE EXTENSION IF NOT EXISTS pg_walinspect" >/dev/null
  publish_agent "${ports[0]}" bench $STEP_TURNS 0
  local size0; size0=$(q $db -c "SELECT pg_database_size(current_database())")

  insert_runs $db bench $STEP_WARMUP QUEUED 'now()' warmup >/dev/null
  await_runs $db warmup 180 "$key.warmup_timeout" || return 0

  local lsn0 lsn1 ckpt0
  ((replicas == 1)) && wal_hold_begin $((STEP_RUNS / 4 + 420))
  lsn0=$(q $db -c "SELECT pg_current_wal_lsn()")
  ckpt0=$(q $db -c "SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter")
  local xact_sql="SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()"
  local xact0; xact0=$(q $db -c "$xact_sql")
  window_begin $db "${pids[@]}"
  insert_runs $db bench $STEP_RUNS QUEUED 'now()' measure >/dev/null
  local timeout=$((STEP_RUNS / 4 + 120))
  await_runs $db measure $timeout "$key.timeout" || return 0
  window_end
  lsn1=$(q $db -c "SELECT pg_current_wal_lsn()")
  sleep 1 # backends report their transaction counts at most once a second
  local xact1; xact1=$(q $db -c "$xact_sql")

  # Rates from the checkpoints' own timestamps: overall (first to last) and steady state (the
  # middle 80% of the steps, which leaves out the first claims and the tail).
  local row
  row=$(q $db -F' ' -c "
    WITH c AS (
      SELECT extract(epoch FROM k.created_at) AS t
        FROM checkpoint k JOIN agent_run r ON r.id = k.run_id
       WHERE r.input = to_jsonb('measure'::text))
    SELECT count(*), max(t) - min(t),
           percentile_cont(0.9) WITHIN GROUP (ORDER BY t) - percentile_cont(0.1) WITHIN GROUP (ORDER BY t)
      FROM c")
  local steps span span80
  read -r steps span span80 <<< "$row"
  put "$key.steps" "$steps"
  put "$key.span_s" "$span"
  put "$key.steps_per_s_overall" "$(calc "$steps / $span")"
  put "$key.steps_per_s" "$(calc "0.8 * $steps / $span80")"
  put "$key.statuses" "$(status_counts $db measure)"
  put "$key.jvm_cpu_ms_per_step" "$(calc "1000 * $W_JVM_CPU_S / $steps")"
  put "$key.pg_cpu_ms_per_step" "$(calc "1000 * $W_PG_CPU_S / $steps")"
  put "$key.machine_busy_pct" "$W_MACHINE_BUSY"
  put "$key.other_cores" "$W_OTHER_CORES"
  put "$key.xacts_per_step" "$(calc "($xact1 - $xact0) / $steps")"
  put "$key.hot_update_pct" "$(q $db -c "SELECT round(100.0 * n_tup_hot_upd / greatest(n_tup_upd, 1), 1) FROM pg_stat_user_tables WHERE relname = 'agent_run'")"
  local lost=0 expiries=0 retries=0 claims=0 m shares=""
  for i in $(seq "$replicas"); do
    m="$OUT/$name-$i.metrics.txt"
    save_metrics "${ports[$((i - 1))]}" "$m"
    lost=$(calc "$lost + $(mval "$m" cairn_lease_lost_total)")
    expiries=$(calc "$expiries + $(mval "$m" cairn_lease_expiries_total)")
    retries=$(calc "$retries + $(mval "$m" cairn_commit_retries_total)")
    claims=$(calc "$claims + $(mval "$m" cairn_claim_latency_seconds_count)")
    shares+="$(calc "$(mval "$m" 'cairn_steps_total{kind="MODEL_CALL"}') + $(mval "$m" 'cairn_steps_total{kind="TOOL_CALL"}')") "
  done
  put "$key.steps_per_replica" "${shares% }"
  m="$OUT/$name-1.metrics.txt"
  put "$key.lease_lost" "$lost"
  put "$key.lease_expiries" "$expiries"
  put "$key.deadlocks" "$(db_deadlocks $db)"
  put "$key.commit_retries" "$retries"
  put "$key.claims" "$claims"
  put "$key.claim_p50_ms" "$(calc "1000 * $(mval "$m" 'cairn_claim_latency_seconds{quantile="0.5"}')")"
  put "$key.tool_step_p50_ms" "$(calc "1000 * $(mval "$m" 'cairn_step_latency_seconds{kind="TOOL_CALL",quantile="0.5"}')")"
  # With a broker connector (BENCH_RUNTIME_ENV), the relay's publish lag: commit to broker confirm.
  if grep -q '^cairn_events_published_total' "$m"; then
    put "$key.events_published" "$(mval "$m" cairn_events_published_total)"
    put "$key.publish_lag_p50_ms" "$(calc "1000 * $(mval "$m" 'cairn_events_publish_lag_seconds{quantile="0.5"}')")"
    put "$key.publish_lag_p99_ms" "$(calc "1000 * $(mval "$m" 'cairn_events_publish_lag_seconds{quantile="0.99"}')")"
  fi

  if ((replicas == 1)); then
    # Scenario 6: WAL and storage per step.
    local wal fpi wk=${variant:+$variant.}wal
    read -r wal fpi _ < <(wal_bytes_for_db $db "$lsn0" "$lsn1") || true
    put "$wk.checkpoints" "$(($(q $db -c "SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter") - ckpt0))"
    put "$wk.raw_bytes_per_step" "$(calc "$(q $db -c "SELECT pg_wal_lsn_diff('$lsn1', '$lsn0')") / $steps")"
    if [[ -n ${wal:-} ]]; then
      put "$wk.bytes_per_step" "$(calc "$wal / $steps")"
      put "$wk.fpi_pct" "$(calc "100 * $fpi / $wal")"
    fi
    wal_by_relation $db "$lsn0" "$lsn1" | while IFS='|' read -r rel bytes fpib; do
      put "$wk.rel" "$rel|$(calc "$bytes / $steps")|$(calc "$fpib / $steps")"
    done
    wal_hold_end
  fi
  if ((replicas == 1)) && [[ -z $variant ]]; then
    local all_steps all_runs
    all_steps=$(q $db -c "SELECT count(*) FROM checkpoint")
    all_runs=$(q $db -c "SELECT count(*) FROM agent_run")
    put storage.steps "$all_steps"
    put storage.runs "$all_runs"
    local t
    for t in checkpoint run_message tool_invocation agent_run outbox_event; do
      put "storage.$t" "$(calc "$(q $db -c "SELECT pg_total_relation_size('$t')") / $all_steps")"
    done
    put storage.db_growth_per_step "$(calc "($(q $db -c "SELECT pg_database_size(current_database())") - $size0) / $all_steps")"
    put storage.checkpoint_row_bytes "$(q $db -c "SELECT round(avg(pg_column_size(c.*))) FROM checkpoint c")"
    put storage.tables_per_step "checkpoint=1, run_message=$(calc "$(q $db -c "SELECT count(*) FROM run_message WHERE idx > 0")/$all_steps"), tool_invocation=$(calc "$(q $db -c "SELECT count(*) FROM tool_invocation")/$all_steps"), outbox_event=$(calc "$(q $db -c "SELECT count(*) FROM outbox_event")/$all_steps")"
  fi
  for i in $(seq "$replicas"); do
    check_alive "${pids[$((i - 1))]}" "$name-$i"
    stop_runtime "${pids[$((i - 1))]}"
  done
  for i in $(seq "$replicas"); do
    scan_log "${name#bench-}-$i" "$OUT/$name-$i.log" "${pids[$((i - 1))]}"
  done
  log "steps/s ($replicas replica): $(grep "^$key.steps_per_s=" "$RESULTS" | cut -d= -f2)"
}

# ---------------------------------------------------------------------------------------------
# Scenario 3: per-step overhead with a 20 ms model, 4 runs in flight.
scenario_overhead() {
  local db=${DB_PREFIX}_overhead delay=20
  log "scenario 3: per-step overhead, $OVH_RUNS runs"
  pgbench_latency overhead.probe "$PGB_PROBE_SECONDS"
  fresh_db $db
  start_runtime bench-overhead $db CAIRN_WORKER_MAX_IN_FLIGHT=4
  local pid=$RT_PID port=$RT_PORT
  publish_agent $port bench $STEP_TURNS $delay
  publish_agent $port warm $STEP_TURNS 0
  # A replica in service has run its hot path many thousand times; so the measured steps run
  # JIT-compiled code, zero-delay runs go first, then a few runs of the measured agent.
  insert_runs $db warm $OVH_JIT_RUNS QUEUED 'now()' jit >/dev/null
  await_runs $db jit 300 overhead.jit_timeout || return 0
  insert_runs $db bench $OVH_WARMUP QUEUED 'now()' warmup >/dev/null
  await_runs $db warmup 120 overhead.warmup_timeout || return 0
  local before="$OUT/bench-overhead.metrics-before.txt" m="$OUT/bench-overhead.metrics.txt"
  save_metrics $port "$before"
  insert_runs $db bench $OVH_RUNS QUEUED 'now()' measure >/dev/null
  await_runs $db measure $((OVH_RUNS + 120)) overhead.timeout || return 0
  save_metrics $port "$m"
  # Where a step's time goes, over the measured runs only (histogram buckets of two scrapes).
  local phase n p50 p99
  while read -r phase n p50 p99; do
    put "overhead.phase.$phase.n" "$n"
    put "overhead.phase.$phase.p50_ms" "$p50"
    put "overhead.phase.$phase.p99_ms" "$p99"
  done < <("$PY" "$BENCH_DIR/lib/window_quantiles.py" "$before" "$m" cairn_step_phase_seconds phase)
  while read -r phase n p50 p99; do
    put "overhead.phase.$phase.n" "$n"
    put "overhead.phase.$phase.p50_ms" "$p50"
    put "overhead.phase.$phase.p99_ms" "$p99"
  done < <(
    "$PY" "$BENCH_DIR/lib/window_quantiles.py" "$before" "$m" cairn_commit_queue_wait_seconds x \
      | sed 's/^/queue_wait/'
    "$PY" "$BENCH_DIR/lib/window_quantiles.py" "$before" "$m" cairn_commit_transaction_seconds x \
      | sed 's/^/transaction/')
  # Time between consecutive checkpoints of a run, minus the model's 20 ms for model steps. The
  # first step of a run (which includes its claim) is left out.
  q $db -F'|' -c "
    WITH c AS (
      SELECT k.kind, k.created_at,
             lag(k.created_at) OVER (PARTITION BY k.run_id ORDER BY k.seq) AS prev
        FROM checkpoint k JOIN agent_run r ON r.id = k.run_id
       WHERE r.input = to_jsonb('measure'::text)
    ), d AS (
      SELECT kind, 1000 * extract(epoch FROM created_at - prev)
                   - CASE WHEN kind = 'MODEL_CALL' THEN $delay ELSE 0 END AS ms
        FROM c WHERE prev IS NOT NULL
    )
    SELECT coalesce(kind, 'ALL'), count(*),
           round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 3),
           round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 3)
      FROM d GROUP BY ROLLUP (kind)" | while IFS='|' read -r kind n p50 p99; do
    put "overhead.$kind.n" "$n"
    put "overhead.$kind.p50_ms" "$p50"
    put "overhead.$kind.p99_ms" "$p99"
  done
  put overhead.statuses "$(status_counts $db measure)"
  put overhead.lease_lost "$(mval "$m" cairn_lease_lost_total)"
  put overhead.deadlocks "$(db_deadlocks $db)"
  check_alive $pid bench-overhead
  stop_runtime $pid
  scan_log overhead "$OUT/bench-overhead.log" $pid
}

# ---------------------------------------------------------------------------------------------
# Scenario 4: many concurrent runs with a slow (1 s) model on one replica.
sample_runtime() {
  trap - ERR
  exec 2>/dev/null
  local port=$1 pid=$2 file=$3
  while kill -0 "$pid" 2>/dev/null; do
    local m
    m=$(curl -sf --max-time 5 "http://127.0.0.1:$port/q/metrics" 2>/dev/null) || true
    printf '%s %s %s %s %s %s\n' "$(date +%s.%N)" \
      "$(awk 'index($0, "jvm_memory_used_bytes{area=\"heap\"") == 1 { s += $NF } END { printf "%.0f", s }' <<< "$m")" \
      "$(awk 'index($0, "jvm_threads_live_threads ") == 1 { print $NF }' <<< "$m")" \
      "$(awk 'index($0, "cairn_steps_in_flight ") == 1 { print $NF }' <<< "$m")" \
      "$(rss_kib "$pid")" \
      "$(awk 'index($0, "jvm_memory_used_bytes{area=\"heap\"") == 1 && !/Eden/ { s += $NF } END { printf "%.0f", s }' <<< "$m")" \
      >> "$file"
    sleep 1
  done
}

scenario_concurrent() {
  local db=${DB_PREFIX}_concurrent
  log "scenario 4: $CONC_RUNS concurrent runs, 1 s model"
  fresh_db $db
  start_runtime bench-concurrent $db CAIRN_WORKER_MAX_IN_FLIGHT=2048
  local pid=$RT_PID port=$RT_PORT
  publish_agent $port bench $CONC_TURNS 1000
  # Warm the step path a little, then take the idle baseline.
  publish_agent $port warm 2 0
  insert_runs $db warm 50 QUEUED 'now()' warmup >/dev/null
  await_runs $db warmup 60 concurrent.warmup_timeout || return 0
  sleep 3
  local idle="$OUT/concurrent_idle.txt" busy="$OUT/concurrent_samples.txt"
  : > "$idle"
  sample_runtime $port $pid "$idle" & SAMPLER_PID=$!
  sleep 4.5; kill $SAMPLER_PID; wait $SAMPLER_PID 2>/dev/null || true; SAMPLER_PID=
  # The zero-delay baseline, in the same replica just before: runs of the same length whose model
  # answers at once, so steps/s is what this runtime and Postgres commit when nothing waits.
  publish_agent $port zero $CONC_TURNS 0
  # The same number of zero-delay runs first, unmeasured: the JIT compiles the step path here, not
  # inside the baseline's window.
  insert_runs $db zero $CONC_ZERO_RUNS QUEUED 'now()' zerowarm >/dev/null
  await_runs $db zerowarm 300 concurrent.zero_warmup_timeout || return 0
  window_begin $db $pid
  insert_runs $db zero $CONC_ZERO_RUNS QUEUED 'now()' zero >/dev/null
  await_runs $db zero 300 concurrent.zero_timeout || return 0
  window_end
  local zrow zsteps zspan
  zrow=$(q $db -F' ' -c "
    SELECT count(*), extract(epoch FROM max(k.created_at) - min(k.created_at))
      FROM checkpoint k JOIN agent_run r ON r.id = k.run_id
     WHERE r.input = to_jsonb('zero'::text)")
  read -r zsteps zspan <<< "$zrow"
  put concurrent.zero.runs "$CONC_ZERO_RUNS"
  put concurrent.zero.steps_per_s "$(calc "$zsteps / $zspan")"
  put concurrent.zero.jvm_cpu_ms_per_step "$(calc "1000 * $W_JVM_CPU_S / $zsteps")"
  put concurrent.zero.pg_cpu_ms_per_step "$(calc "1000 * $W_PG_CPU_S / $zsteps")"
  put concurrent.zero.other_cores "$W_OTHER_CORES"
  sleep 2
  : > "$busy"
  sample_runtime $port $pid "$busy" & SAMPLER_PID=$!
  window_begin $db $pid
  insert_runs $db bench $CONC_RUNS QUEUED 'now()' measure >/dev/null
  await_runs $db measure $((CONC_RUNS / 10 + 150)) concurrent.timeout || { kill $SAMPLER_PID; SAMPLER_PID=; return 0; }
  window_end
  kill $SAMPLER_PID; wait $SAMPLER_PID 2>/dev/null || true; SAMPLER_PID=
  # The all-in-flight window: from the moment every run has committed its first step to the moment
  # the first run finishes. Model steps per second inside it, against the ideal of one per run
  # per second.
  local row
  row=$(q $db -F' ' -c "
    WITH c AS (
      SELECT k.run_id, k.kind, extract(epoch FROM k.created_at) AS t
        FROM checkpoint k JOIN agent_run r ON r.id = k.run_id
       WHERE r.input = to_jsonb('measure'::text)
    ), w AS (
      SELECT max(first) AS w0, min(last) AS w1
        FROM (SELECT run_id, min(t) AS first, max(t) AS last FROM c GROUP BY run_id) p
    )
    SELECT w1 - w0,
           (SELECT count(*) FROM c WHERE kind = 'MODEL_CALL' AND t > w0 AND t <= w1),
           (SELECT count(*) FROM c WHERE t > w0 AND t <= w1),
           (SELECT max(t) - min(t) FROM c),
           (SELECT count(*) FROM c),
           (SELECT count(*) FROM c WHERE kind = 'MODEL_CALL')
      FROM w")
  local win model_in all_in span steps model_steps
  read -r win model_in all_in span steps model_steps <<< "$row"
  put concurrent.window_s "$win"
  if awk -v w="$win" 'BEGIN { exit !(w >= 3) }'; then
    put concurrent.model_steps_per_s "$(calc "$model_in / $win")"
    put concurrent.steps_per_s "$(calc "$all_in / $win")"
    put concurrent.rate_basis "the window in which every run was in flight ($(printf '%.1f' "$win") s)"
  else
    put concurrent.model_steps_per_s "$(calc "$model_steps / $span")"
    put concurrent.steps_per_s "$(calc "$steps / $span")"
    put concurrent.rate_basis "first to last checkpoint ($(printf '%.1f' "$span") s), because the runs were never all in flight at once: the first ones finished before the last ones were claimed"
  fi
  put concurrent.span_s "$span"
  put concurrent.min_run_s "$(calc "$CONC_TURNS + 1")"
  put concurrent.statuses "$(status_counts $db measure)"
  put concurrent.max_in_flight "$(awk '{ if ($4 > m) m = $4 } END { printf "%.0f", m }' "$busy")"
  put concurrent.heap_max_mb "$(awk '{ if ($2 > m) m = $2 } END { printf "%.1f", m / 1048576 }' "$busy")"
  put concurrent.threads_max "$(awk '{ if ($3 > m) m = $3 } END { printf "%.0f", m }' "$busy")"
  put concurrent.rss_max_mb "$(awk '{ if ($5 > m) m = $5 } END { printf "%.1f", m / 1024 }' "$busy")"
  put concurrent.idle_heap_mb "$(awk '{ s += $2; n++ } END { printf "%.1f", s / n / 1048576 }' "$idle")"
  put concurrent.old_max_mb "$(awk '{ if ($6 > m) m = $6 } END { printf "%.1f", m / 1048576 }' "$busy")"
  put concurrent.idle_old_mb "$(awk '{ s += $6; n++ } END { printf "%.1f", s / n / 1048576 }' "$idle")"
  put concurrent.idle_threads "$(awk '{ s += $3; n++ } END { printf "%.0f", s / n }' "$idle")"
  put concurrent.idle_rss_mb "$(awk '{ s += $5; n++ } END { printf "%.1f", s / n / 1024 }' "$idle")"
  put concurrent.jvm_cpu_ms_per_step "$(calc "1000 * $W_JVM_CPU_S / $steps")"
  put concurrent.pg_cpu_ms_per_step "$(calc "1000 * $W_PG_CPU_S / $steps")"
  put concurrent.machine_busy_pct "$W_MACHINE_BUSY"
  put concurrent.other_cores "$W_OTHER_CORES"
  local m="$OUT/bench-concurrent.metrics.txt"
  save_metrics $port "$m"
  put concurrent.commit_retries "$(mval "$m" cairn_commit_retries_total)"
  put concurrent.lease_lost "$(mval "$m" cairn_lease_lost_total)"
  put concurrent.lease_expiries "$(mval "$m" cairn_lease_expiries_total)"
  put concurrent.deadlocks "$(db_deadlocks $db)"
  put concurrent.model_calls "$(mval "$m" 'cairn_steps_total{kind="MODEL_CALL"}')"
  put concurrent.tool_step_p50_ms "$(calc "1000 * $(mval "$m" 'cairn_step_latency_seconds{kind="TOOL_CALL",quantile="0.5"}')")"
  put concurrent.tool_step_p99_ms "$(calc "1000 * $(mval "$m" 'cairn_step_latency_seconds{kind="TOOL_CALL",quantile="0.99"}')")"
  check_alive $pid bench-concurrent
  stop_runtime $pid
  scan_log concurrent "$OUT/bench-concurrent.log" $pid
}

# ---------------------------------------------------------------------------------------------
# Scenario 5: idle cost of many parked runs (WAITING until next month, or PAUSED).
scenario_idle() {
  local variant=$1 parked=$2 db=${DB_PREFIX}_idle_$1 key=idle.$1
  log "scenario 5: idle cost, $parked parked runs"
  fresh_db $db
  start_runtime bench-idle-$variant $db
  local pid=$RT_PID port=$RT_PORT
  publish_agent $port bench 60 1000
  if [[ $variant == sleepers ]]; then
    # Sleeping runs only: WAITING on timers between 2 and 30 days away.
    INSERT_WITHOUT_TRIGGERS=1 insert_runs $db bench "$parked" WAITING \
      "now() + interval '2 days' + random() * interval '28 days'" parked >/dev/null
  elif ((parked > 0)); then
    # Timers spread over the next 30 days, as real waits would be.
    insert_runs $db bench $((parked / 2)) WAITING "now() + random() * interval '30 days'" parked >/dev/null
    insert_runs $db bench $((parked - parked / 2)) PAUSED "now() + random() * interval '30 days'" parked >/dev/null
  fi
  q $db -c "VACUUM ANALYZE" >/dev/null
  if ((parked == 0)); then
    # A replica with nothing to do at all, for reference.
    sleep 2
    save_metrics $port "$OUT/bench-idle-none.metrics-start.txt"
    window_begin $db $pid
    sleep "$IDLE_NONE_WINDOW"
    window_end
    save_metrics $port "$OUT/bench-idle-none.metrics.txt"
    put idle.none.jvm_cpu_pct "$(calc "100 * $W_JVM_CPU_S / $W_SECONDS")"
    put idle.none.pg_cpu_pct "$(calc "100 * $W_PG_CPU_S / $W_SECONDS")"
    put idle.none.claims_per_s "$(calc "($(mval "$OUT/bench-idle-none.metrics.txt" cairn_claim_latency_seconds_count) - $(mval "$OUT/bench-idle-none.metrics-start.txt" cairn_claim_latency_seconds_count)) / $W_SECONDS")"
    put idle.none.rss_mb "$(calc "$(rss_kib $pid) / 1024")"
  fi
  insert_runs $db bench $IDLE_ACTIVE QUEUED 'now()' active >/dev/null
  sleep "$IDLE_SETTLE"
  local m0="$OUT/bench-idle-$variant.metrics-start.txt" m="$OUT/bench-idle-$variant.metrics.txt"
  save_metrics $port "$m0"
  window_begin $db $pid
  sleep "$IDLE_WINDOW"
  window_end
  save_metrics $port "$m"
  put "$key.parked" "$parked"
  put "$key.other_cores" "$W_OTHER_CORES"
  put "$key.jvm_cpu_pct" "$(calc "100 * $W_JVM_CPU_S / $W_SECONDS")"
  put "$key.pg_cpu_pct" "$(calc "100 * $W_PG_CPU_S / $W_SECONDS")"
  put "$key.rss_mb" "$(calc "$(rss_kib $pid) / 1024")"
  put "$key.claims_per_s" "$(calc "($(mval "$m" cairn_claim_latency_seconds_count) - $(mval "$m0" cairn_claim_latency_seconds_count)) / $W_SECONDS")"
  put "$key.claim_p50_ms" "$(calc "1000 * $(mval "$m" 'cairn_claim_latency_seconds{quantile="0.5"}')")"
  put "$key.claim_p99_ms" "$(calc "1000 * $(mval "$m" 'cairn_claim_latency_seconds{quantile="0.99"}')")"
  put "$key.active_steps" "$(q $db -c "SELECT count(*) FROM checkpoint")"
  put "$key.deadlocks" "$(db_deadlocks $db)"
  put "$key.live_runs" "$(q $db -c "SELECT count(*) FROM agent_run WHERE status IN ('QUEUED', 'RUNNING', 'WAITING')")"
  # EXPLAIN ANALYZE of the app's own claim statement with literal parameters (the active runs as
  # this replica's in-flight set), five times; the median execution time is reported.
  local i times=() inflight
  inflight=$(q $db -c "SELECT string_agg(id::text, ',') FROM agent_run WHERE lease_owner IS NOT NULL")
  "$PY" "$BENCH_DIR/lib/claim_sql.py" "$OUT/sql-from-app/claim_runs.sql" "$inflight" \
    > "$OUT/explain_claim_$variant.sql"
  for i in 1 2 3 4 5; do
    q $db -f "$OUT/explain_claim_$variant.sql" > "$OUT/explain_$variant.txt"
    times+=("$(awk '/Execution Time/ { print $3 }' "$OUT/explain_$variant.txt")")
  done
  put "$key.explain_ms" "$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)"
  put "$key.explain_buffers" "$(grep -m1 'Buffers:' "$OUT/explain_$variant.txt" | sed 's/^ *//')"
  put "$key.explain_index_rows" "$(grep -A3 'Index Scan using agent_run_timer_idx' "$OUT/explain_$variant.txt" | grep -m1 -o 'Rows Removed by Filter: [0-9]*' || echo 'Rows Removed by Filter: 0')"
  check_alive $pid bench-idle-$variant
  stop_runtime $pid
  scan_log "idle-$variant" "$OUT/bench-idle-$variant.log" $pid
}

# ---------------------------------------------------------------------------------------------
# Scenario 7: long runs. A few runs of 301 steps (zero-delay model, a calculator call per turn):
# the time between consecutive checkpoints of a run (all runtime and Postgres, no model time) near
# its start against near its end.
scenario_longrun() {
  local db=${DB_PREFIX}_longrun
  log "scenario 7: $LONG_RUNS runs of $((2 * LONG_TURNS + 1)) steps, zero-delay model"
  fresh_db $db
  start_runtime bench-longrun $db
  local pid=$RT_PID port=$RT_PORT
  publish_agent $port warm $STEP_TURNS 0
  insert_runs $db warm $LONG_WARMUP QUEUED 'now()' warmup >/dev/null
  await_runs $db warmup 300 longrun.warmup_timeout || return 0
  publish_agent $port long $LONG_TURNS 0
  q $db -c "VACUUM ANALYZE" >/dev/null
  window_begin $db $pid
  insert_runs $db long $LONG_RUNS QUEUED 'now()' long >/dev/null
  await_runs $db long 600 longrun.timeout || return 0
  window_end
  # Gaps ending at steps 6..(5 + EDGE) (the first steps after the claim, "near step 10") and at the
  # last EDGE steps ("near step 300"), in ms; medians and 90th percentiles over all long runs.
  local row
  row=$(q $db -F' ' -v edge=$LONG_EDGE -f "$BENCH_DIR/sql/longrun_gaps.sql")
  local steps early50 early90 late50 late90 max_seq
  read -r steps early50 early90 late50 late90 max_seq <<< "$row"
  put longrun.runs "$LONG_RUNS"
  put longrun.steps "$steps"
  put longrun.max_seq "$max_seq"
  put longrun.early_p50_ms "$early50"
  put longrun.early_p90_ms "$early90"
  put longrun.late_p50_ms "$late50"
  put longrun.late_p90_ms "$late90"
  put longrun.ratio_p50 "$(calc "$late50 / $early50")"
  put longrun.jvm_cpu_ms_per_step "$(calc "1000 * $W_JVM_CPU_S / $steps")"
  put longrun.pg_cpu_ms_per_step "$(calc "1000 * $W_PG_CPU_S / $steps")"
  put longrun.other_cores "$W_OTHER_CORES"
  put longrun.statuses "$(status_counts $db long)"
  check_alive $pid bench-longrun
  stop_runtime $pid
  scan_log longrun "$OUT/bench-longrun.log" $pid
}

# ---------------------------------------------------------------------------------------------
START=$SECONDS
# Runs a scenario; if one of its runtimes died on the way (the machine is shared), its figures are
# dropped (its anomaly notes kept) and it runs once more.
run_scenario() {
  local attempt n
  for attempt in 1 2; do
    n=$(wc -l < "$RESULTS")
    SCENARIO_FAILED=0
    WATCH_PIDS=()
    "$@"
    ((SCENARIO_FAILED == 0)) && return 0
    stop_all_runtimes
    { head -n "$n" "$RESULTS"; tail -n +"$((n + 1))" "$RESULTS" | grep '^anomaly=' || true; } \
      > "$RESULTS.tmp"
    mv "$RESULTS.tmp" "$RESULTS"
    ((attempt == 1)) && log "running $* again"
  done
  put anomaly "scenario '$*' failed twice; its figures are missing"
}

# BENCH_ONLY="pgbench steps1 ..." runs a subset (for work on the harness itself).
want() { [[ -z ${BENCH_ONLY:-} || " $BENCH_ONLY " == *" $1 "* ]]; }
setup
if want pgbench; then run_scenario scenario_pgbench; fi
if want steps1; then run_scenario scenario_steps 1; fi
if want steps2; then run_scenario scenario_steps 2; fi
# The group-commit comparison only in full runs (time).
if want steps1nogc && [[ $MODE == full || -n ${BENCH_ONLY:-} ]]; then run_scenario scenario_steps 1 nogc; fi
if want overhead; then run_scenario scenario_overhead; fi
if want concurrent; then run_scenario scenario_concurrent; fi
if want idle; then
  run_scenario scenario_idle empty 0
  run_scenario scenario_idle loaded "$IDLE_ROWS"
  run_scenario scenario_idle sleepers "$IDLE_SLEEPERS"
fi
if want longrun; then run_scenario scenario_longrun; fi
put run.loadavg_end "$(cut -d' ' -f1-3 /proc/loadavg)"
put run.seconds $((SECONDS - START))
"$PY" "$BENCH_DIR/lib/report.py" "$RESULTS" "$DOC" "$OUT"
log "done in $((SECONDS - START)) s; wrote $DOC"
