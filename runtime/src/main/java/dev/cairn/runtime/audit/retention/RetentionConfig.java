package dev.cairn.runtime.audit.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Payload retention settings ({@code cairn.retention.*}); docs/retention.md lists them. */
@ConfigMapping(prefix = "cairn.retention")
public interface RetentionConfig {
  /**
   * Whether this replica prunes (any number of replicas may; they never prune the same run at
   * once).
   *
   * @return true by default
   */
  @WithDefault("true")
  boolean enabled();

  /**
   * How often the pruner looks for runs whose retention has passed.
   *
   * @return the interval
   */
  @WithDefault("1h")
  Duration interval();

  /**
   * Rows (checkpoints, messages, tool invocations) pruned per transaction.
   *
   * @return the batch size
   */
  @WithDefault("500")
  int batchSize();

  /**
   * Runs taken per pass; the next pass takes the rest.
   *
   * @return the limit
   */
  @WithDefault("1000")
  int runsPerPass();
}
