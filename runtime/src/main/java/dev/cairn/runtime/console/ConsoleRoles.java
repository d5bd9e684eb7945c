package dev.cairn.runtime.console;

import dev.cairn.runtime.security.Role;
import io.quarkus.qute.TemplateExtension;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The roles the console's audit views and fork action need: the same as their REST endpoints
 * (replay, compare and task graph: developer, operator or auditor; fork: developer or operator).
 * Also what pages ask to decide which controls to show ({@code me.canFork}, {@code me.canAudit}).
 */
public final class ConsoleRoles {
  /** Roles of {@code GET /v1/runs/{id}/replay}, {@code /compare} and {@code /tasks}. */
  static final Role[] READ_AUDIT = {Role.DEVELOPER, Role.OPERATOR, Role.AUDITOR};

  /** Roles of {@code POST /v1/runs/{id}/fork}. */
  static final Role[] FORK = {Role.DEVELOPER, Role.OPERATOR};

  private ConsoleRoles() {}

  /**
   * Whether the caller may fork runs (the page shows "Fork from here" only then).
   *
   * @param me the session
   * @return true for developers and operators
   */
  @TemplateExtension
  public static boolean canFork(SignedIn me) {
    return holdsAny(me, FORK);
  }

  /**
   * Whether the caller may replay, compare and read task graphs.
   *
   * @param me the session
   * @return true for developers, operators and auditors
   */
  @TemplateExtension
  public static boolean canAudit(SignedIn me) {
    return holdsAny(me, READ_AUDIT);
  }

  /**
   * Refuses a caller holding none of the roles (403, whatever the page showed).
   *
   * @param me the session
   * @param what the action, for the message
   * @param roles the roles any of which suffices
   * @throws ConsoleException 403 without one of them
   */
  static void require(SignedIn me, String what, Role... roles) {
    if (!holdsAny(me, roles)) {
      throw ConsoleException.forbidden(
          what
              + " needs one of the roles "
              + Arrays.stream(roles).map(Role::id).collect(Collectors.joining(", ")));
    }
  }

  private static boolean holdsAny(SignedIn me, Role... roles) {
    if (me == null) {
      return false;
    }
    for (Role role : roles) {
      if (me.caller().has(role)) {
        return true;
      }
    }
    return false;
  }
}
