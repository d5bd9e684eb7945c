package dev.cairn.persistence.store;

/**
 * One row of an agent's A/B variant report: one variant's runs, or the totals over all variants.
 *
 * @param variant the variant, or null for the totals row
 * @param runs runs
 * @param completed runs that completed
 * @param failed runs that failed
 * @param steps checkpoints of those runs
 * @param inputTokens prompt tokens
 * @param outputTokens completion tokens
 * @param costMicros cost, millionths of the price table's currency
 * @param timedCalls model calls with a recorded latency
 * @param p50 median model-call latency in milliseconds, or null without timed calls
 * @param p95 95th percentile latency, or null
 * @param p99 99th percentile latency, or null
 */
public record VariantReportRow(
    String variant,
    long runs,
    long completed,
    long failed,
    long steps,
    long inputTokens,
    long outputTokens,
    long costMicros,
    long timedCalls,
    Long p50,
    Long p95,
    Long p99) {}
