package dev.cairn.runtime.security;

import java.util.Set;

/**
 * An authenticated caller.
 *
 * @param actor who acts, recorded with every change ({@code key:<id>} or {@code user:<subject>})
 * @param tenantId the tenant the caller acts in
 * @param roles the caller's roles
 */
public record Caller(String actor, String tenantId, Set<Role> roles) {
  /**
   * Whether the caller holds a role.
   *
   * @param role the role
   * @return true if held
   */
  public boolean has(Role role) {
    return roles.contains(role);
  }
}
