package dev.cairn.runtime.control;

import dev.cairn.runtime.config.CairnConfig;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/** Builds the {@link PriceTable} from {@code cairn.prices.*}. */
@Dependent
public class Prices {
  /**
   * The configured price table.
   *
   * @param config configuration
   * @return the table
   */
  @Produces
  @Singleton
  public PriceTable priceTable(CairnConfig config) {
    List<PriceTable.Entry> entries =
        config.prices().values().stream()
            .map(
                p ->
                    new PriceTable.Entry(
                        p.provider(),
                        p.model(),
                        p.input(),
                        p.cachedInput().orElse(p.input()),
                        p.output()))
            .toList();
    return new PriceTable(entries);
  }
}
