"""Writes docs/benchmarks.md from the key=value results of one harness run (bench/out/results.env).

Usage: python3 report.py RESULTS DOC OUT_DIR
"""
import math
import pathlib
import sys

results_path, doc_path, out_dir = map(pathlib.Path, sys.argv[1:4])

R = {}
MULTI = {}
for line in results_path.read_text().splitlines():
    if "=" not in line:
        continue
    key, value = line.split("=", 1)
    MULTI.setdefault(key, []).append(value)
    R[key] = value


def num(key):
    try:
        v = float(R[key])
        return None if math.isnan(v) else v
    except (KeyError, ValueError):
        return None


def fmt(v, digits=None):
    if v is None:
        return "n/a"
    if digits is None and v == int(v) and abs(v) < 1e15:
        return f"{int(v):,}"
    if digits is None:
        digits = 0 if abs(v) >= 100 else 1 if abs(v) >= 10 else 2 if abs(v) >= 1 else 3
    return f"{v:,.{digits}f}"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


def verdict(ok):
    return "n/a" if ok is None else ("met" if ok else "**missed**")


def s(key, default="n/a"):
    return R.get(key, default)


quick = s("run.mode") == "quick"
rows = []


def row(scenario, figure, value, unit, baseline, baseline_desc, target="", ok=None):
    r = ratio(value, baseline)
    unit = f" {unit}" if unit else ""
    rows.append(
        f"| {scenario} | {figure} | {fmt(value)}{unit} | {fmt(baseline)}{unit} ({baseline_desc}) | "
        f"{fmt(r, 3 if target else 2) if r is not None else 'n/a'} | "
        f"{f'{target} ({verdict(ok)})' if target else ''} |")


ceiling = num("pgb.ceiling_tps")
c8, c16 = num("pgb.c8.tps"), num("pgb.c16.tps")
row("1 pgbench ceiling", "step transactions/s, pgbench -c 8 -j 2", c8, "tx/s", c16,
    "pgbench -c 16 -j 2; the better of the two is the ceiling")
s1, p1 = num("steps.r1.steps_per_s"), num("steps.r1.probe.tps")
r1 = ratio(s1, p1)
row("2 durable steps/s", "steps/s, 1 replica, zero-delay model", s1, "steps/s", p1,
    f"pgbench -c {s('steps.r1.probe.clients')} tx/s, run just before", ">= 0.60",
    None if r1 is None else r1 >= 0.60)
s2, p2 = num("steps.r2.steps_per_s"), num("steps.r2.probe.tps")
row("2 durable steps/s", "steps/s, 2 replicas, zero-delay model", s2, "steps/s", p2,
    f"pgbench -c {s('steps.r2.probe.clients')} tx/s, run just before")
if num("steps.r1nogc.steps_per_s") is not None:
    row("2 durable steps/s", "steps/s, 1 replica, `CAIRN_WORKER_GROUP_COMMIT=false`",
        num("steps.r1nogc.steps_per_s"), "steps/s", num("steps.r1nogc.probe.tps"),
        f"pgbench -c {s('steps.r1nogc.probe.clients')} tx/s, run just before")
o50, o99 = num("overhead.ALL.p50_ms"), num("overhead.ALL.p99_ms")
row("3 overhead per step", "p50, 20 ms model (model time subtracted)", o50, "ms",
    num("overhead.probe.p50_ms"), "pgbench -c 1 p50, run just before", "< 2 ms",
    None if o50 is None else o50 < 2)
row("3 overhead per step", "p99, 20 ms model (model time subtracted)", o99, "ms",
    num("overhead.probe.p99_ms"), "pgbench -c 1 p99, run just before")
conc = num("param.CONC_RUNS")
row("4 concurrent runs", f"model steps/s, {fmt(conc)} runs, 1 s model", num("concurrent.model_steps_per_s"),
    "steps/s", conc, "ideal: every run answers once a second")
cz = ratio(num("concurrent.steps_per_s"), num("concurrent.zero.steps_per_s"))
row("4 concurrent runs", f"all steps/s, {fmt(conc)} runs, 1 s model", num("concurrent.steps_per_s"),
    "steps/s", num("concurrent.zero.steps_per_s"),
    f"zero-delay model, {s('concurrent.zero.runs')} runs, same replica just before", ">= 0.90",
    None if cz is None else cz >= 0.90)
