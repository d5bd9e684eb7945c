package dev.cairn.runtime.api.dev;

import dev.cairn.runtime.agents.PublishAgent;
import dev.cairn.runtime.agents.SubmitRun;
import dev.cairn.runtime.control.Money;
import java.util.List;
import java.util.function.Function;

/**
 * Maps validated request records to the services' commands. Public for the one other reader of
 * {@link RunRequest}: runs submitted from a queue take the same body as {@code POST /v1/runs}.
 */
public final class Commands {
  private Commands() {}

  static PublishAgent publishAgent(AgentRequest r) {
    return new PublishAgent(
        r.name(),
        r.description(),
        r.systemPrompt(),
        model(r.model()),
        r.tools(),
        budget(r.budget()),
        r.approvals() == null
            ? null
            : new PublishAgent.Approvals(r.approvals().tools(), r.approvals().allNonReadOnly()),
        r.retention() == null ? null : r.retention().payloadDays(),
        mapOrNull(r.fallbacks(), Commands::model),
        mapOrNull(
            r.variants(), v -> new PublishAgent.Variant(v.name(), v.weight(), model(v.model()))),
        r.result() == null
            ? null
            : new PublishAgent.Result(r.result().schema(), r.result().maxRetries()));
  }

  /**
   * A submission from a validated request.
   *
   * @param r the request, valid by its constraints
   * @param idempotencyKey the client's key, or null
   * @return the command
   */
  public static SubmitRun submitRun(RunRequest r, String idempotencyKey) {
    return new SubmitRun(
        r.agent(), r.version(), r.input(), r.priority(), idempotencyKey, budget(r.budget()));
  }

  /**
   * The service's form of a model choice.
   *
   * @param m the request's model, or null
   * @return the model, or null
   */
  public static PublishAgent.Model model(AgentRequest.Model m) {
    return m == null
        ? null
        : new PublishAgent.Model(
            m.provider(),
            m.name(),
            m.temperature(),
            mapOrNull(m.script(), Commands::turn),
            m.credential(),
            m.maxOutputTokens());
  }

  private static PublishAgent.Turn turn(AgentRequest.Turn t) {
    return new PublishAgent.Turn(
        t.text(), mapOrNull(t.toolCalls(), Commands::toolCall), t.delayMs());
  }

  private static PublishAgent.ToolCall toolCall(AgentRequest.ToolCall c) {
    return new PublishAgent.ToolCall(
        c.name(), c.arguments() == null ? null : c.arguments().toString());
  }

  private static PublishAgent.Budget budget(AgentRequest.Budget b) {
    return b == null
        ? null
        : new PublishAgent.Budget(
            b.maxSteps(),
            b.maxModelCalls(),
            b.maxTokens(),
            b.maxInvalidToolCalls(),
            b.maxCostUsd() == null ? null : Money.micros(b.maxCostUsd()),
            b.maxDurationSeconds(),
            b.onBreach(),
            b.onRetriesExhausted());
  }

  private static <A, B> List<B> mapOrNull(List<A> list, Function<A, B> f) {
    return list == null ? null : list.stream().map(f).toList();
  }
}
