package dev.cairn.runtime.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.runtime.engine.AgentSpec;
import dev.cairn.runtime.engine.ConversationSummary;
import dev.cairn.runtime.engine.Decision;
import dev.cairn.runtime.engine.Message;
import dev.cairn.runtime.engine.ModelPrice;
import dev.cairn.runtime.engine.Reservation;
import dev.cairn.runtime.engine.RunSnapshot;
import dev.cairn.runtime.engine.RunStatus;
import dev.cairn.runtime.engine.ToolCallRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ContextBuilderTest {
  private static final int WINDOW = 2000;
  private final ContextSettings settings =
      new ContextSettings(128_000, 0.7, 0.3, 0.15, 0.05, 0.1, Map.of("scripted/small", WINDOW));
  private final ContextPlanner planner = new ContextPlanner(settings, names -> 100L);
  private final ContextBuilder builder = new ContextBuilder(planner);

  @Test
  void shouldNeverExceedTheBudgetHoweverLongTheConversation() {
    for (int pairs = 0; pairs < 120; pairs += 7) {
      RunSnapshot run = run(conversation(pairs, 80), null);
      ModelContext context = builder.forAnswer(run, "fact ".repeat(500));
      assertThat(context.tokens()).isLessThanOrEqualTo(context.budget());
      assertThat(context.budget() + 100)
          .isEqualTo(planner.window(run).inputBudget())
          .isLessThan(WINDOW);
    }
  }

  @Test
  void shouldCutAHugeToolResultRatherThanExceedTheWindow() {
    List<Message> messages = conversation(2, 10);
    Message last = messages.getLast();
    messages.set(
        messages.size() - 1,
        new Message(
            last.idx(),
            last.seq(),
            last.role(),
            "x".repeat(50_000),
            last.toolCalls(),
            last.toolCallId(),
            last.toolName()));
    ModelContext context = builder.forAnswer(run(messages, null), "");
    assertThat(context.tokens()).isLessThanOrEqualTo(context.budget());
    assertThat(context.messages().getLast().content()).contains("[cut to fit");
  }

  @Test
  void shouldNeverSplitAToolCallFromItsResults() {
    RunSnapshot run = run(conversation(60, 80), null);
    ModelContext context = builder.forAnswer(run, "");
    List<Message> sent = context.messages();
    for (int i = 0; i < sent.size(); i++) {
      if (sent.get(i).role() == Message.Role.TOOL) {
        Message previous = sent.get(i - 1);
        assertThat(previous.role()).isEqualTo(Message.Role.ASSISTANT);
        assertThat(previous.toolCalls())
            .extracting(ToolCallRequest::id)
            .contains(sent.get(i).toolCallId());
      }
    }
    Optional<Decision.SummaryRequest> due = planner.summaryDue(run);
    assertThat(due).isPresent();
    int to = due.get().toIdx();
    Message lastCovered = run.messages().stream().filter(m -> m.idx() == to).findFirst().get();
    assertThat(lastCovered.role())
        .as("a summary ends after a tool result")
        .isEqualTo(Message.Role.TOOL);
  }

  @Test
  void shouldKeepThePrefixByteIdenticalWhileNoSummaryIsMade() {
    ConversationSummary summary = new ConversationSummary(9, 1, 8, "earlier: 4 sums", 4);
    List<Message> messages = conversation(3, 10);
    ModelContext before = builder.forAnswer(run(messages, summary), "pinned fact");
    List<Message> longer = conversation(4, 10);
    ModelContext after = builder.forAnswer(run(longer, summary), "pinned fact");
    assertThat(after.messages().subList(0, before.messages().size())).isEqualTo(before.messages());
    assertThat(after.messages().get(0).content()).isEqualTo("system prompt");
    assertThat(after.messages().get(1).content()).startsWith(SummaryPrompt.PINNED_HEADING);
    assertThat(after.messages().get(2).seq()).as("the run's input").isZero();
    assertThat(after.messages().get(3).content()).startsWith(SummaryPrompt.HEADING);
  }

  @Test
  void shouldNotSummariseAShortConversation() {
    assertThat(planner.summaryDue(run(conversation(3, 10), null))).isEmpty();
  }

  @Test
  void shouldBoundTheSummaryCallByItsOwnBudget() {
    RunSnapshot run = run(conversation(200, 40), null);
    Decision.SummaryRequest due = planner.summaryDue(run).orElseThrow();
    ModelContext context = builder.forSummary(run, due);
    assertThat(context.tokens()).isLessThanOrEqualTo(planner.window(run).summaryInputBudget());
    assertThat(context.messages().getFirst().content()).isEqualTo(SummaryPrompt.INSTRUCTION);
  }

  /** The input, then {@code pairs} tool calls with their results, texts padded to a size. */
  static List<Message> conversation(int pairs, int padding) {
    List<Message> messages = new ArrayList<>();
    messages.add(new Message(0, 0, Message.Role.USER, "the task", List.of(), null, null));
    int seq = 1;
    for (int i = 0; i < pairs; i++) {
      ToolCallRequest call =
          new ToolCallRequest("call_" + i, "calculator", "{\"e\":\"" + "1".repeat(padding) + "\"}");
      messages.add(
          new Message(
              messages.size(), seq++, Message.Role.ASSISTANT, null, List.of(call), null, null));
      messages.add(
          new Message(
              messages.size(),
              seq++,
              Message.Role.TOOL,
              "result " + "2".repeat(padding),
              List.of(),
              call.id(),
              call.name()));
    }
    return messages;
  }

  static RunSnapshot run(List<Message> messages, ConversationSummary summary) {
    AgentSpec.Budget budget = new AgentSpec.Budget(1000, 1000, 10_000_000, 3);
    AgentSpec spec =
        new AgentSpec(
            "test",
            "system prompt",
            new AgentSpec.ModelSpec("scripted", "small", null, List.of(), null, 200),
            List.of("calculator"),
            budget);
    List<Message> held = messages;
    if (summary != null) {
      held = messages.stream().filter(m -> m.seq() == 0 || m.idx() > summary.toIdx()).toList();
    }
    return new RunSnapshot(
        UUID.fromString("00000000-0000-0000-0000-000000000001"),
        "default",
        "tester",
        1,
        spec,
        RunStatus.RUNNING,
        1,
        messages.size(),
        new RunSnapshot.Usage(0, 0, 0, 0),
        0,
        0,
        0,
        List.of(),
        List.copyOf(held),
        Optional.empty(),
        "prev",
        Instant.parse("2026-01-01T00:00:00Z"),
        new RunSnapshot.Control(
            null, null, budget, null, 0, Reservation.NONE, true, List.of(), null, ModelPrice.FREE),
        summary);
  }
}