if num("steps.r1.steps_per_s") is not None:
    row("4 concurrent runs", f"all steps/s, {fmt(conc)} runs, 1 s model", num("concurrent.steps_per_s"),
        "steps/s", num("steps.r1.steps_per_s"), "scenario 2, 1 replica, zero-delay model")
row("4 concurrent runs", "Postgres CPU per step, 1 s model", num("concurrent.pg_cpu_ms_per_step"), "ms",
    num("concurrent.zero.pg_cpu_ms_per_step"), "zero-delay model, same replica")
row("4 concurrent runs", "heap used, max", num("concurrent.heap_max_mb"), "MiB",
    num("concurrent.idle_heap_mb"), "same replica idle")
row("4 concurrent runs", "live platform threads, max", num("concurrent.threads_max"), "",
    num("concurrent.idle_threads"), "same replica idle")
parked = num("idle.loaded.parked")
row("5 parked runs", f"runtime CPU, % of a core, {fmt(parked)} parked + {s('param.IDLE_ACTIVE')} active",
    num("idle.loaded.jvm_cpu_pct"), "%", num("idle.empty.jvm_cpu_pct"), "no parked runs")
row("5 parked runs", "Postgres CPU of the runtime's connections, % of a core",
    num("idle.loaded.pg_cpu_pct"), "%", num("idle.empty.pg_cpu_pct"), "no parked runs")
row("5 parked runs", "claim statement, EXPLAIN ANALYZE execution (median of 5)",
    num("idle.loaded.explain_ms"), "ms", num("idle.empty.explain_ms"), "no parked runs")
row("5 parked runs", "claim latency p50 (cairn_claim_latency_seconds)",
    num("idle.loaded.claim_p50_ms"), "ms", num("idle.empty.claim_p50_ms"), "no parked runs")
row("5 parked runs", "runtime RSS", num("idle.loaded.rss_mb"), "MiB", num("idle.empty.rss_mb"),
    "no parked runs")
sleepers = num("idle.sleepers.parked")
row("5 parked runs", f"runtime CPU, % of a core, {fmt(sleepers)} sleeping (WAITING) + "
    f"{s('param.IDLE_ACTIVE')} active", num("idle.sleepers.jvm_cpu_pct"), "%",
    num("idle.empty.jvm_cpu_pct"), "no parked runs")
row("5 parked runs", "Postgres CPU, % of a core, sleeping runs", num("idle.sleepers.pg_cpu_pct"), "%",
    num("idle.empty.pg_cpu_pct"), "no parked runs")
lr = ratio(num("longrun.late_p50_ms"), num("longrun.early_p50_ms"))
row("7 long runs", f"time per step near the end (last {s('param.LONG_EDGE')} of "
    f"{2 * int(s('param.LONG_TURNS', '150')) + 1} steps), p50", num("longrun.late_p50_ms"), "ms",
    num("longrun.early_p50_ms"), f"steps 6-{5 + int(s('param.LONG_EDGE', '30'))} of the same runs",
    "<= 1.20", None if lr is None else lr <= 1.20)
wal = num("wal.bytes_per_step")
row("6 WAL and storage", "WAL bytes per step (this database only)", wal, "B",
    num("pgb.wal_bytes_per_txn"), "pgbench B/tx")
row("6 WAL and storage", "table + index bytes per step (all Cairn tables)",
    sum(num(f"storage.{t}") or 0 for t in ("checkpoint", "run_message", "tool_invocation",
                                             "agent_run", "outbox_event")) or None,
    "B", num("pgb.storage_bytes_per_txn"), "pgbench B/tx")

