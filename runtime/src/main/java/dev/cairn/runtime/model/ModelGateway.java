package dev.cairn.runtime.model;

import dev.cairn.runtime.config.CairnConfig;
import dev.cairn.runtime.engine.AgentSpec;
import dev.cairn.runtime.engine.Decision;
import dev.cairn.runtime.engine.ModelPort;
import dev.cairn.runtime.engine.RunSnapshot;
import dev.cairn.runtime.engine.StepOutcome;
import dev.cairn.runtime.engine.ToolCallRequest;
import dev.cairn.runtime.memory.ModelContext;
import dev.cairn.runtime.memory.ShortTermMemory;
import dev.cairn.runtime.memory.TokenEstimator;
import dev.cairn.tools.ToolCatalog;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls the run's model through LangChain4j, one attempt per step; the engine owns retries. A
 * circuit breaker per provider and model (on this replica) holds requests back while the provider
 * keeps failing, and the provider's Retry-After travels with every error.
 */
@ApplicationScoped
public class ModelGateway implements ModelPort {
  private final CairnConfig.OpenAi openAi;
  private final CairnConfig.ModelFaults faults;
  private final Map<String, CairnConfig.Credential> credentials;
  private final ToolCatalog tools;
  private final Clock clock;
  private final ShortTermMemory memory;
  private final Map<String, ChatModel> openAiModels = new ConcurrentHashMap<>();
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
  private final StructuredOutput structured = new StructuredOutput();

  /**
   * Creates the gateway.
   *
   * @param config configuration
   * @param tools available tools
   * @param clock the clock of the breakers and of Retry-After dates
   * @param memory builds each call's context within the model's window
   */
  public ModelGateway(CairnConfig config, ToolCatalog tools, Clock clock, ShortTermMemory memory) {
    this.openAi = config.openai();
    this.faults = config.modelFaults();
    this.credentials = config.credentials();
    this.tools = tools;
    this.clock = clock;
    this.memory = memory;
  }

  @Override
  public StepOutcome ask(RunSnapshot run, int maxOutputTokens) {
    ModelContext context = memory.builder().forAnswer(run, memory.pinned().textFor(run));
    ChatRequest.Builder request = ChatRequest.builder().maxOutputTokens(maxOutputTokens);
    structured.decorate(request, ConversationMapper.toChatMessages(context.messages()), run.spec());
    var specs = ToolSpecs.forAgent(run.spec().tools(), tools);
    if (!specs.isEmpty()) {
      request.toolSpecifications(specs);
    }
    return send(run, request);
  }

  @Override
  public StepOutcome summarize(
      RunSnapshot run, Decision.SummaryRequest summary, int maxOutputTokens) {
    ModelContext context = memory.builder().forSummary(run, summary);
    if ("scripted".equals(run.spec().model().provider())) {
      String transcript = context.messages().getLast().content();
      String text = ScriptedChatModel.summary(transcript, summary.fromIdx(), summary.toIdx());
      return new StepOutcome.ModelAnswer(
          text, List.of(), (int) context.tokens(), (int) Math.max(1, TokenEstimator.tokens(text)));
    }
    ChatRequest.Builder request =
        ChatRequest.builder()
            .messages(ConversationMapper.toChatMessages(context.messages()))
            .maxOutputTokens(maxOutputTokens);
    StepOutcome outcome = send(run, request);
    if (outcome instanceof StepOutcome.ModelAnswer answer && !answer.toolCalls().isEmpty()) {
      // A summary is text; tool calls were not offered and are not kept.
      return new StepOutcome.ModelAnswer(
          answer.text(), List.of(), answer.inputTokens(), answer.outputTokens());
    }
    return outcome;
  }

  private StepOutcome send(RunSnapshot run, ChatRequest.Builder request) {
    AgentSpec.ModelSpec spec = run.spec().model();
    ChatModel model;
    try {
      model = modelFor(spec, run);
    } catch (RuntimeException e) {
      return ModelErrors.classify(e);
    }
    CircuitBreaker breaker = breakerFor(spec);
    if (breaker == null) {
      return call(model, request.build(), run.nextSeq());
    }
    Duration wait = breaker.tryAcquire();
    if (wait != null) {
      return ModelErrors.breakerOpen(spec.provider(), spec.name(), wait);
    }
    StepOutcome outcome = null;
    try {
      outcome = call(model, request.build(), run.nextSeq());
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

  /**
   * The breaker of a remote provider's model, or null for in-process providers and when breakers
   * are off.
   */
  private CircuitBreaker breakerFor(AgentSpec.ModelSpec spec) {
    if ("scripted".equals(spec.provider()) || !faults.breakerEnabled()) {
      return null;
    }
    // Named credentials may point at other endpoints: each gets breakers of its own.
    String endpoint =
        spec.credential() == null
            ? spec.provider()
            : spec.provider() + "[" + spec.credential() + "]";
    String name = endpoint + "/" + spec.name();
    return breakers.computeIfAbsent(
        name,
        n ->
            new CircuitBreaker(
                n,
                new CircuitBreaker.Settings(
                    faults.failureRatio(),
                    faults.minimumCalls(),
                    faults.window(),
                    faults.openDelay()),
                clock));
  }

  private static StepOutcome call(ChatModel model, ChatRequest request, int seq) {
    try {
      return toAnswer(model.chat(request), seq);
    } catch (RuntimeException e) {
      return ModelErrors.classify(e);
    }
  }

  private ChatModel modelFor(AgentSpec.ModelSpec spec, RunSnapshot run) {
    return switch (spec.provider()) {
      case "scripted" ->
          new ScriptedChatModel(
              spec.script(), run.summary() == null ? 0 : run.summary().assistantTurns());
      case "openai" ->
          openAiModels.computeIfAbsent(
              spec.name() + "|" + spec.temperature() + "|" + spec.credential(), k -> openAi(spec));
      default -> throw new IllegalArgumentException("unknown provider " + spec.provider());
    };
  }

  private ChatModel openAi(AgentSpec.ModelSpec spec) {
    CairnConfig.Credential credential =
        spec.credential() == null ? null : credentials.get(spec.credential());
    if (spec.credential() != null && credential == null) {
      throw new IllegalStateException(
          "provider credential '" + spec.credential() + "' is not configured");
    }
    String baseUrl =
        credential != null && credential.baseUrl().isPresent()
            ? credential.baseUrl().get()
            : openAi.baseUrl().orElse("https://api.openai.com/v1");
    String apiKey = credential != null ? credential.apiKey() : openAi.apiKey().orElse("not-set");
    OpenAiChatModel.OpenAiChatModelBuilder builder =
        OpenAiChatModel.builder()
            .baseUrl(baseUrl)
            .apiKey(apiKey)
            .modelName(spec.name())
            .timeout(openAi.timeout())
            .httpClientBuilder(RetryAfterHttpClient.builder(faults.maxRetryAfter(), clock))
            .maxRetries(0)
            // Only requests of runs with a result schema carry one, converted to be strict-safe.
            .strictJsonSchema(true);
    if (spec.temperature() != null) {
      builder.temperature(spec.temperature());
    }
    return builder.build();
  }

  private static StepOutcome toAnswer(ChatResponse response, int seq) {
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
    TokenUsage usage = response.tokenUsage();
    int in = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
    int out = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
    return new StepOutcome.ModelAnswer(message.text(), List.copyOf(calls), in, out);
  }
}
