package dev.cairn.runtime.console;

import dev.cairn.runtime.security.Role;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The role sets of the console's views and actions, the same as their REST endpoints; pages ask
 * {@link SignedIn} which controls to show, resources refuse through {@link #require}.
 */
public final class ConsoleRoles {
  /**
   * Roles that read agents, replays, comparisons and task graphs ({@code GET /v1/agents}, {@code
   * /v1/runs/{id}/replay}, {@code /compare}, {@code /tasks}).
   */
  static final Role[] READERS = {Role.DEVELOPER, Role.OPERATOR, Role.AUDITOR};

  /** Roles of {@code POST /v1/runs/{id}/fork}. */
  static final Role[] FORK = {Role.DEVELOPER, Role.OPERATOR};

  /** Roles of {@code /v1/audit}. */
  static final Role[] AUDIT_LOG = {Role.AUDITOR, Role.ADMIN};

  private ConsoleRoles() {}

  /**
   * Refuses a caller holding none of the roles (403, whatever the page showed).
   *
   * @param me the session
   * @param what what was asked, for the message
   * @param roles the roles that may
   */
  static void require(SignedIn me, String what, Role... roles) {
    if (me == null || !me.holdsAny(roles)) {
      throw ConsoleException.forbidden(
          what
              + " needs one of the roles "
              + Arrays.stream(roles).map(Role::id).collect(Collectors.joining(", ")));
    }
  }
}