# ------------------------------------------------------------------------------------------------
out = []
w = out.append
w("# Benchmarks")
w("")
w("<!-- Generated by bench/run.sh from bench/out/results.env; edit the harness, not this file. -->")
w("")
w("Throughput, latency and footprint of the Cairn runtime on one machine, each figure set against a")
w("baseline measured in the same run (the machine is shared and noisy, so only same-run ratios are")
w("comparable). Regenerate with:")
w("")
w("```")
w(s("run.command"))
w("```")
w("")
w("See [bench/README.md](../bench/README.md) for what each scenario does.")
w("")
w("## Run")
w("")
w("| | |")
w("|---|---|")
w(f"| Date | {s('run.date')} |")
w(f"| Mode | {s('run.mode')} ({s('run.seconds')} s) |")
w(f"| Command | `{s('run.command')}` |")
w(f"| CPU | {s('machine.cpu')}, `nproc` = {s('machine.nproc')} |")
w(f"| Memory | {s('machine.memory')} |")
w(f"| Load average at start / end | {s('machine.loadavg_start')} / {s('run.loadavg_end')} |")
w(f"| PostgreSQL | {s('pg.version')} on 127.0.0.1 ({s('pg.settings')}) |")
w(f"| JDK | {s('jdk')} |")
w(f"| Runtime | runtime/target/quarkus-app built {s('app.built')} (repository HEAD when the harness ran: "
  f"`{s('app.head')}`, {s('app.dirty', '?')} uncommitted files under runtime/, persistence/, tools/ src); defaults (pool 24, "
  f"claim batch 32, 50 steps per claim, group commit on) unless a scenario says otherwise |")
w(f"| JVM options | {s('app.java_opts')} |")
w(f"| Database settings | {s('app.db_settings', '(none)')} (server defaults otherwise) |")
w(f"| Extra runtime environment | {s('app.runtime_env', '(none)')} |")
w("")
w("## Results")
w("")
w("Ratio = value / baseline. Targets are the runtime's own goals.")
w("")
w("| Scenario | Figure | Value | Baseline (same run) | Ratio | Target |")
w("|---|---|---|---|---|---|")
out.extend(rows)
w("")

# ------------------------------------------------------------------------------------------------
w("## Details")
w("")
w("### 1. pgbench ceiling")
w("")
w(f"`bench/pgbench/claim_checkpoint.sql` on the runtime's schema (migrations taken from the built app), "
  f"{s('param.PGB_SEED_RUNS')} runnable runs cycled, `-M prepared`, {s('param.PGB_SECONDS')} s per "
  f"concurrency. Checkpoint rows average {s('pgb.checkpoint_row_bytes')} B.")
w("")
w("| Run | Clients | tx/s | latency | failed | Postgres CPU per tx | pgbench CPU per tx | machine busy "
  "| other processes |")
w("|---|---|---|---|---|---|---|---|---|")
for label, k in (("scenario 1", "pgb.c8"), ("scenario 1", "pgb.c16"),
                 ("before scenario 2, 1 replica", "steps.r1.probe"),
                 ("before scenario 2, 2 replicas", "steps.r2.probe"),
                 ("before scenario 2, group commit off", "steps.r1nogc.probe")):
    if num(k + ".tps") is None:
        continue
    clients = k[5:] if k.startswith("pgb.c") else s(k + ".clients")
    w(f"| {label} | {clients} | {fmt(num(k + '.tps'))} | avg {s(k + '.latency_ms')} ms | {s(k + '.failed')} | "
      f"{fmt(num(k + '.pg_cpu_ms_per_txn'))} ms | {fmt(num(k + '.client_cpu_ms_per_txn'))} ms | "
      f"{fmt(num(k + '.machine_busy_pct'))} % | {fmt(num(k + '.other_cores'))} cores |")
for label, k in (("scenario 1", "pgb.c1"), ("before scenario 3", "overhead.probe")):
    w(f"| {label} | 1 | {fmt(num(k + '.tps'))} | p50 {s(k + '.p50_ms')} ms, p99 {s(k + '.p99_ms')} ms | | | | | |")
w("")
w("\"Other processes\" = busy cores minus the CPU of the measured processes and their Postgres backends: "
  "Postgres' own background processes plus everything else running on the (shared) machine.")
w("")
w("### 2. Durable steps per second (zero-delay model)")
w("")
w(f"{s('param.STEP_RUNS')} runs of {2 * int(s('param.STEP_TURNS', '10')) + 1} steps (10 calculator turns "
  f"and a final answer), inserted at once after {s('param.STEP_WARMUP')} warm-up runs. Steady state = "
  "the middle 80 % of the measured checkpoints by `created_at`.")
