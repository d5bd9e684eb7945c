package dev.cairn.runtime;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point. With no datasource URL configured, starts an embedded Postgres whose data lives
 * under {@code ~/.cairn} before Quarkus boots, so the runtime works with no configuration at all.
 */
@QuarkusMain
public final class CairnMain {
  private CairnMain() {}

  /**
   * Starts the runtime.
   *
   * @param args command-line arguments
   */
  public static void main(String... args) {
    EmbeddedDatabase.startIfNoDatasourceConfigured();
    Quarkus.run(args);
  }
}
