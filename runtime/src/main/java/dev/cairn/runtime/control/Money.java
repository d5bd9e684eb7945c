package dev.cairn.runtime.control;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Amounts of the price table's currency as millionths ("micros"), as budgets store them. */
public final class Money {
  private static final int MICROS_SCALE = 6;

  private Money() {}

  /**
   * An amount in micros, rounded up to a whole micro.
   *
   * @param amount the amount, e.g. {@code 1.25}
   * @return micros, e.g. {@code 1250000}
   */
  public static long micros(BigDecimal amount) {
    return amount.movePointRight(MICROS_SCALE).setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /**
   * Micros as an amount.
   *
   * @param micros millionths
   * @return the amount
   */
  public static BigDecimal amount(long micros) {
    return BigDecimal.valueOf(micros, MICROS_SCALE).stripTrailingZeros();
  }
}
