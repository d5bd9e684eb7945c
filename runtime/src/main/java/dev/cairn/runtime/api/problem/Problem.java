package dev.cairn.runtime.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail document.
 *
 * @param type problem type URI
 * @param title short summary of the type
 * @param status HTTP status
 * @param detail what happened here, safe for clients (no stack traces, no SQL)
 * @param instance the request path
 * @param errors field errors, for validation problems
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    List<FieldError> errors) {
  /** The problem media type. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /**
   * One invalid field.
   *
   * @param field the field path
   * @param message what is wrong
   */
  public record FieldError(String field, String message) {}
}
