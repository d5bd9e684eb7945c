package dev.cairn.runtime.events.inbound;

import dev.cairn.runtime.api.problem.CairnException;

/**
 * Why a message cannot become a run: the same problem types and statuses the REST API answers for
 * the same body, plus the ones only a queue has (no message id, wrong tenant, too many deliveries).
 *
 * @param type problem type slug, e.g. {@code validation} (the full type is {@link #problemType()})
 * @param status the HTTP status the REST API would answer
 * @param detail what is wrong, safe to show (never the body)
 */
public record Rejection(String type, int status, String detail) {
  private static final String TYPE_PREFIX = "urn:cairn:problem:";

  /**
   * The problem type URI, as in the REST API's problem documents.
   *
   * @return e.g. {@code urn:cairn:problem:validation}
   */
  public String problemType() {
    return TYPE_PREFIX + type;
  }

  /**
   * A Cairn error the submission raised.
   *
   * @param e the error
   * @return the rejection
   */
  static Rejection of(CairnException e) {
    return new Rejection(e.slug(), e.status(), e.getMessage());
  }

  static Rejection malformed(String detail) {
    return new Rejection("malformed-body", 400, detail);
  }

  static Rejection invalid(String detail) {
    return new Rejection("validation", 400, detail);
  }

  static Rejection tooLarge(int limit) {
    return new Rejection(
        "payload-too-large", 413, "the message body is larger than " + limit + " bytes");
  }

  static Rejection forbidden(String detail) {
    return new Rejection("forbidden", 403, detail);
  }

  static Rejection tenantDisabled(String tenant) {
    return new Rejection(
        "tenant-disabled", 403, "tenant '" + tenant + "' is disabled or does not exist");
  }

  static Rejection deliveryLimit(long deliveries, String lastFailure) {
    return new Rejection(
        "delivery-limit",
        503,
        "still failing after " + deliveries + " deliveries; last: " + lastFailure);
  }

  static Rejection internal(String errorId) {
    return new Rejection("internal", 500, "an unexpected error occurred; error id " + errorId);
  }
}
