package dev.cairn.runtime.console;

import dev.cairn.runtime.api.problem.CairnException;

/**
 * A refusal shown as a console page: the same problem details the API would answer (status, type
 * slug, title, detail), rendered as escaped text.
 */
public class ConsoleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** HTTP status. */
  private final int status;

  /** Problem type slug. */
  private final String slug;

  /** Problem title. */
  private final String title;

  /**
   * Creates the refusal.
   *
   * @param status HTTP status
   * @param slug problem type slug
   * @param title title
   * @param detail detail
   */
  public ConsoleException(int status, String slug, String title, String detail) {
    super(detail);
    this.status = status;
    this.slug = slug;
    this.title = title;
  }

  /**
   * A refusal for a caller without the role an action needs, or a forged request.
   *
   * @param detail why
   * @return the refusal
   */
  public static ConsoleException forbidden(String detail) {
    return new ConsoleException(403, "forbidden", "Forbidden", detail);
  }

  /**
   * The console form of a service's error.
   *
   * @param e the error
   * @return the refusal
   */
  public static ConsoleException of(CairnException e) {
    return new ConsoleException(e.status(), e.slug(), e.title(), e.getMessage());
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
}
