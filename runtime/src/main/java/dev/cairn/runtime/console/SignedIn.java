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
   * Whether the caller may read agent definitions, replay runs, compare them and read their task
   * graphs (as {@code GET /v1/agents} and the run audit endpoints allow).
   *
   * @return true for developers, operators and auditors
   */
  public boolean canReadAgents() {
    return holdsAny(ConsoleRoles.READERS);
  }

  /**
   * Whether the caller may replay, compare and read task graphs (the run page shows those sections
   * only then).
   *
   * @return true for developers, operators and auditors
   */
  public boolean canReplay() {
    return holdsAny(ConsoleRoles.READERS);
  }

  /**
   * Whether the caller may fork runs (the timeline shows "Fork from here" only then).
   *
   * @return true for developers and operators
   */
  public boolean canFork() {
    return holdsAny(ConsoleRoles.FORK);
  }

  /**
   * Whether the caller may read and verify the tenant's audit log (as {@code /v1/audit} allows).
   *
   * @return true for auditors and admins
   */
  public boolean canReadAudit() {
    return holdsAny(ConsoleRoles.AUDIT_LOG);
  }

  /**
   * Whether the caller holds at least one of the roles.
   *
   * @param roles the roles
   * @return true when one is held
   */
  boolean holdsAny(Role... roles) {
    for (Role role : roles) {
      if (caller.has(role)) {
        return true;
      }
    }
    return false;
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
