package dev.cairn.runtime.api.ops;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * New limits for a run; each given limit must be at least the run's current one.
 *
 * @param maxSteps most steps
 * @param maxModelCalls most model calls
 * @param maxTokens most tokens
 * @param maxCostUsd most cost in the price table's currency
 * @param maxDurationSeconds wall-clock limit after submission
 */
@Schema(description = "Raises one or more of a run's limits")
public record BudgetRequest(
    @Min(1) @Max(100_000) Integer maxSteps,
    @Min(1) @Max(100_000) Integer maxModelCalls,
    @Min(1) @Max(10_000_000_000L) Long maxTokens,
    @DecimalMin("0.000001") @DecimalMax("1000000") @Digits(integer = 7, fraction = 6)
        BigDecimal maxCostUsd,
    @Min(1) @Max(31_536_000) Long maxDurationSeconds) {}
