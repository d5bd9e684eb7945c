package dev.cairn.runtime.security;

import java.util.Locale;
import java.util.Optional;

/** The four roles. Endpoints name them in {@code @RolesAllowed} through the constants below. */
public enum Role {
  /** Publishes agent definitions, submits runs, reads the tenant's runs. */
  DEVELOPER,
  /** Controls and reads runs. */
  OPERATOR,
  /** Reads history and checkpoints; changes nothing. */
  AUDITOR,
  /** Manages tenants (in the platform tenant), keys and configuration. */
  ADMIN;

  /** Role name of {@link #DEVELOPER}. */
  public static final String DEVELOPER_NAME = "developer";

  /** Role name of {@link #OPERATOR}. */
  public static final String OPERATOR_NAME = "operator";

  /** Role name of {@link #AUDITOR}. */
  public static final String AUDITOR_NAME = "auditor";

  /** Role name of {@link #ADMIN}. */
  public static final String ADMIN_NAME = "admin";

  /**
   * The name used in keys, tokens and {@code @RolesAllowed}.
   *
   * @return the lower-case name
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a role name.
   *
   * @param name a role name, any case
   * @return the role, or empty if it is not one of the four
   */
  public static Optional<Role> parse(String name) {
    for (Role role : values()) {
      if (role.id().equalsIgnoreCase(name)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