w("")
w("| Run | steps/s steady | vs pgbench just before | vs scenario 1 ceiling | steps/s first-to-last "
  "| span | run statuses | runtime CPU per step | Postgres CPU per step | machine busy | other processes "
  "| transactions per step | claims | claim p50 | tool step p50 | HOT updates of agent_run | lease lost "
  "| leases expired | deadlocks | commit retries |")
w("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for label, k in (("1 replica", "steps.r1"), ("2 replicas", "steps.r2"),
                 ("1 replica, group commit off", "steps.r1nogc")):
    if num(k + ".steps_per_s") is None:
        continue
    w(f"| {label} | {fmt(num(k + '.steps_per_s'))} | {fmt(ratio(num(k + '.steps_per_s'), num(k + '.probe.tps')), 2)} | "
      f"{fmt(ratio(num(k + '.steps_per_s'), ceiling), 2)} | {fmt(num(k + '.steps_per_s_overall'))} | "
      f"{fmt(num(k + '.span_s'))} s | {s(k + '.statuses')} | {fmt(num(k + '.jvm_cpu_ms_per_step'))} ms | "
      f"{fmt(num(k + '.pg_cpu_ms_per_step'))} ms | {fmt(num(k + '.machine_busy_pct'))} % | "
      f"{fmt(num(k + '.other_cores'))} cores | {fmt(num(k + '.xacts_per_step'))} | "
      f"{fmt(num(k + '.claims'))} | {fmt(num(k + '.claim_p50_ms'))} ms | {fmt(num(k + '.tool_step_p50_ms'))} ms | "
      f"{s(k + '.hot_update_pct')} % | {fmt(num(k + '.lease_lost'), 0)} | {fmt(num(k + '.lease_expiries'), 0)} | "
      f"{s(k + '.deadlocks')} | {fmt(num(k + '.commit_retries'), 0)} |")
w("")
w(f"Steps committed per replica (all batches, from `cairn_steps_total`): {s('steps.r2.steps_per_replica')}. "
  f"Two replicas vs one: {fmt(ratio(s2, s1))}x. Runtime and Postgres share {s('machine.nproc')} cores, "
  "so CPU per step bounds steps/s at about nproc / (runtime + Postgres CPU per step).")
w("")
w("### 3. Runtime overhead per step (20 ms model)")
w("")
w(f"{s('param.OVH_RUNS')} runs, at most 4 in flight (`CAIRN_WORKER_MAX_IN_FLIGHT=4`). Per step: time "
  "between the run's previous checkpoint and this one (`created_at`), minus 20 ms for model steps; "
  "this covers the decision, execution and bookkeeping of this step plus the part of the previous "
  "step's commit it could not overlap (ADR 8: a model call or read-only tool call runs while the "
  "previous commit is in flight; its own commit waits for it). First steps (which include the "
  "claim) are left out.")
w("")
w("| Steps | n | p50 | p99 |")
w("|---|---|---|---|")
for kind in ("ALL", "MODEL_CALL", "TOOL_CALL"):
    w(f"| {kind.lower().replace('_', ' ')} | {s(f'overhead.{kind}.n')} | {s(f'overhead.{kind}.p50_ms')} ms | "
      f"{s(f'overhead.{kind}.p99_ms')} ms |")
w("")
w(f"Run statuses: {s('overhead.statuses')}. Before the measured runs, {s('param.OVH_JIT_RUNS')} "
  "zero-delay runs and a few runs of the measured agent warm the replica up (JIT), as a replica in "
  "service is.")
w("")
w("Where the time goes, over the measured runs only (`cairn_step_phase_seconds` and the group-commit "
  "histograms, difference of two scrapes; percentiles are bucket upper bounds):")
w("")
w("| Phase | n | p50 | p99 |")
w("|---|---|---|---|")
for phase, label in (("decide", "decide (pure)"), ("intent", "record intent"),
                     ("execute", "execute (model or tool call)"), ("apply", "apply and build the commit"),
                     ("commit", "blocked on a commit (overlapped commits cost nothing here)"),
                     ("queue_wait", "of which: waiting for the committer"),
                     ("transaction", "of which: the commit transaction")):
    if f"overhead.phase.{phase}.n" in R:
        w(f"| {label} | {s(f'overhead.phase.{phase}.n')} | {s(f'overhead.phase.{phase}.p50_ms')} ms | "
          f"{s(f'overhead.phase.{phase}.p99_ms')} ms |")
