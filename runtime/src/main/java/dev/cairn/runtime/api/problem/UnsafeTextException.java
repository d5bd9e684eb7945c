package dev.cairn.runtime.api.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A JSON body holds text the API refuses (see {@link TextSafety}). A mapping exception, so Jackson
 * records where in the body it is; mapped to a 400 naming that field.
 */
public class UnsafeTextException extends JsonMappingException {
  private static final long serialVersionUID = 1L;

  /** What is wrong, without the field. */
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param parser the parser, for the location
   * @param reason what is wrong with the value
   */
  public UnsafeTextException(JsonParser parser, String reason) {
    super(parser, reason);
    this.reason = reason;
  }

  /**
   * What is wrong with the value.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }
}
