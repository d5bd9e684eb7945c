package dev.cairn.runtime.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceTableTest {
  private final PriceTable table =
      new PriceTable(
          List.of(
              new PriceTable.Entry(
                  "openai",
                  "gpt-4o",
                  new BigDecimal("2.50"),
                  new BigDecimal("1.25"),
                  new BigDecimal("10.00")),
              new PriceTable.Entry(
                  "openai",
                  "tiny",
                  new BigDecimal("0.15"),
                  new BigDecimal("0.075"),
                  new BigDecimal("0.60"))));

  @Test
  void shouldPriceTokensPerMillion() {
    // 1M input at 2.50 + 1M output at 10.00 = 12.50
    assertThat(table.costMicros("openai", "gpt-4o", 1_000_000, 0, 1_000_000)).isEqualTo(12_500_000);
    // 1000 input (400 cached) + 200 output: 600 x 2.5 + 400 x 1.25 + 200 x 10 = 4000 micros
    assertThat(table.costMicros("openai", "gpt-4o", 1000, 400, 200)).isEqualTo(4000);
  }

  @Test
  void shouldRoundUpToAWholeMicro() {
    // 1 token at 0.15 per million = 0.15 micros -> 1
    assertThat(table.costMicros("openai", "tiny", 1, 0, 0)).isEqualTo(1);
    // 3 cached tokens at 0.075 = 0.225 micros -> 1
    assertThat(table.costMicros("openai", "tiny", 3, 3, 0)).isEqualTo(1);
    assertThat(table.costMicros("openai", "tiny", 0, 0, 0)).isZero();
  }

  @Test
  void shouldChargeNothingForAnUnknownModel() {
    assertThat(table.costMicros("openai", "unknown", 1_000_000, 0, 1_000_000)).isZero();
    assertThat(table.costMicros("scripted", "scripted", 5, 0, 5)).isZero();
    assertThat(table.prices("openai", "gpt-4o")).isTrue();
    assertThat(PriceTable.EMPTY.costMicros("openai", "gpt-4o", 10, 0, 10)).isZero();
  }

  @Test
  void shouldNeverCountMoreCachedTokensThanInputTokens() {
    assertThat(table.costMicros("openai", "gpt-4o", 100, 500, 0))
        .isEqualTo(table.costMicros("openai", "gpt-4o", 100, 100, 0))
        .isEqualTo(125);
    assertThat(table.costMicros("openai", "gpt-4o", -5, -1, -1)).isZero();
  }

  @Test
  void shouldRefuseNegativeOrDuplicatePrices() {
    assertThatThrownBy(
            () ->
                new PriceTable.Entry(
                    "p", "m", BigDecimal.ONE, BigDecimal.ONE, new BigDecimal("-1")))
        .isInstanceOf(IllegalArgumentException.class);
    PriceTable.Entry e =
        new PriceTable.Entry("p", "m", BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE);
    assertThatThrownBy(() -> new PriceTable(List.of(e, e)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldConvertAmountsToMicros() {
    assertThat(Money.micros(new BigDecimal("1.5"))).isEqualTo(1_500_000);
    assertThat(Money.micros(new BigDecimal("0.0000011"))).isEqualTo(2);
    assertThat(Money.amount(2_500_000).toPlainString()).isEqualTo("2.5");
  }
}