w("")
w("### 4. Concurrent runs with a 1 s model")
w("")
w(f"{s('param.CONC_RUNS')} runs of {2 * int(s('param.CONC_TURNS', '15')) + 1} steps "
  f"({int(s('param.CONC_TURNS', '15')) + 1} model answers of 1 s each, so a run takes at least "
  f"{s('concurrent.min_run_s')} s), one replica, `CAIRN_WORKER_MAX_IN_FLIGHT=2048`, pool 24. Rates over "
  f"{s('concurrent.rate_basis')}; the whole batch took {fmt(num('concurrent.span_s'))} s.")
w("")
w("| | value |")
w("|---|---|")
w(f"| all steps/s (model and tool) | {fmt(num('concurrent.steps_per_s'))} |")
w(f"| runs in flight, max | {s('concurrent.max_in_flight')} |")
w(f"| heap used max / idle | {s('concurrent.heap_max_mb')} / {s('concurrent.idle_heap_mb')} MiB |")
w(f"| heap without eden (old gen + survivors) max / idle | {s('concurrent.old_max_mb')} / "
  f"{s('concurrent.idle_old_mb')} MiB |")
w(f"| RSS max / idle | {s('concurrent.rss_max_mb')} / {s('concurrent.idle_rss_mb')} MiB |")
w(f"| live threads max / idle | {s('concurrent.threads_max')} / {s('concurrent.idle_threads')} |")
w(f"| tool step latency p50 / p99 | {fmt(num('concurrent.tool_step_p50_ms'))} / "
  f"{fmt(num('concurrent.tool_step_p99_ms'))} ms |")
w(f"| runtime / Postgres CPU per step | {fmt(num('concurrent.jvm_cpu_ms_per_step'))} / "
  f"{fmt(num('concurrent.pg_cpu_ms_per_step'))} ms |")
w(f"| zero-delay baseline ({s('concurrent.zero.runs')} runs, same replica): steps/s | "
  f"{fmt(num('concurrent.zero.steps_per_s'))} |")
w(f"| zero-delay baseline: runtime / Postgres CPU per step | "
  f"{fmt(num('concurrent.zero.jvm_cpu_ms_per_step'))} / {fmt(num('concurrent.zero.pg_cpu_ms_per_step'))} ms |")
w(f"| steps/s, 1 s model / zero-delay | {fmt(cz, 3) if cz is not None else 'n/a'} |")
w(f"| machine busy (other processes) | {fmt(num('concurrent.machine_busy_pct'))} % "
  f"({fmt(num('concurrent.other_cores'))} cores) |")
w(f"| model calls made (committed, `cairn_steps_total`) | {fmt(num('concurrent.model_calls'), 0)} |")
w(f"| step results dropped because the lease was lost (`cairn_lease_lost_total`) | "
  f"{fmt(num('concurrent.lease_lost'), 0)} |")
w(f"| leases freed by the reaper (`cairn_lease_expiries_total`) | {fmt(num('concurrent.lease_expiries'), 0)} |")
w(f"| deadlocks detected by Postgres in this database | {s('concurrent.deadlocks')} |")
w(f"| commit retries | {fmt(num('concurrent.commit_retries'), 0)} |")
w(f"| run statuses | {s('concurrent.statuses')} |")
w("")
w("### 5. Parked runs")
w("")
w(f"Half WAITING with `wake_at` spread over the next 30 days (in the timer index the claim range-scans), half PAUSED (in no claim index), "
  f"plus {s('param.IDLE_ACTIVE')} active runs with a 1 s model; after {s('param.IDLE_SETTLE')} s, CPU is sampled from "
  f"`/proc` over {s('param.IDLE_WINDOW')} s.")
w("")
w(f"The third column: {s('param.IDLE_SLEEPERS')} sleeping runs only (WAITING, timers 2 to 30 days away), "
  "same active runs.")
