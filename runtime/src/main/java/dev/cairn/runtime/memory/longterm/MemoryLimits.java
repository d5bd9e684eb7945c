package dev.cairn.runtime.memory.longterm;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/** The bounds every memory input is checked against, for tools and the API alike. */
public final class MemoryLimits {
  /** Most bytes (UTF-8) of one memory's text. */
  public static final int MAX_CONTENT_BYTES = 8192;

  /** Most characters of a recall query. */
  public static final int MAX_QUERY_CHARS = 1000;

  /** Most items one recall or search returns. */
  public static final int MAX_RESULTS = 20;

  /** Most items or versions one page lists. */
  public static final int MAX_PAGE = 200;

  /** Most characters of an origin's detail (a tool name, a URL). */
  public static final int MAX_SOURCE_CHARS = 500;

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,199}");
  private static final Pattern NAMESPACE = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._:@-]{0,199})?");

  private MemoryLimits() {}

  /**
   * What is wrong with a key.
   *
   * @param key the key
   * @return the problem, or empty when it is fine
   */
  public static Optional<String> keyProblem(String key) {
    return key != null && KEY.matcher(key).matches()
        ? Optional.empty()
        : Optional.of(
            "must be 1-200 characters: letters, digits and . _ : @ -, starting with a letter or"
                + " digit");
  }

  /**
   * What is wrong with a namespace.
   *
   * @param namespace the namespace ('' for the agent's own)
   * @return the problem, or empty when it is fine
   */
  public static Optional<String> namespaceProblem(String namespace) {
    return namespace != null && NAMESPACE.matcher(namespace).matches()
        ? Optional.empty()
        : Optional.of(
            "must be empty or 1-200 characters: letters, digits and . _ : @ -, starting with a"
                + " letter or digit");
  }

  /**
   * What is wrong with a memory's text.
   *
   * @param content the text
   * @return the problem, or empty when it is fine
   */
  public static Optional<String> contentProblem(String content) {
    if (content == null || content.isBlank()) {
      return Optional.of("must not be empty");
    }
    if (content.getBytes(StandardCharsets.UTF_8).length > MAX_CONTENT_BYTES) {
      return Optional.of("must be at most " + MAX_CONTENT_BYTES + " bytes (UTF-8)");
    }
    return Optional.empty();
  }

  /**
   * What is wrong with a recall query.
   *
   * @param query the query
   * @return the problem, or empty when it is fine
   */
  public static Optional<String> queryProblem(String query) {
    if (query == null || query.isBlank()) {
      return Optional.of("must not be empty");
    }
    if (query.length() > MAX_QUERY_CHARS) {
      return Optional.of("must be at most " + MAX_QUERY_CHARS + " characters");
    }
    return Optional.empty();
  }
}
