package dev.cairn.runtime.engine;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * Budget arithmetic, pure. A model call may start only when its worst case fits what is left: one
 * call, its input tokens (bounded from above by the conversation's UTF-8 bytes plus framing, since
 * a token of a byte-level tokenizer covers at least one byte) plus its output cap (sent to the
 * provider as {@code max_tokens}), and their cost at the model's price. The worst case is reserved
 * durably before the call, so no crash can make a run spend more than its budget.
 */
public final class Budgets {
  /** Output cap of a call when the agent's model sets none. */
  public static final int DEFAULT_MAX_OUTPUT_TOKENS = 4096;

  /** Tokens counted per message for the provider's framing. */
  private static final int TOKENS_PER_MESSAGE = 8;

  /** Tokens counted per tool offered to the model (name, description, schema). */
  private static final int TOKENS_PER_TOOL = 256;

  private Budgets() {}

  /**
   * The next model call's worst case, or the limit it would breach.
   *
   * @param reserve what the call reserves (one call, tokens, cost)
   * @param maxOutputTokens the output cap to send to the provider
   * @param breach why the call may not start, or null
   */
  public record CallPlan(Reservation reserve, int maxOutputTokens, String breach) {}

  /**
   * Plans the run's next model call after charging {@code charge} (reservations of calls that may
   * have been lost in a crash).
   *
   * @param run the run
   * @param charge what is charged before the call
   * @return the plan
   */
  public static CallPlan planModelCall(RunSnapshot run, Reservation charge) {
    return planModelCall(run, charge, 0, null);
  }

  /**
   * Plans the run's next model call when the call sends more than the snapshot holds (pinned
   * memory, a summary instruction) or its model's window caps its output.
   *
   * @param run the run
   * @param charge what is charged before the call
   * @param extraInputTokens an upper bound of what the call sends beyond the snapshot
   * @param windowOutputCap the output cap the model's window allows, or null for the definition's
   * @return the plan
   */
  public static CallPlan planModelCall(
      RunSnapshot run, Reservation charge, long extraInputTokens, Integer windowOutputCap) {
    AgentSpec.Budget budget = run.control().budget();
    int calls = run.usage().modelCalls() + charge.calls();
    if (calls + 1 > budget.maxModelCalls()) {
      return breach("model call budget of " + budget.maxModelCalls() + " used up");
    }
    long input = estimateInputTokens(run) + extraInputTokens;
    long tokensLeft = budget.maxTokens() - run.usage().totalTokens() - charge.tokens() - input;
    long cap =
        windowOutputCap == null
            ? outputCap(run.spec())
            : Math.min(outputCap(run.spec()), windowOutputCap);
    long output = Math.min(cap, tokensLeft);
    if (output < 1) {
      return breach(
          "token budget of "
              + budget.maxTokens()
              + " cannot cover the next model call (up to "
              + (input + 1)
              + " tokens)");
    }
    ModelPrice price = run.control().price();
    if (budget.maxCostMicros() != null) {
      long costLeft =
          budget.maxCostMicros()
              - run.control().costMicros()
              - charge.costMicros()
              - price.costMicros(input, 0, 0);
      if (price.outputPerMillion() > 0) {
        output = Math.min(output, (long) Math.floor(costLeft / price.outputPerMillion()));
      }
      if (costLeft < 0 || output < 1) {
        return breach(
            "cost budget of "
                + budget.maxCostMicros()
                + " micros cannot cover the next model call");
      }
    }
    Reservation reserve = new Reservation(1, input + output, price.costMicros(input, 0, output));
    return new CallPlan(reserve, (int) output, null);
  }

  /**
   * Whether the run's wall-clock deadline has passed.
   *
   * @param run the run
   * @param now the time
   * @return the breach, if any
   */
  public static Optional<String> deadlinePassed(RunSnapshot run, Instant now) {
    Instant deadline = run.control().deadline();
    if (deadline != null && !now.isBefore(deadline)) {
      return Optional.of("deadline " + deadline + " passed");
    }
    return Optional.empty();
  }

  /**
   * An upper bound of the next call's input tokens.
   *
   * @param run the run
   * @return the estimate
   */
  public static long estimateInputTokens(RunSnapshot run) {
    long bytes = utf8(run.spec().systemPrompt()) + TOKENS_PER_MESSAGE;
    if (run.summary() != null) {
      bytes += utf8(run.summary().text()) + TOKENS_PER_MESSAGE;
    }
    for (Message m : run.messages()) {
      bytes += utf8(m.content()) + utf8(m.toolName()) + utf8(m.toolCallId()) + TOKENS_PER_MESSAGE;
      for (ToolCallRequest call : m.toolCalls()) {
        bytes += utf8(call.id()) + utf8(call.name()) + utf8(call.arguments()) + TOKENS_PER_MESSAGE;
      }
    }
    return bytes + (long) TOKENS_PER_TOOL * run.spec().tools().size();
  }

  private static long outputCap(AgentSpec spec) {
    Integer cap = spec.model().maxOutputTokens();
    return cap == null || cap < 1 ? DEFAULT_MAX_OUTPUT_TOKENS : cap;
  }

  private static CallPlan breach(String reason) {
    return new CallPlan(Reservation.NONE, 0, reason);
  }

  private static long utf8(String s) {
    return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
  }
}
