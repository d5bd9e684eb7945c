package dev.cairn.runtime.memory;

import dev.cairn.runtime.engine.Decision;
import dev.cairn.runtime.engine.Message;
import dev.cairn.runtime.engine.RunSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds what a model call sends, within the model's window. Ordinary calls: the system prompt,
 * pinned memory, the run's input, the running summary, then the recent turns. Everything before the
 * recent turns changes only when a new summary is made, so consecutive calls share a byte-identical
 * prefix a provider can serve from its prompt cache. Pure.
 *
 * <p>The planner summarises long before the window is full; should a conversation still not fit (a
 * huge tool result), the oldest recent turns are left out, whole, and if that is not enough the
 * texts are cut, so the window is never exceeded.
 */
public final class ContextBuilder {
  private final ContextPlanner planner;

  /**
   * Creates the builder.
   *
   * @param planner the planner whose windows it fills
   */
  public ContextBuilder(ContextPlanner planner) {
    this.planner = planner;
  }

  /**
   * The messages of the run's next ordinary call.
   *
   * @param run the run
   * @param pinnedText pinned memory, empty for none
   * @return the context
   */
  public ModelContext forAnswer(RunSnapshot run, String pinnedText) {
    ContextWindow window = planner.window(run);
    List<Message> prefix = new ArrayList<>();
    String system = run.spec().systemPrompt();
    if (system != null && !system.isBlank()) {
      prefix.add(synthetic(system));
    }
    String pinned = TokenEstimator.truncate(pinnedText, window.pinned());
    if (pinned != null && !pinned.isBlank() && window.pinned() > 0) {
      prefix.add(synthetic(SummaryPrompt.PINNED_HEADING + pinned));
    }
    List<Message> input = new ArrayList<>();
    for (Message m : run.messages()) {
      if (m.seq() == 0) {
        input.add(m);
      }
    }
    Message summary =
        run.summary() == null
            ? null
            : synthetic(
                SummaryPrompt.HEADING
                    + TokenEstimator.truncate(run.summary().text(), window.summaryCap()));
    List<List<Message>> groups = new ArrayList<>(TurnGroups.of(run.messages()));
    long budget = window.messageBudget();
    long fixed = sum(prefix) + sum(input) + (summary == null ? 0 : TokenEstimator.tokens(summary));
    long recent = 0;
    for (List<Message> g : groups) {
      recent += TurnGroups.tokens(g);
    }
    while (fixed + recent > budget && groups.size() > 1) {
      recent -= TurnGroups.tokens(groups.removeFirst());
    }
    List<Message> tail = new ArrayList<>();
    groups.forEach(tail::addAll);
    if (fixed + recent > budget) {
      long room = budget - sum(prefix) - (summary == null ? 0 : TokenEstimator.tokens(summary));
      List<Message> variable = new ArrayList<>(input);
      variable.addAll(tail);
      List<Message> cut = cutToFit(variable, room);
      input = cut.subList(0, input.size());
      tail = cut.subList(input.size(), cut.size());
    }
    List<Message> messages = new ArrayList<>(prefix);
    messages.addAll(input);
    if (summary != null) {
      messages.add(summary);
    }
    messages.addAll(tail);
    return new ModelContext(List.copyOf(messages), sum(messages), budget);
  }

  /**
   * The messages of a summary call: the instruction, then the previous summary and the turns to
   * fold in as one user message.
   *
   * @param run the run
   * @param request the turns to fold in
   * @return the context
   */
  public ModelContext forSummary(RunSnapshot run, Decision.SummaryRequest request) {
    ContextWindow window = planner.window(run);
    Message instruction = synthetic(SummaryPrompt.INSTRUCTION);
    StringBuilder text = new StringBuilder();
    if (run.summary() != null) {
      text.append(SummaryPrompt.PREVIOUS).append(run.summary().text()).append("\n\n");
    }
    List<String> lines = new ArrayList<>();
    for (Message m : run.messages()) {
      if (m.seq() != 0 && m.idx() >= request.fromIdx() && m.idx() <= request.toIdx()) {
        lines.add(SummaryPrompt.line(m));
      }
    }
    long room =
        window.summaryInputBudget()
            - TokenEstimator.tokens(instruction)
            - TokenEstimator.PER_MESSAGE
            - TokenEstimator.tokens(text.toString() + SummaryPrompt.TURNS);
    String transcript = String.join("\n", lines);
    if (TokenEstimator.tokens(transcript) > room) {
      long each = Math.max(0, room / Math.max(1, lines.size()) - 1);
      List<String> cut = new ArrayList<>(lines.size());
      for (String line : lines) {
        cut.add(TokenEstimator.truncate(line, each));
      }
      transcript = String.join("\n", cut);
    }
    text.append(SummaryPrompt.TURNS).append(transcript);
    Message user =
        new Message(
            ModelContext.SYNTHETIC,
            ModelContext.SYNTHETIC,
            Message.Role.USER,
            text.toString(),
            List.of(),
            null,
            null);
    List<Message> messages = List.of(instruction, user);
    return new ModelContext(messages, sum(messages), window.summaryInputBudget());
  }

  /** The messages with their texts cut to one common limit, the largest that fits {@code room}. */
  private static List<Message> cutToFit(List<Message> messages, long room) {
    long low = 0;
    long high = 0;
    for (Message m : messages) {
      high = Math.max(high, TokenEstimator.tokens(m.content()));
    }
    while (low < high) {
      long mid = (low + high + 1) / 2;
      if (sum(cut(messages, mid)) <= room) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return cut(messages, low);
  }

  private static List<Message> cut(List<Message> messages, long limit) {
    List<Message> cut = new ArrayList<>(messages.size());
    for (Message m : messages) {
      cut.add(
          new Message(
              m.idx(),
              m.seq(),
              m.role(),
              TokenEstimator.truncate(m.content(), limit),
              m.toolCalls(),
              m.toolCallId(),
              m.toolName()));
    }
    return cut;
  }

  private static Message synthetic(String text) {
    return new Message(
        ModelContext.SYNTHETIC,
        ModelContext.SYNTHETIC,
        Message.Role.SYSTEM,
        text,
        List.of(),
        null,
        null);
  }

  private static long sum(List<Message> messages) {
    long n = 0;
    for (Message m : messages) {
      n += TokenEstimator.tokens(m);
    }
    return n;
  }
}
