package dev.cairn.runtime.memory;

import dev.cairn.runtime.engine.AgentSpec;
import java.util.HashMap;
import java.util.Map;

/**
 * The context window settings as plain data.
 *
 * @param defaultWindow window of a model without an entry
 * @param summarizeAt share of the conversation budget past which older turns are summarised
 * @param keepRecent share of the conversation budget the recent turns keep after a summary
 * @param summaryShare share of the window a summary may take
 * @param pinnedShare share of the window pinned memory may take
 * @param margin share of the window kept free for the estimator's error
 * @param windows windows by {@code "<provider>/<model>"}
 */
public record ContextSettings(
    int defaultWindow,
    double summarizeAt,
    double keepRecent,
    double summaryShare,
    double pinnedShare,
    double margin,
    Map<String, Integer> windows) {

  /** Smallest window accepted; below it no useful context fits. */
  public static final int MIN_WINDOW = 512;

  /** Validates the shares. */
  public ContextSettings {
    windows = Map.copyOf(windows);
    if (defaultWindow < MIN_WINDOW || windows.values().stream().anyMatch(w -> w < MIN_WINDOW)) {
      throw new IllegalArgumentException("context windows must be at least " + MIN_WINDOW);
    }
    if (!(keepRecent > 0 && keepRecent < summarizeAt && summarizeAt <= 1)) {
      throw new IllegalArgumentException("need 0 < keep-recent < summarize-at <= 1");
    }
    if (summaryShare <= 0 || pinnedShare < 0 || margin < 0) {
      throw new IllegalArgumentException("shares must not be negative");
    }
    if (summaryShare + pinnedShare + margin > 0.5) {
      throw new IllegalArgumentException(
          "summary-share + pinned-share + margin must leave half the window");
    }
  }

  /**
   * The settings of the configuration.
   *
   * @param config the configuration
   * @return the settings
   */
  public static ContextSettings of(ContextConfig config) {
    Map<String, Integer> windows = new HashMap<>();
    config.models().forEach((key, model) -> windows.put(key, model.window()));
    return new ContextSettings(
        config.defaultWindow(),
        config.summarizeAt(),
        config.keepRecent(),
        config.summaryShare(),
        config.pinnedShare(),
        config.margin(),
        windows);
  }

  /**
   * The defaults with other windows.
   *
   * @param windows windows by {@code "<provider>/<model>"}
   * @return the settings
   */
  public static ContextSettings defaults(Map<String, Integer> windows) {
    return new ContextSettings(128_000, 0.7, 0.3, 0.15, 0, 0.1, windows);
  }

  /**
   * The window of a model.
   *
   * @param model the model
   * @return its window in tokens
   */
  public int windowOf(AgentSpec.ModelSpec model) {
    return windows.getOrDefault(model.provider() + "/" + model.name(), defaultWindow);
  }
}
