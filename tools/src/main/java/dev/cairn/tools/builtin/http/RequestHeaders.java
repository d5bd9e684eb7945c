package dev.cairn.tools.builtin.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.tools.ToolException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Checks the headers the model asks for against the operator's allow-list. */
final class RequestHeaders {
  private static final int MAX_HEADERS = 20;
  private static final int MAX_VALUE_CHARS = 1000;

  private RequestHeaders() {}

  /**
   * The headers to send.
   *
   * @param given the model's {@code headers} argument (an object of strings), or a missing node
   * @param allowed header names allowed, lower case
   * @return name to value
   * @throws ToolException naming the first header that is not allowed or not well formed
   */
  static Map<String, String> check(JsonNode given, Set<String> allowed) throws ToolException {
    Map<String, String> headers = new LinkedHashMap<>();
    if (given == null || given.isMissingNode() || given.isNull()) {
      return headers;
    }
    if (given.size() > MAX_HEADERS) {
      throw new ToolException("at most " + MAX_HEADERS + " headers");
    }
    for (Map.Entry<String, JsonNode> header : given.properties()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (!allowed.contains(name)) {
        throw new ToolException(
            "header '"
                + header.getKey()
                + "' is not allowed; allowed: "
                + String.join(", ", allowed.stream().sorted().toList()));
      }
      JsonNode value = header.getValue();
      if (!value.isTextual()
          || value.asText().length() > MAX_VALUE_CHARS
          || value.asText().chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
        throw new ToolException(
            "header '"
                + header.getKey()
                + "' needs a single-line text value of at most "
                + MAX_VALUE_CHARS
                + " characters");
      }
      headers.put(name, value.asText());
    }
    return headers;
  }
}
