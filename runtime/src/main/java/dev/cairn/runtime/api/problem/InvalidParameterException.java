package dev.cairn.runtime.api.problem;

import jakarta.ws.rs.BadRequestException;

/**
 * A path, query, header, cookie or form parameter that cannot be converted. A {@link
 * BadRequestException} so that the framework passes it on unchanged (it turns any other conversion
 * failure of a path or query parameter into a 404).
 */
public class InvalidParameterException extends BadRequestException {
  private static final long serialVersionUID = 1L;

  /** The parameter's name. */
  private final String parameter;

  /** What is wrong. */
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param parameter the parameter's name
   * @param reason what is wrong with its value
   */
  public InvalidParameterException(String parameter, String reason) {
    super(parameter + ": " + reason);
    this.parameter = parameter;
    this.reason = reason;
  }

  /**
   * The parameter's name.
   *
   * @return the name
   */
  public String parameter() {
    return parameter;
  }

  /**
   * What is wrong.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }
}