w("")
w("| | no parked runs | parked runs | sleeping runs |")
w("|---|---|---|---|")
for label, key in (("parked runs", "parked"), ("runtime CPU, % of a core", "jvm_cpu_pct"),
                   ("Postgres CPU (runtime's connections), % of a core", "pg_cpu_pct"),
                   ("other processes, cores", "other_cores"), ("claims per second", "claims_per_s"), ("claim p50 / p99 (metric), ms", None),
                   ("claim EXPLAIN ANALYZE, ms", "explain_ms"), ("claim top-node buffers", "explain_buffers"),
                   ("timer index scan", "explain_index_rows"), ("RSS, MiB", "rss_mb"),
                   ("live runs (QUEUED/RUNNING/WAITING)", "live_runs"), ("deadlocks", "deadlocks")):
    cells = []
    for variant in ("empty", "loaded", "sleepers"):
        if key is None:
            cells.append(f"{fmt(num(f'idle.{variant}.claim_p50_ms'))} / "
                         f"{fmt(num(f'idle.{variant}.claim_p99_ms'))}")
        elif num(f"idle.{variant}.{key}") is not None:
            cells.append(fmt(num(f"idle.{variant}.{key}")))
        else:
            cells.append(s(f"idle.{variant}.{key}"))
    w(f"| {label} | {' | '.join(cells)} |")
w("")
w(f"The same replica with no run at all (before the active runs of the first column were submitted, "
  f"{s('param.IDLE_NONE_WINDOW')} s): runtime {fmt(num('idle.none.jvm_cpu_pct'))} % of a core, Postgres "
  f"{fmt(num('idle.none.pg_cpu_pct'))} %, {fmt(num('idle.none.claims_per_s'))} claims per second, RSS "
  f"{fmt(num('idle.none.rss_mb'))} MiB.")
w("")
plan = out_dir / "explain_loaded.txt"
if plan.exists():
    w("Claim plan with parked runs (last of the five):")
    w("")
    w("```")
    out.extend(line.rstrip() for line in plan.read_text().splitlines() if line.strip())
    w("```")
    w("")
w("### 6. WAL and storage per step")
w("")
w(f"From the one-replica run of scenario 2. WAL is attributed to the scenario's database record by record "
  f"with `pg_walinspect` (the cluster is shared); the plain LSN difference gives "
  f"{fmt(num('wal.raw_bytes_per_step'))} B per step (pgbench: {fmt(num('pgb.wal_raw_bytes_per_txn'))} B per tx). "
  f"Full-page images: {fmt(num('wal.fpi_pct'))} % of the runtime's WAL, {fmt(num('pgb.wal_fpi_pct'))} % of "
  f"pgbench's ({s('wal.checkpoints')} and {s('pgb.wal_checkpoints')} Postgres checkpoints started during the "
  f"two windows; right after a checkpoint, the first change to each page logs the whole page). "
  + (f"With group commit off the runtime writes {fmt(num('nogc.wal.bytes_per_step'))} B of WAL per step. "
     if num("nogc.wal.bytes_per_step") is not None else "") +
  f"Rows per step: {s('storage.tables_per_step')}. Checkpoint rows average "
  f"{s('storage.checkpoint_row_bytes')} B (pgbench script: {s('pgb.checkpoint_row_bytes')} B).")
w("")
w("| Table (with indexes) | bytes per step |")
w("|---|---|")
for t in ("checkpoint", "run_message", "tool_invocation", "agent_run", "outbox_event"):
    w(f"| {t} | {fmt(num(f'storage.{t}'))} |")
w(f"| database growth | {fmt(num('storage.db_growth_per_step'))} |")
w("")
w("WAL per step by relation (first block reference of each record):")
w("")
w("| Relation | runtime B/step (of which FPI) | | Relation | pgbench B/tx (of which FPI) |")
w("|---|---|---|---|---|")
rt = [v.split("|") for v in MULTI.get("wal.rel", [])]
pg = [v.split("|") for v in MULTI.get("pgb.wal_rel", [])]
for i in range(max(len(rt), len(pg))):
    a = f"{rt[i][0]} | {fmt(float(rt[i][1]))} ({fmt(float(rt[i][2]))})" if i < len(rt) else " | "
    b = f"{pg[i][0]} | {fmt(float(pg[i][1]))} ({fmt(float(pg[i][2]))})" if i < len(pg) else " | "
    w(f"| {a} | | {b} |")
