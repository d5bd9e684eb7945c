package dev.cairn.runtime.api.problem;

import java.util.List;

/** Root of the errors Cairn reports to clients; each maps to one problem type and status. */
public class CairnException extends RuntimeException {
  private final int status;
  private final String slug;
  private final String title;
  private final List<Problem.FieldError> errors;

  /**
   * Creates the exception.
   *
   * @param status HTTP status
   * @param slug problem type slug
   * @param title problem title
   * @param detail safe detail for clients
   * @param errors field errors, may be empty
   */
  public CairnException(
      int status, String slug, String title, String detail, List<Problem.FieldError> errors) {
    super(detail);
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  /**
   * A 404.
   *
   * @param detail what was not found
   * @return the exception
   */
  public static CairnException notFound(String detail) {
    return new CairnException(404, "not-found", "Not found", detail, List.of());
  }

  /**
   * A 400 for one invalid field.
   *
   * @param field the field
   * @param message what is wrong
   * @return the exception
   */
  public static CairnException invalid(String field, String message) {
    return new CairnException(
        400,
        "validation",
        "Invalid request",
        field + ": " + message,
        List.of(new Problem.FieldError(field, message)));
  }

  /**
   * A 409.
   *
   * @param detail the conflict
   * @return the exception
   */
  public static CairnException conflict(String detail) {
    return new CairnException(409, "conflict", "Conflict", detail, List.of());
  }

  /**
   * A 422 for a reused idempotency key.
   *
   * @param detail the mismatch
   * @return the exception
   */
  public static CairnException keyReused(String detail) {
    return new CairnException(
        422, "idempotency-key-reused", "Idempotency key reused", detail, List.of());
  }

  /**
   * A 503 while the database is unreachable.
   *
   * @return the exception
   */
  public static CairnException unavailable() {
    return new CairnException(
        503,
        "unavailable",
        "Service unavailable",
        "the database is unreachable; retry later",
        List.of());
  }

  /**
   * A 503 while the database cannot be reached; answered with a Retry-After.
   *
   * @return the exception
   */
  public static CairnException databaseUnavailable() {
    return new CairnException(
        503,
        "database-unavailable",
        "Database unavailable",
        "the database cannot be reached; retry later",
        List.of());
  }

  /**
   * HTTP status.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * Problem type slug.
   *
   * @return the slug
   */
  public String slug() {
    return slug;
  }

  /**
   * Problem title.
   *
   * @return the title
   */
  public String title() {
    return title;
  }

  /**
   * Field errors.
   *
   * @return the errors
   */
  public List<Problem.FieldError> errors() {
    return errors;
  }
}
