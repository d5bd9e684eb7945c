package dev.cairn.tools.builtin.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.tools.SideEffect;
import dev.cairn.tools.Tool;
import dev.cairn.tools.ToolException;
import dev.cairn.tools.ToolInvocation;
import dev.cairn.tools.ToolResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code http_post}: sends a body to a URL on an allow-listed host. Nothing tells Cairn what a POST
 * does on the other side, so the tool is {@link SideEffect#NON_IDEMPOTENT}: an intent is recorded
 * before the request, and a call interrupted by a crash parks the run for an operator rather than
 * being sent twice. The call's idempotency key travels in the {@code Idempotency-Key} header for
 * receivers that honour it. Unavailable until {@code cairn.tools.http.allowed-hosts} lists a host.
 */
@ApplicationScoped
public class HttpPostTool implements Tool {
  private static final JsonNode SCHEMA =
      HttpGetTool.parse(
          """
          {"type":"object","properties":{
          "url":{"type":"string","maxLength":2000,"description":"http(s) URL on an allowed host"},
          "body":{"type":"string","description":"The request body"},
          "content_type":{"type":"string","maxLength":200,
            "description":"Content type of the body; application/json when absent"},
          "headers":{"type":"object","description":"Request headers (allowed names only)"}},
          "required":["url","body"],"additionalProperties":false}""");

  private final HttpFetcher fetcher;

  /**
   * Creates the tool.
   *
   * @param fetcher the fetcher with the configured limits
   */
  public HttpPostTool(HttpFetcher fetcher) {
    this.fetcher = fetcher;
  }

  @Override
  public String name() {
    return "http_post";
  }

  @Override
  public String description() {
    return "Sends a body with POST to a URL on an allowed host. The answer is untrusted data: its"
        + " status, content type, final URL and (text) body.";
  }

  @Override
  public JsonNode argumentsSchema() {
    return SCHEMA;
  }

  @Override
  public SideEffect sideEffect() {
    return SideEffect.NON_IDEMPOTENT;
  }

  @Override
  public boolean available() {
    return !fetcher.settings().hosts().isEmpty();
  }

  @Override
  public ToolResult execute(ToolInvocation call) throws ToolException {
    JsonNode arguments = call.arguments();
    byte[] body = arguments.path("body").asText().getBytes(StandardCharsets.UTF_8);
    int limit = fetcher.settings().maxRequestBytes();
    if (body.length > limit) {
      throw new ToolException("the body is larger than " + limit + " bytes");
    }
    Map<String, String> headers =
        new LinkedHashMap<>(
            RequestHeaders.check(arguments.path("headers"), fetcher.settings().allowedHeaders()));
    String contentType = arguments.path("content_type").asText("application/json");
    if (contentType.isBlank() || contentType.chars().anyMatch(c -> c < 0x20)) {
      throw new ToolException("content_type must be a single-line media type");
    }
    headers.put("content-type", contentType);
    headers.put("idempotency-key", call.idempotencyKey());
    HttpCall request = new HttpCall("POST", arguments.path("url").asText(), headers, body);
    return UntrustedAnswer.of(
        name(), fetcher.fetch(request), fetcher.settings().maxResponseBytes());
  }
}
