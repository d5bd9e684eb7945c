package dev.cairn.persistence;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * Puts the current transaction in one tenant's scope: it switches to the {@code cairn_api} role,
 * which row-level security confines to the rows of the tenant named here (see migration V11). Both
 * settings end with the transaction.
 */
public final class TenantScope {
  private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private TenantScope() {}

  /**
   * Enters the scope on a JDBC connection whose auto-commit is off.
   *
   * @param c the transaction's connection
   * @param tenantId the tenant
   * @throws SQLException on database errors
   */
  public static void enter(Connection c, String tenantId) throws SQLException {
    if (c.getAutoCommit()) {
      throw new IllegalStateException("a tenant scope needs a transaction (auto-commit is on)");
    }
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("enter_tenant"))) {
      ps.setString(1, check(tenantId));
      ps.execute();
    }
  }

  /**
   * Enters the scope in the entity manager's current transaction.
   *
   * @param em the entity manager, inside a transaction
   * @param tenantId the tenant
   */
  public static void enter(EntityManager em, String tenantId) {
    em.createNativeQuery(SqlFile.load("enter_tenant"))
        .setParameter(1, check(tenantId))
        .getSingleResult();
  }

  private static String check(String tenantId) {
    if (tenantId == null || !TENANT_ID.matcher(tenantId).matches()) {
      throw new IllegalArgumentException("not a tenant id");
    }
    return tenantId;
  }
}
