package dev.cairn.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.tools.SideEffect;
import dev.cairn.tools.Tool;
import dev.cairn.tools.ToolException;
import dev.cairn.tools.ToolInvocation;
import dev.cairn.tools.ToolResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Posts an event to the one webhook URL the operator configured ({@code cairn.tools.webhook.url}),
 * with the call's idempotency key in the {@code Idempotency-Key} header so the receiver applies
 * each event once. The model cannot choose the target. Unavailable when no URL is configured.
 */
@ApplicationScoped
public class WebhookTool implements Tool {
  private static final JsonNode SCHEMA =
      Schemas.parse(
          """
          {"type":"object","properties":{
          "event":{"type":"string","maxLength":200,"description":"Event name"},
          "payload":{"type":"object","description":"Event data"}},
          "required":["event"],"additionalProperties":false}""");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_RESPONSE_CHARS = 4096;
  private final Optional<URI> target;
  private final HttpClient client;
  private final Duration timeout;

  /**
   * Creates the tool.
   *
   * @param url the configured target, if any
   * @param timeout request timeout
   */
  public WebhookTool(
      @ConfigProperty(name = "cairn.tools.webhook.url") Optional<URI> url,
      @ConfigProperty(name = "cairn.tools.webhook.timeout", defaultValue = "10s")
          Duration timeout) {
    this.target = url;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public String description() {
    return "Sends an event with a JSON payload to the configured webhook.";
  }

  @Override
  public JsonNode argumentsSchema() {
    return SCHEMA;
  }

  @Override
  public SideEffect sideEffect() {
    return SideEffect.IDEMPOTENT;
  }

  @Override
  public boolean available() {
    return target.isPresent();
  }

  @Override
  public ToolResult execute(ToolInvocation call) throws ToolException {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("event", call.arguments().get("event").asText());
    body.set("payload", call.arguments().path("payload"));
    body.put("runId", call.runId().toString());
    HttpRequest request =
        HttpRequest.newBuilder(target.orElseThrow())
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", call.idempotencyKey())
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      String text = response.body();
      if (text.length() > MAX_RESPONSE_CHARS) {
        text = text.substring(0, MAX_RESPONSE_CHARS);
      }
      if (response.statusCode() >= 500) {
        throw new ToolException("webhook answered " + response.statusCode());
      }
      return response.statusCode() >= 400
          ? ToolResult.error("webhook answered " + response.statusCode() + ": " + text)
          : ToolResult.ok(text);
    } catch (IOException e) {
      throw new ToolException("webhook unreachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ToolException("interrupted", e);
    }
  }
}