w("")
w("### 7. Long runs")
w("")
w(f"{s('longrun.runs')} runs of {2 * int(s('param.LONG_TURNS', '150')) + 1} steps in flight together "
  f"(zero-delay model, a calculator call per turn), one replica, after {s('param.LONG_WARMUP')} zero-delay runs of "
  f"{2 * int(s('param.STEP_TURNS', '10')) + 1} steps (JIT). A step's time is the gap between consecutive checkpoints of "
  f"its run: runtime and Postgres only, the model answers at once.")
w("")
w("| | value |")
w("|---|---|")
w(f"| checkpoints written (highest seq) | {s('longrun.steps')} ({s('longrun.max_seq')}) |")
w(f"| steps 6-{5 + int(s('param.LONG_EDGE', '30'))}: p50 / p90 | {fmt(num('longrun.early_p50_ms'))} / "
  f"{fmt(num('longrun.early_p90_ms'))} ms |")
w(f"| last {s('param.LONG_EDGE')} steps: p50 / p90 | {fmt(num('longrun.late_p50_ms'))} / "
  f"{fmt(num('longrun.late_p90_ms'))} ms |")
w(f"| late / early, p50 | {fmt(num('longrun.ratio_p50'), 3)} |")
w(f"| runtime / Postgres CPU per step (whole runs) | {fmt(num('longrun.jvm_cpu_ms_per_step'))} / "
  f"{fmt(num('longrun.pg_cpu_ms_per_step'))} ms |")
w(f"| other processes, cores | {fmt(num('longrun.other_cores'))} |")
w(f"| run statuses | {s('longrun.statuses')} |")
w("")
w("## Runtime logs and anomalies")
w("")
w("WARN and ERROR lines in each runtime's log (bench/out/*.log), most frequent first:")
w("")
logs = sorted({k.split(".")[1] for k in R if k.startswith("log.")})
for name in logs:
    e, wn = s(f"log.{name}.errors", "0"), s(f"log.{name}.warns", "0")
    w(f"- {name}: {e} ERROR, {wn} WARN ({s(f'log.{name}.after_sigterm', '0')} of them after the harness "
      f"sent SIGTERM)")
    for sample in MULTI.get(f"log.{name}.sample", []):
        w(f"  - `{sample}`")
w("")
dl = [(name, s(k)) for name, k in (("scenario 2, 1 replica", "steps.r1.deadlocks"),
                                    ("scenario 2, 2 replicas", "steps.r2.deadlocks"),
                                    ("scenario 2, group commit off", "steps.r1nogc.deadlocks"),
                                    ("scenario 3", "overhead.deadlocks"),
                                    ("scenario 4", "concurrent.deadlocks"),
                                    ("scenario 5, no parked runs", "idle.empty.deadlocks"),
                                    ("scenario 5, parked runs", "idle.loaded.deadlocks"))
      if (num(k) or 0) > 0]
if dl:
    w("Deadlocks Postgres detected in the scenarios' databases (`pg_stat_database.deadlocks`; the "
      "server log names the two statements): " + ", ".join(f"{n}: {v}" for n, v in dl) + ".")
    w("")
lost = [(name, num(k)) for name, k in (("scenario 2, 1 replica", "steps.r1.lease_lost"),
                                       ("scenario 2, 2 replicas", "steps.r2.lease_lost"),
                                       ("scenario 2, group commit off", "steps.r1nogc.lease_lost"),
                                       ("scenario 3", "overhead.lease_lost"),
                                       ("scenario 4", "concurrent.lease_lost")) if (num(k) or 0) > 0]
if lost:
    w("Step results dropped because the run's lease was lost (`cairn_lease_lost_total`; no replica "
      "was stopped during these scenarios): " + ", ".join(f"{n}: {fmt(v, 0)}" for n, v in lost) + ".")
    w("")
for a in MULTI.get("anomaly", []):
    w(f"- Harness: {a}")
for key in sorted(k for k in R if k.endswith("timeout")):
    w(f"- Timeout: `{key}` = {R[key]} (the scenario did not finish in time; its figures cover what "
      "completed).")
doc_path.write_text("\n".join(out) + "\n")
print(f"wrote {doc_path}")
