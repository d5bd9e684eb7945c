package dev.cairn.runtime.console;

import dev.cairn.runtime.security.Caller;
import dev.cairn.runtime.security.Role;

/**
 * A console request's live session and the caller its key stands for now.
 *
 * @param session the session
 * @param caller the caller (tenant, roles as the key has them at this moment)
 * @param csrf the session's CSRF token, for the forms of the page
 */
public record SignedIn(ConsoleSession session, Caller caller, String csrf) {
  /**
   * Whether the caller may act on runs (pause, resume, cancel, steer, approve, reject).
   *
   * @return true for operators
   */
  public boolean canAct() {
    return caller.has(Role.OPERATOR);
  }

  /**
   * Whether the caller may read agent definitions (as {@code GET /v1/agents} allows).
   *
   * @return true for developers, operators and auditors
   */
  public boolean canReadAgents() {
    return caller.has(Role.DEVELOPER) || caller.has(Role.OPERATOR) || caller.has(Role.AUDITOR);
  }

  /**
   * Whether the caller may read and verify the tenant's audit log (as {@code /v1/audit} allows).
   *
   * @return true for auditors and admins
   */
  public boolean canReadAudit() {
    return caller.has(Role.AUDITOR) || caller.has(Role.ADMIN);
  }

  /**
   * The roles as text, for the header.
   *
   * @return e.g. {@code auditor, operator}
   */
  public String roles() {
    return caller.roles().stream().map(Role::id).sorted().reduce((a, b) -> a + ", " + b).orElse("");
  }
}
