package dev.cairn.runtime.memory;

import dev.cairn.runtime.engine.PinnedMemory;
import dev.cairn.tools.Tool;
import dev.cairn.tools.ToolCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import java.util.Optional;

/**
 * Short-term memory as this replica configures it: the planner the engine decides with, the builder
 * the model gateway sends with, and the pinned memory source (none unless one is installed).
 */
@ApplicationScoped
public class ShortTermMemory {
  /** Tokens counted per tool definition for its JSON framing. */
  private static final int TOOL_FRAMING = 32;

  private final ContextPlanner planner;
  private final ContextBuilder builder;
  private final PinnedMemory pinned;

  /**
   * Wires short-term memory.
   *
   * @param config the context settings
   * @param tools the tools whose definitions calls send
   * @param pinnedSources an installed pinned memory source, if any
   */
  public ShortTermMemory(
      ContextConfig config, ToolCatalog tools, Instance<PinnedMemory> pinnedSources) {
    this.planner =
        new ContextPlanner(ContextSettings.of(config), names -> toolTokens(tools, names));
    this.builder = new ContextBuilder(planner);
    this.pinned = pinnedSources.isResolvable() ? pinnedSources.get() : PinnedMemory.NONE;
  }

  /**
   * The planner (the engine's context policy).
   *
   * @return the planner
   */
  public ContextPlanner planner() {
    return planner;
  }

  /**
   * The context builder.
   *
   * @return the builder
   */
  public ContextBuilder builder() {
    return builder;
  }

  /**
   * The pinned memory source.
   *
   * @return the source
   */
  public PinnedMemory pinned() {
    return pinned;
  }

  /**
   * Why a definition cannot work on its model's window, if it cannot: the parts sent with every
   * call (system prompt and tool definitions) may take at most half of what a call may send, or the
   * conversation would have no room left.
   *
   * @param spec the definition
   * @return the problem, or empty when it fits
   */
  public Optional<String> windowProblem(dev.cairn.runtime.engine.AgentSpec spec) {
    ContextWindow window = planner.window(spec);
    long system =
        spec.systemPrompt() == null || spec.systemPrompt().isBlank()
            ? 0
            : TokenEstimator.PER_MESSAGE + TokenEstimator.tokens(spec.systemPrompt());
    long fixed = system + window.tools();
    if (fixed <= window.inputBudget() / 2) {
      return Optional.empty();
    }
    return Optional.of(
        "the system prompt and tool definitions take about "
            + fixed
            + " tokens; the model's context window of "
            + window.window()
            + " tokens leaves "
            + window.inputBudget()
            + " per call, of which they may take at most half (shorten them, use fewer tools, or"
            + " configure a larger window for this model)");
  }

  /**
   * Estimated tokens of the named tools' definitions as a provider receives them: name, description
   * and schema, the schema counted half again for the wire format's additions.
   *
   * @param tools the catalogue
   * @param names the tool names
   * @return tokens
   */
  public static long toolTokens(ToolCatalog tools, List<String> names) {
    long n = 0;
    for (String name : names) {
      Optional<Tool> tool = tools.find(name);
      if (tool.isPresent()) {
        Tool t = tool.get();
        n +=
            TOOL_FRAMING
                + TokenEstimator.tokens(t.name())
                + TokenEstimator.tokens(t.description())
                + TokenEstimator.tokens(t.argumentsSchema().toString()) * 3 / 2;
      }
    }
    return n;
  }
}
