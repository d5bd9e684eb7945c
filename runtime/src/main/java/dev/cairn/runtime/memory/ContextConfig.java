package dev.cairn.runtime.memory;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/** Context window settings ({@code cairn.context.*}); docs/short-term-memory.md lists them. */
@ConfigMapping(prefix = "cairn.context")
public interface ContextConfig {
  /**
   * The context window, in tokens, of a model without an entry in {@link #models()}.
   *
   * @return 128,000 by default
   */
  @WithDefault("128000")
  int defaultWindow();

  /**
   * The share of the conversation's budget past which older turns are summarised.
   *
   * @return 0.7 by default
   */
  @WithDefault("0.7")
  double summarizeAt();

  /**
   * The share of the conversation's budget the recent turns keep, unsummarised, after a summary.
   *
   * @return 0.3 by default
   */
  @WithDefault("0.3")
  double keepRecent();

  /**
   * The share of the window a summary may take (its output cap).
   *
   * @return 0.15 by default
   */
  @WithDefault("0.15")
  double summaryShare();

  /**
   * The share of the window pinned memory may take; pinned text beyond it is cut.
   *
   * @return 0 by default (nothing is pinned until a pinned memory source is installed)
   */
  @WithDefault("0")
  double pinnedShare();

  /**
   * The share of the window kept free as a safety margin for the estimator's error.
   *
   * @return 0.1 by default
   */
  @WithDefault("0.1")
  double margin();

  /**
   * Windows per model, keyed {@code "<provider>/<model>"}, e.g. {@code
   * cairn.context.models."openai/gpt-4o".window=128000}.
   *
   * @return the entries
   */
  Map<String, Model> models();

  /** One model's window. */
  interface Model {
    /**
     * The model's context window in tokens (prompt plus answer).
     *
     * @return the window
     */
    int window();
  }
}
