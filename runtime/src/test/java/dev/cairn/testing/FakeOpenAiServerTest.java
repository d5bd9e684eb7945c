package dev.cairn.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.testing.FakeOpenAiServer.ChatCall;
import dev.cairn.testing.FakeOpenAiServer.Fault;
import dev.cairn.testing.FakeOpenAiServer.Reply;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeOpenAiServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  // A request shaped like LangChain4j's: pretty-printed, with a system prompt, one earlier tool
  // round trip and two offered tools.
  private static final String REQUEST =
      """
      {
        "model" : "fake-model",
        "messages" : [ {
          "role" : "system",
          "content" : "You are a test agent."
        }, {
          "role" : "user",
          "content" : "run-7"
        }, {
          "role" : "assistant",
          "tool_calls" : [ {
            "id" : "call_1",
            "type" : "function",
            "function" : { "name" : "calculator", "arguments" : "{\\"expression\\":\\"6*7\\"}" }
          } ]
        }, {
          "role" : "tool",
          "tool_call_id" : "call_1",
          "content" : "42"
        } ],
        "tools" : [ {
          "type" : "function",
          "function" : { "name" : "webhook", "parameters" : { "type" : "object" } }
        }, {
          "type" : "function",
          "function" : { "name" : "calculator", "parameters" : { "type" : "object" } }
        } ]
      }
      """;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private FakeOpenAiServer server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void shouldAnswerTextCompletionWhenResponderReturnsText() throws Exception {
    server = FakeOpenAiServer.start(call -> Reply.text("done " + call.firstUserText()));

    HttpResponse<String> response = post(REQUEST);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("object").asText()).isEqualTo("chat.completion");
    assertThat(body.path("id").asText()).isNotBlank();
    assertThat(body.path("model").asText()).isEqualTo("fake-model");
    JsonNode choice = body.path("choices").path(0);
    assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
    assertThat(choice.path("message").path("content").asText()).isEqualTo("done run-7");
    assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(40);
    assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(5);
    assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(45);
  }

  @Test
  void shouldAnswerToolCallWithArgumentsAsJsonStringWhenResponderReturnsToolCall()
      throws Exception {
    server =
        FakeOpenAiServer.start(
            call -> Reply.toolCall("webhook", "{\"event\":\"step\",\"payload\":{\"n\":1}}"));

    JsonNode choice = JSON.readTree(post(REQUEST).body()).path("choices").path(0);

    assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(choice.path("message").path("content").isNull()).isTrue();
    JsonNode toolCall = choice.path("message").path("tool_calls").path(0);
    assertThat(toolCall.path("id").asText()).startsWith("call_");
    assertThat(toolCall.path("type").asText()).isEqualTo("function");
    assertThat(toolCall.path("function").path("name").asText()).isEqualTo("webhook");
    JsonNode arguments = toolCall.path("function").path("arguments");
    assertThat(arguments.isTextual()).isTrue();
    assertThat(JSON.readTree(arguments.asText()).path("payload").path("n").asInt()).isEqualTo(1);
  }

  @Test
  void shouldRecordCallsAndExposeConversationShapeWhenRequestsArrive() throws Exception {
    server = FakeOpenAiServer.start(call -> Reply.text("ok"));

    post(REQUEST);
    post(REQUEST);

    assertThat(server.callCount()).isEqualTo(2);
    ChatCall call = server.calls().get(0);
    assertThat(call.messages()).hasSize(4);
    assertThat(call.firstUserText()).isEqualTo("run-7");
    assertThat(call.toolResultCount()).isEqualTo(1);
    assertThat(call.assistantCount()).isEqualTo(1);
    assertThat(call.toolNames()).containsExactly("webhook", "calculator");
    assertThat(server.inFlight()).isEmpty();
  }

  @Test
  void shouldReadUserTextFromContentPartsWhenContentIsAnArray() {
    ChatCall call =
        new ChatCall(
            readTree(
                """
                {"messages":[{"role":"user","content":[
                  {"type":"text","text":"run-"},{"type":"text","text":"3"}]}]}
                """));

    assertThat(call.firstUserText()).isEqualTo("run-3");
    assertThat(call.toolNames()).isEmpty();
  }

  @Test
  void shouldReturnErrorWithRetryAfterThenRecoverWhenStatusFaultEnqueued() throws Exception {
    server = FakeOpenAiServer.start(call -> Reply.text("ok"));
    server.enqueueFault(Fault.status(429, 7));
    server.enqueueFault(Fault.status(503, null));

    HttpResponse<String> first = post(REQUEST);
    HttpResponse<String> second = post(REQUEST);
    HttpResponse<String> third = post(REQUEST);

    assertThat(first.statusCode()).isEqualTo(429);
    assertThat(first.headers().firstValue("Retry-After")).hasValue("7");
    assertThat(JSON.readTree(first.body()).path("error").path("type").asText())
        .isEqualTo("rate_limit_exceeded");
    assertThat(second.statusCode()).isEqualTo(503);
    assertThat(second.headers().firstValue("Retry-After")).isEmpty();
    assertThat(JSON.readTree(second.body()).path("error").path("message").asText()).isNotBlank();
    assertThat(third.statusCode()).isEqualTo(200);
    assertThat(server.callCount()).isEqualTo(3);
  }

  @Test
  void shouldSendTruncatedBodyWhenMalformedJsonFaultEnqueued() throws Exception {
    server = FakeOpenAiServer.start(call -> Reply.text("ok"));
    server.enqueueFault(Fault.malformedJson());

    HttpResponse<String> response = post(REQUEST);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> JSON.readTree(response.body())).isInstanceOf(IOException.class);
  }

  @Test
  void shouldDropConnectionWhenResetFaultEnqueued() throws Exception {
    server = FakeOpenAiServer.start(call -> Reply.text("ok"));
    server.enqueueFault(Fault.connectionReset());

    assertThatThrownBy(() -> post(REQUEST)).isInstanceOf(IOException.class);
    assertThat(server.callCount()).isEqualTo(1);
    assertThat(post(REQUEST).statusCode()).isEqualTo(200);
  }

  @Test
  void shouldWaitBeforeAnsweringWhenDelayed() throws Exception {
    server = FakeOpenAiServer.start(call -> Reply.text("slow").withDelay(Duration.ofMillis(300)));
    server.enqueueFault(Fault.delay(Duration.ofMillis(300)));

    long started = System.nanoTime();
    HttpResponse<String> response = post(REQUEST);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(550));
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void shouldAbandonDelayedAnswerWhenServerCloses() throws Exception {
    server = FakeOpenAiServer.start(call -> Reply.text("never").withDelay(Duration.ofMinutes(5)));
    CompletableFuture<HttpResponse<String>> pending =
        http.sendAsync(request(REQUEST), HttpResponse.BodyHandlers.ofString());
    await().atMost(Duration.ofSeconds(5)).until(() -> server.inFlight().size() == 1);

    long started = System.nanoTime();
    server.close();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void shouldAnswerLangChain4jOpenAiChatModelWithToolCallThenText() {
    server =
        FakeOpenAiServer.start(
            call ->
                call.toolResultCount() == 0
                    ? Reply.toolCall("calculator", "{\"expression\":\"6*7\"}")
                    : Reply.text("done"));
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(server.baseUrl())
            .apiKey("test-key")
            .modelName("fake-model")
            .maxRetries(0)
            .timeout(Duration.ofSeconds(10))
            .build();
    ToolSpecification calculator =
        ToolSpecification.builder()
            .name("calculator")
            .description("Evaluates an arithmetic expression.")
            .parameters(JsonObjectSchema.builder().addStringProperty("expression").build())
            .build();

    ChatResponse response =
        model.chat(
            ChatRequest.builder()
                .messages(UserMessage.from("run-1"))
                .toolSpecifications(calculator)
                .build());

    List<ToolExecutionRequest> requests = response.aiMessage().toolExecutionRequests();
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).name()).isEqualTo("calculator");
    assertThat(requests.get(0).arguments()).contains("6*7");
    assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(10);
    ChatCall call = server.calls().get(0);
    assertThat(call.firstUserText()).isEqualTo("run-1");
    assertThat(call.toolNames()).containsExactly("calculator");
  }

  @Test
  void shouldFaultEveryNthRequestOfOneModelAndRecordWhatItSent() throws Exception {
    server = FakeOpenAiServer.start(call -> Reply.text("ok"));
    server.setFaultRule(
        FakeOpenAiServer.FaultRule.firstOf(
                FakeOpenAiServer.FaultRule.everyNth(3, Fault.status(429, 2)),
                FakeOpenAiServer.FaultRule.everyNth(2, Fault.status(500, null)))
            .onlyForModel("fake-model"));
    String otherModel = REQUEST.replace("\"fake-model\"", "\"other-model\"");

    List<Integer> statuses = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      assertThat(post(otherModel).statusCode()).isEqualTo(200);
      HttpResponse<String> response = post(REQUEST);
      statuses.add(response.statusCode());
      if (response.statusCode() == 429) {
        assertThat(response.headers().firstValue("Retry-After")).contains("2");
      }
    }

    assertThat(statuses).containsExactly(200, 500, 429, 500, 200, 429);
    assertThat(server.statusesSent())
        .extracting(FakeOpenAiServer.StatusSent::code)
        .containsExactly(500, 429, 500, 429);
    FakeOpenAiServer.StatusSent limited = server.statusesSent().get(1);
    assertThat(limited.retryAfterSeconds()).isEqualTo(2);
    assertThat(limited.sentAt()).isAfterOrEqualTo(limited.call().receivedAt());
    assertThat(server.calls()).hasSize(12);
  }

  private HttpResponse<String> post(String body) throws IOException, InterruptedException {
    return http.send(request(body), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String body) {
    return HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer test-key")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
