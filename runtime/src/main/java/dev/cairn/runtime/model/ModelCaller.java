package dev.cairn.runtime.model;

import dev.cairn.runtime.engine.AgentSpec;
import dev.cairn.runtime.engine.ModelCall;
import dev.cairn.runtime.engine.RunSnapshot;
import dev.cairn.runtime.engine.StepOutcome;
import dev.cairn.runtime.engine.ToolCallRequest;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends one request to one model: the model of the spec (built once and kept), behind the breaker
 * of its provider and model, timed, with its usage read the same way for every provider. A router
 * that tries several models calls {@link #call} once per candidate.
 */
public final class ModelCaller {
  private final ChatModels models;
  private final CircuitBreakers breakers;
  private final Clock clock;
  private final Duration maxRetryAfter;

  ModelCaller(ChatModels models, CircuitBreakers breakers, Clock clock, Duration maxRetryAfter) {
    this.models = models;
    this.breakers = breakers;
    this.clock = clock;
    this.maxRetryAfter = maxRetryAfter;
  }

  /**
   * Asks one model; never throws.
   *
   * @param spec the model to ask
   * @param request the request (messages, tools, output cap)
   * @param run the run it is for
   * @return the answer, with who answered and its cache usage for remote providers, or the error
   */
  public StepOutcome call(AgentSpec.ModelSpec spec, ChatRequest request, RunSnapshot run) {
    ChatModel model;
    try {
      model = models.forSpec(spec, run);
    } catch (RuntimeException e) {
      return ModelErrors.classify(e);
    }
    ChatRequest prepared = PromptCaching.prepare(spec.provider(), request);
    CircuitBreaker breaker = breakers.forSpec(spec);
    if (breaker == null) {
      return send(spec, model, prepared, run.nextSeq());
    }
    Duration wait = breaker.tryAcquire();
    if (wait != null) {
      return ModelErrors.breakerOpen(spec.provider(), spec.name(), wait);
    }
    StepOutcome outcome = null;
    try {
      outcome = send(spec, model, prepared, run.nextSeq());
    } finally {
      // Only failures that suggest an unhealthy provider count; a refused request is an answer.
      if (outcome instanceof StepOutcome.ModelError error && error.retryable() || outcome == null) {
        breaker.onFailure();
      } else {
        breaker.onSuccess();
      }
    }
    return outcome;
  }

  private StepOutcome send(
      AgentSpec.ModelSpec spec, ChatModel model, ChatRequest request, int seq) {
    long started = clock.millis();
    ChatResponse response;
    try {
      response = model.chat(request);
    } catch (RuntimeException e) {
      return classify(e);
    }
    long latency = Math.max(0, clock.millis() - started);
    return toAnswer(spec, response, seq, latency);
  }

  private StepOutcome.ModelError classify(RuntimeException e) {
    StepOutcome.ModelError error = ModelErrors.classify(e);
    if (!error.retryable() || error.retryAfter() != null) {
      return error;
    }
    return SdkErrors.retryAfter(e, clock.instant(), maxRetryAfter)
        .map(d -> new StepOutcome.ModelError(true, error.message(), d, error.notSent()))
        .orElse(error);
  }

  private static StepOutcome toAnswer(
      AgentSpec.ModelSpec spec, ChatResponse response, int seq, long latencyMillis) {
    AiMessage message = response.aiMessage();
    List<ToolCallRequest> calls = new ArrayList<>();
    if (message.hasToolExecutionRequests()) {
      List<ToolExecutionRequest> requests = message.toolExecutionRequests();
      for (int i = 0; i < requests.size(); i++) {
        ToolExecutionRequest r = requests.get(i);
        String id = r.id() == null || r.id().isBlank() ? "call_" + seq + "_" + i : r.id();
        calls.add(new ToolCallRequest(id, r.name(), r.arguments()));
      }
    }
    TokenUsages.Usage usage = TokenUsages.of(response.tokenUsage());
    ModelCall call =
        ModelProviders.isRemote(spec.provider())
            ? new ModelCall(
                spec.provider(),
                spec.name(),
                usage.cachedInputTokens(),
                usage.cacheWriteTokens(),
                latencyMillis,
                null,
                null)
            : null;
    return new StepOutcome.ModelAnswer(
        message.text(), List.copyOf(calls), usage.inputTokens(), usage.outputTokens(), call);
  }
}
