package dev.cairn.runtime.memory;

import dev.cairn.runtime.engine.AgentSpec;
import dev.cairn.runtime.engine.ContextPolicy;
import dev.cairn.runtime.engine.Decision;
import dev.cairn.runtime.engine.Message;
import dev.cairn.runtime.engine.RunSnapshot;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Decides when a run's older turns are summarised: when the conversation its next call would send
 * passes {@code summarize-at} of the conversation budget. The summary then covers the oldest turns
 * not yet summarised, keeping the most recent turns that fit {@code keep-recent} of the budget raw
 * (at least the last one), and as many of the older turns as one summary call can read. Tool calls
 * and their results are summarised or kept together. Pure.
 */
public final class ContextPlanner implements ContextPolicy {
  private final ContextSettings settings;
  private final ToLongFunction<List<String>> toolTokens;

  /**
   * Creates the planner.
   *
   * @param settings the windows and shares
   * @param toolTokens estimated tokens of the definitions of the named tools
   */
  public ContextPlanner(ContextSettings settings, ToLongFunction<List<String>> toolTokens) {
    this.settings = settings;
    this.toolTokens = toolTokens;
  }

  /**
   * The window of a run's model.
   *
   * @param run the run
   * @return the window
   */
  public ContextWindow window(RunSnapshot run) {
    return window(run.spec());
  }

  /**
   * The window of a definition's model.
   *
   * @param spec the definition
   * @return the window
   */
  public ContextWindow window(AgentSpec spec) {
    return ContextWindow.of(settings, spec, toolTokens.applyAsLong(spec.tools()));
  }

  @Override
  public Optional<Decision.SummaryRequest> summaryDue(RunSnapshot run) {
    ContextWindow window = window(run);
    List<List<Message>> groups = TurnGroups.of(run.messages());
    long conversation = fixedTokens(run, window);
    for (List<Message> group : groups) {
      conversation += TurnGroups.tokens(group);
    }
    if (conversation <= settings.summarizeAt() * window.conversationBudget() || groups.size() < 2) {
      return Optional.empty();
    }
    double keep = settings.keepRecent() * window.conversationBudget();
    int firstKept = groups.size() - 1;
    long kept = TurnGroups.tokens(groups.get(firstKept));
    while (firstKept > 0 && kept + TurnGroups.tokens(groups.get(firstKept - 1)) <= keep) {
      firstKept--;
      kept += TurnGroups.tokens(groups.get(firstKept));
    }
    if (firstKept == 0) {
      // All turns fit the recent share: the fixed parts are what is large, a summary cannot help.
      return Optional.empty();
    }
    long room =
        window.summaryInputBudget()
            - 2L * TokenEstimator.PER_MESSAGE
            - TokenEstimator.tokens(SummaryPrompt.INSTRUCTION)
            - TokenEstimator.tokens(SummaryPrompt.PREVIOUS + SummaryPrompt.TURNS)
            - (run.summary() == null ? 0 : TokenEstimator.tokens(run.summary().text()));
    int last = 0;
    long used = transcriptTokens(groups.get(0));
    while (last + 1 < firstKept && used + transcriptTokens(groups.get(last + 1)) <= room) {
      last++;
      used += transcriptTokens(groups.get(last));
    }
    return Optional.of(
        new Decision.SummaryRequest(
            groups.get(0).getFirst().idx(), groups.get(last).getLast().idx()));
  }

  @Override
  public long extraInputTokens(RunSnapshot run, boolean summary) {
    // In the budget's unit (a token per UTF-8 byte): an upper bound of what the context adds to
    // the snapshot's texts, which the budget already counts.
    if (summary) {
      return SummaryPrompt.INSTRUCTION.length()
          + (SummaryPrompt.PREVIOUS + SummaryPrompt.TURNS).length()
          + 4L * run.messages().size();
    }
    long pinned = (long) window(run).pinned() * TokenEstimator.BYTES_PER_TOKEN;
    return (run.summary() == null ? 0 : SummaryPrompt.HEADING.length())
        + (pinned > 0 ? SummaryPrompt.PINNED_HEADING.length() + pinned + 8 : 0);
  }

  @Override
  public Integer outputCap(RunSnapshot run, boolean summary) {
    ContextWindow window = window(run);
    return summary ? window.summaryCap() : window.answerCap();
  }

  /** The conversation's parts that are always sent: system prompt, input, summary block. */
  static long fixedTokens(RunSnapshot run, ContextWindow window) {
    long n = 0;
    String system = run.spec().systemPrompt();
    if (system != null && !system.isBlank()) {
      n += TokenEstimator.PER_MESSAGE + TokenEstimator.tokens(system);
    }
    for (Message m : run.messages()) {
      if (m.seq() == 0) {
        n += TokenEstimator.tokens(m);
      }
    }
    if (run.summary() != null) {
      n +=
          TokenEstimator.PER_MESSAGE
              + TokenEstimator.tokens(SummaryPrompt.HEADING)
              + Math.min(window.summaryCap(), TokenEstimator.tokens(run.summary().text()));
    }
    return n;
  }

  private static long transcriptTokens(List<Message> group) {
    long n = 0;
    for (Message m : group) {
      n += TokenEstimator.tokens(SummaryPrompt.line(m) + "\n");
    }
    return n;
  }
}
