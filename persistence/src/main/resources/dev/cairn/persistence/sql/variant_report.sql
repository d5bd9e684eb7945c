-- Runs of one agent per A/B variant, and over all variants (ADR 0026): counts by outcome, steps,
-- tokens and cost from the runs, and model-call latency percentiles from the calls their
-- checkpoints recorded (outcome -> 'call' -> 'latencyMillis'; checkpoints whose payloads were pruned
-- record none). Only runs that have a variant count. One grouping-sets pass per part, so the totals
-- row is computed over the same rows as the variant rows and adds up by construction.
-- Parameters: 1 tenant_id, 2 agent_name, 3 created since, 4 version or null, 5 version or null
WITH runs AS (
    SELECT id, variant, status, step_count, input_tokens, output_tokens, cost_micros
      FROM agent_run
     WHERE tenant_id = ? AND agent_name = ? AND created_at >= ?
       AND variant IS NOT NULL
       AND (?::integer IS NULL OR agent_version = ?::integer)
), run_groups AS (
    SELECT GROUPING(variant) = 1 AS total, variant,
           count(*) AS runs,
           count(*) FILTER (WHERE status = 'COMPLETED') AS completed,
           count(*) FILTER (WHERE status = 'FAILED') AS failed,
           coalesce(sum(step_count), 0) AS steps,
           coalesce(sum(input_tokens), 0) AS input_tokens,
           coalesce(sum(output_tokens), 0) AS output_tokens,
           coalesce(sum(cost_micros), 0) AS cost_micros
      FROM runs
     GROUP BY GROUPING SETS ((variant), ())
), calls AS (
    SELECT r.variant, (c.outcome -> 'call' ->> 'latencyMillis')::bigint AS latency_ms
      FROM runs r
      JOIN checkpoint c ON c.run_id = r.id
     WHERE jsonb_typeof(c.outcome -> 'call' -> 'latencyMillis') = 'number'
), latency_groups AS (
    SELECT GROUPING(variant) = 1 AS total, variant,
           count(*) AS model_calls,
           percentile_disc(0.50) WITHIN GROUP (ORDER BY latency_ms) AS p50,
           percentile_disc(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95,
           percentile_disc(0.99) WITHIN GROUP (ORDER BY latency_ms) AS p99
      FROM calls
     GROUP BY GROUPING SETS ((variant), ())
)
SELECT g.total, g.variant, g.runs, g.completed, g.failed, g.steps, g.input_tokens,
       g.output_tokens, g.cost_micros, coalesce(l.model_calls, 0) AS timed_calls,
       l.p50, l.p95, l.p99
  FROM run_groups g
  LEFT JOIN latency_groups l ON l.total = g.total AND l.variant IS NOT DISTINCT FROM g.variant
 ORDER BY g.total, g.variant
