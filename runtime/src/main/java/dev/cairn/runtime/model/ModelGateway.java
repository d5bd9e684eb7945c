package dev.cairn.runtime.model;

import dev.cairn.runtime.config.CairnConfig;
import dev.cairn.runtime.engine.AgentSpec;
import dev.cairn.runtime.engine.Decision;
import dev.cairn.runtime.engine.ModelPort;
import dev.cairn.runtime.engine.ModelPrices;
import dev.cairn.runtime.engine.ModelRoute;
import dev.cairn.runtime.engine.RunSnapshot;
import dev.cairn.runtime.engine.StepOutcome;
import dev.cairn.runtime.memory.ModelContext;
import dev.cairn.runtime.memory.ShortTermMemory;
import dev.cairn.runtime.memory.TokenEstimator;
import dev.cairn.tools.ToolCatalog;
import dev.langchain4j.model.chat.request.ChatRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;

/**
 * Calls the run's model through LangChain4j, one attempt per step; the engine owns retries. The
 * provider is the definition's ({@link ModelProviders}); a circuit breaker per provider and model
 * (on this replica) holds requests back while the provider keeps failing, and the provider's
 * Retry-After travels with every error. Each answer says who answered, with its cache usage and
 * latency ({@link dev.cairn.runtime.engine.ModelCall}). A definition with fallbacks or A/B variants
 * is routed by {@link ModelRouter} over its candidate models.
 */
@ApplicationScoped
public class ModelGateway implements ModelPort {

  private final ToolCatalog tools;
  private final ShortTermMemory memory;
  private final ModelCaller caller;
  private final ModelRouter router;
  private final StructuredOutput structured = new StructuredOutput();

  /**
   * Creates the gateway.
   *
   * @param config configuration
   * @param settings each provider's endpoint and keys
   * @param tools available tools
   * @param clock the clock of the breakers, of Retry-After dates and of call latencies
   * @param memory builds each call's context within the model's window
   * @param prices what each model charges (recorded with a routed answer)
   */
  public ModelGateway(
      CairnConfig config,
      ProviderSettings settings,
      ToolCatalog tools,
      Clock clock,
      ShortTermMemory memory,
      ModelPrices prices) {
    CairnConfig.ModelFaults faults = config.modelFaults();
    this.tools = tools;
    this.memory = memory;
    ChatModelFactory factory =
        new ChatModelFactory(() -> RetryAfterHttpClient.builder(faults.maxRetryAfter(), clock));
    this.caller =
        new ModelCaller(
            new ChatModels(settings, factory),
            new CircuitBreakers(faults, clock),
            clock,
            faults.maxRetryAfter());
    this.router = new ModelRouter(spec -> prices.priceOf(spec.provider(), spec.name()));
  }

  @Override
  public StepOutcome ask(RunSnapshot run, int maxOutputTokens) {
    ModelContext context = memory.builder().forAnswer(run, memory.pinned().textFor(run));
    ChatRequest chat;
    try {
      ChatRequest.Builder request = ChatRequest.builder().maxOutputTokens(maxOutputTokens);
      structured.decorate(
          request, ConversationMapper.toChatMessages(context.messages()), run.spec());
      var specs = ToolSpecs.forAgent(run.spec().tools(), tools);
      if (!specs.isEmpty()) {
        request.toolSpecifications(specs);
      }
      chat = request.build();
    } catch (IllegalArgumentException e) {
      return unsendable(e);
    }
    return send(run, chat);
  }

  @Override
  public StepOutcome summarize(
      RunSnapshot run, Decision.SummaryRequest summary, int maxOutputTokens) {
    ModelContext context = memory.builder().forSummary(run, summary);
    if (ModelProviders.SCRIPTED.equals(run.spec().model().provider())) {
      String transcript = context.messages().getLast().content();
      String text = ScriptedChatModel.summary(transcript, summary.fromIdx(), summary.toIdx());
      return new StepOutcome.ModelAnswer(
          text, List.of(), (int) context.tokens(), (int) Math.max(1, TokenEstimator.tokens(text)));
    }
    ChatRequest request;
    try {
      request =
          ChatRequest.builder()
              .messages(ConversationMapper.toChatMessages(context.messages()))
              .maxOutputTokens(maxOutputTokens)
              .build();
    } catch (IllegalArgumentException e) {
      return unsendable(e);
    }
    StepOutcome outcome = send(run, request);
    if (outcome instanceof StepOutcome.ModelAnswer answer && !answer.toolCalls().isEmpty()) {
      // A summary is text; tool calls were not offered and are not kept.
      return new StepOutcome.ModelAnswer(
          answer.text(), List.of(), answer.inputTokens(), answer.outputTokens(), answer.call());
    }
    return outcome;
  }

  /**
   * A request the client library refuses to build from the run's context (no message at all, say:
   * no system prompt and an empty input). Asking again cannot change it, so the step fails the run
   * with the reason instead of being retried until quarantine. ({@code notSent} stays false: it
   * means a breaker refused the call and the run waits to ask again.)
   */
  private static StepOutcome.ModelError unsendable(IllegalArgumentException e) {
    return new StepOutcome.ModelError(
        false,
        "the model request cannot be built from the run's context: " + e.getMessage(),
        null,
        false);
  }

  /** Asks the run's model, or routes over its candidates when it has fallbacks or variants. */
  private StepOutcome send(RunSnapshot run, ChatRequest request) {
    if (!ModelRoute.routes(run.spec())) {
      return call(run.spec().model(), request, run);
    }
    return router.send(run, candidate -> call(candidate, request, run));
  }

  /**
   * Asks one model once; what {@link #ask} and {@link #summarize} do after building the request,
   * and what a router calls per candidate model.
   *
   * @param spec the model to ask
   * @param request the request
   * @param run the run it is for
   * @return the answer or the error; never throws
   */
  public StepOutcome call(AgentSpec.ModelSpec spec, ChatRequest request, RunSnapshot run) {
    return caller.call(spec, request, run);
  }
}
