package dev.cairn.runtime.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.tools.SideEffect;
import dev.cairn.tools.Tool;
import dev.cairn.tools.ToolException;
import dev.cairn.tools.ToolInvocation;
import dev.cairn.tools.ToolResult;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.exception.ToolArgumentsException;
import dev.langchain4j.exception.ToolExecutionException;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import dev.langchain4j.service.tool.ToolExecutionResult;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * One LangChain4j {@code @Tool} method seen as a Cairn {@link Tool}. The method is invoked through
 * LangChain4j's {@link DefaultToolExecutor}, which converts the JSON arguments to the method's
 * parameter types; a parameter of type {@link InvocationParameters} receives the call's context
 * under the keys of {@link #PARAMETER_NAMES}.
 */
final class MethodTool implements Tool {
  /** Key of the idempotency key ({@code run_id:seq}) in {@link InvocationParameters}. */
  static final String IDEMPOTENCY_KEY = "idempotencyKey";

  /** Every key a tool method finds in its {@link InvocationParameters}. */
  static final String PARAMETER_NAMES = "idempotencyKey, runId, seq, tenantId, agentName";

  private final ToolSpecification specification;
  private final JsonNode schema;
  private final SideEffect sideEffect;
  private final DefaultToolExecutor executor;

  MethodTool(ToolSpecification specification, SideEffect sideEffect, Object target, Method method) {
    this.specification = specification;
    this.schema = SchemaJson.of(specification.parameters());
    this.sideEffect = sideEffect;
    this.executor =
        DefaultToolExecutor.builder()
            .object(target)
            .originalMethod(method)
            .methodToInvoke(method)
            .wrapToolArgumentsExceptions(true)
            .propagateToolExecutionExceptions(true)
            .build();
  }

  @Override
  public String name() {
    return specification.name();
  }

  @Override
  public String description() {
    return specification.description() == null ? "" : specification.description();
  }

  @Override
  public JsonNode argumentsSchema() {
    return schema;
  }

  @Override
  public SideEffect sideEffect() {
    return sideEffect;
  }

  @Override
  public ToolResult execute(ToolInvocation call) throws ToolException {
    ToolExecutionRequest request =
        ToolExecutionRequest.builder()
            .id(call.idempotencyKey())
            .name(name())
            .arguments(call.arguments().toString())
            .build();
    InvocationContext context =
        InvocationContext.builder()
            .chatMemoryId(call.runId())
            .invocationParameters(new InvocationParameters(parameters(call)))
            .build();
    try {
      ToolExecutionResult result = executor.executeWithContext(request, context);
      return new ToolResult(result.resultText(), result.isError());
    } catch (ToolArgumentsException e) {
      throw new ToolException("invalid arguments: " + message(e.getCause()), e);
    } catch (ToolExecutionException e) {
      // The author's exception message is what LangChain4j itself would tell the model.
      throw new ToolException(message(e.getCause()), e);
    }
  }

  private static Map<String, Object> parameters(ToolInvocation call) {
    return Map.of(
        IDEMPOTENCY_KEY,
        call.idempotencyKey(),
        "runId",
        call.runId(),
        "seq",
        call.seq(),
        "tenantId",
        call.tenantId(),
        "agentName",
        call.agentName());
  }

  private static String message(Throwable cause) {
    return cause == null || cause.getMessage() == null ? "the tool failed" : cause.getMessage();
  }
}
