package dev.cairn.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.persistence.TenantScope;
import dev.cairn.runtime.testing.Auth;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * I-7: under tenant A's scope, a query with no tenant filter sees none of tenant B's rows, in every
 * tenant-owned table; the negative control (row security switched off) shows the probe can fail.
 */
@QuarkusTest
class RowLevelSecurityTest {
  @Inject DataSource dataSource;

  private String tenantA;
  private String tenantB;

  @BeforeEach
  void twoTenantsWithRowsEverywhere() throws SQLException {
    tenantA = Auth.newTenant();
    tenantB = Auth.newTenant();
    try (Connection c = dataSource.getConnection()) {
      seed(c, tenantA);
      seed(c, tenantB);
    }
  }

  @Test
  void probeWithoutTenantFilterSeesOnlyItsOwnTenant() throws SQLException {
    List<String> tables = tenantOwnedTables();
    assertThat(tables)
        .contains(
            "agent_definition",
            "agent_run",
            "checkpoint",
            "run_message",
            "tool_invocation",
            "outbox_event",
            "note",
            "note_write",
            "api_key",
            "operator_command",
            "tool_approval",
            "webhook_subscription",
            "webhook_delivery",
            "audit_event",
            "audit_head",
            "audit_digest",
            "run_summary",
            "memory_item",
            "memory_version",
            "run_task",
            "run_timer",
            "run_signal");
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        TenantScope.enter(c, tenantA);
        for (String table : tables) {
          Map<String, Long> seen = rowsPerTenant(c, table);
          assertThat(seen).as(table).doesNotContainKey(tenantB);
          assertThat(seen.keySet()).as(table).containsOnly(tenantA);
          assertThat(seen.get(tenantA)).as(table).isPositive();
        }
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    }
  }

  @Test
  void negativeControlProbeSeesTheOtherTenantWhenRowSecurityIsOff() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCAL lock_timeout = '10s'");
        s.execute("ALTER TABLE agent_run DISABLE ROW LEVEL SECURITY");
        TenantScope.enter(c, tenantA);
        assertThat(rowsPerTenant(c, "agent_run")).containsKeys(tenantA, tenantB);
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    }
  }

  @Test
  void everyTenantOwnedTableForcesRowSecurityWithTheTenantPolicy() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      for (String table : tenantOwnedTables()) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT relrowsecurity, relforcerowsecurity,"
                    + " (SELECT count(*) FROM pg_policies WHERE tablename = ? AND policyname ="
                    + " 'tenant_isolation' AND 'cairn_api' = ANY (roles))"
                    + " FROM pg_class WHERE relname = ? AND relkind = 'r'")) {
          ps.setString(1, table);
          ps.setString(2, table);
          try (ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).as(table).isTrue();
            assertThat(rs.getBoolean(1)).as(table + " row security enabled").isTrue();
            assertThat(rs.getBoolean(2)).as(table + " row security forced").isTrue();
            assertThat(rs.getLong(3)).as(table + " tenant policy").isEqualTo(1);
          }
        }
      }
    }
  }

  @Test
  void aTenantScopeCannotWriteAnotherTenantsRows() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        TenantScope.enter(c, tenantA);
        assertThatThrownBy(() -> insertDefinition(c, tenantB, "intruder-" + UUID.randomUUID(), "x"))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("row-level security");
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    }
  }

  @Test
  void theScopeEndsWithItsTransaction() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      String sessionUser = text(c, "SELECT current_user");
      c.setAutoCommit(false);
      TenantScope.enter(c, tenantA);
      assertThat(text(c, "SELECT current_user")).isEqualTo("cairn_api");
      c.commit();
      c.setAutoCommit(true);
      assertThat(text(c, "SELECT current_user")).isEqualTo(sessionUser);
      assertThat(text(c, "SELECT coalesce(current_setting('cairn.tenant_id', true), '')"))
          .isEmpty();
    }
  }

  private List<String> tenantOwnedTables() throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT c.table_name FROM information_schema.columns c"
                    + " JOIN information_schema.tables t USING (table_schema, table_name)"
                    + " WHERE c.table_schema = current_schema() AND c.column_name = 'tenant_id'"
                    + " AND t.table_type = 'BASE TABLE' ORDER BY 1");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }

  private static Map<String, Long> rowsPerTenant(Connection c, String table) throws SQLException {
    Map<String, Long> counts = new HashMap<>();
    // The probe: no tenant filter at all.
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT tenant_id, count(*) FROM " + table + " GROUP BY tenant_id")) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getLong(2));
      }
    }
    return counts;
  }

  private static String text(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void insertDefinition(Connection c, String tenant, String name, String actor)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO agent_definition (tenant_id, name, version, spec, spec_hash, created_at,"
                + " published_by) VALUES (?, ?, 1, '{}'::jsonb, 'h', now(), ?)")) {
      ps.setString(1, tenant);
      ps.setString(2, name);
      ps.setString(3, actor);
      ps.executeUpdate();
    }
  }

  /** One row in every tenant-owned table, written as the owner (the engine's scope). */
  private static void seed(Connection c, String tenant) throws SQLException {
    String agent = "probe";
    UUID run = UUID.randomUUID();
    insertDefinition(c, tenant, agent, "test");
    String[] statements = {
      "INSERT INTO agent_run (id, tenant_id, agent_name, agent_version, status, input, wake_at,"
          + " created_at, updated_at, submitted_by)"
          + " VALUES (?::uuid, ?, 'probe', 1, 'PAUSED', '\"hi\"', now(), now(), now(), 'test')",
      "INSERT INTO run_message (run_id, idx, tenant_id, seq, role, content, created_at)"
          + " VALUES (?::uuid, 0, ?, 0, 'USER', 'hi', now())",
      "INSERT INTO run_summary (run_id, seq, tenant_id, from_idx, to_idx, text, assistant_turns,"
          + " created_at) VALUES (?::uuid, 1, ?, 1, 2, 'summary', 1, now())",
      "INSERT INTO checkpoint (run_id, seq, tenant_id, kind, lease_owner, lease_epoch, decision,"
          + " outcome, status_after, state_after, hash, created_at)"
          + " VALUES (?::uuid, 1, ?, 'MODEL', 'n', 1, '{}', '{}', 'PAUSED', '{}', 'h', now())",
      "INSERT INTO tool_invocation (run_id, seq, tenant_id, tool_call_id, tool_name, side_effect,"
          + " idempotency_key, arguments, status, lease_epoch, intent_at)"
          + " VALUES (?::uuid, 1, ?, 'c', 'clock', 'READ_ONLY', gen_random_uuid()::text, '{}',"
          + " 'INTENT', 1, now())",
      "INSERT INTO outbox_event (run_id, tenant_id, seq, agent_name, type, payload, created_at)"
          + " VALUES (?::uuid, ?, 1, 'probe', 'probe', '{}', now())",
      "INSERT INTO run_task (run_id, tenant_id, task_id, title, state, created_seq, updated_seq,"
          + " created_at, updated_at) VALUES (?::uuid, ?, 't', 'probe', 'OPEN', 1, 1, now(), now())",
      "INSERT INTO run_timer (run_id, tenant_id, call_id, kind, due_at, created_seq, created_at)"
          + " VALUES (?::uuid, ?, 'c', 'SLEEP', now(), 1, now())",
      "INSERT INTO run_signal (run_id, tenant_id, id, name, payload, sent_by, created_at)"
          + " VALUES (?::uuid, ?, gen_random_uuid(), 'probe', '{}', 'test', now())",
      "INSERT INTO note (written_by_run, tenant_id, agent_name, note_key, value, idempotency_key,"
          + " updated_at) VALUES (?::uuid, ?, 'probe', 'k', 'v', 'i', now())",
      "INSERT INTO operator_command (run_id, tenant_id, id, seq, kind, actor, state, created_at)"
          + " VALUES (?::uuid, ?, gen_random_uuid(), 1, 'STEER', 'test', 'APPLIED', now())",
      "INSERT INTO tool_approval (run_id, tenant_id, id, seq, tool_call_id, tool_name, arguments,"
          + " arguments_hash, state, requested_at)"
          + " VALUES (?::uuid, ?, gen_random_uuid(), 1, 'c', 'webhook', '{}', 'h', 'USED', now())",
      "INSERT INTO note_write (written_by_run, tenant_id, idempotency_key, agent_name, note_key,"
          + " written_at) VALUES (?::uuid, ?, 'i', 'probe', 'k', now())",
      // The subscription takes the run's id, so the delivery below can name it.
      "INSERT INTO webhook_subscription (id, tenant_id, url, secret, created_by, created_at)"
          + " VALUES (?::uuid, ?, 'https://probe.example/', 'plain:whsec_probe', 'test', now())",
      "INSERT INTO webhook_delivery (id, tenant_id, subscription_id, run_id, seq, event_type,"
          + " agent_name, event_time, event_data, state, next_attempt_at, created_at, dead_at)"
          + " SELECT gen_random_uuid(), p.tenant, p.run, p.run, 1, 'run.submitted', 'probe', now(),"
          + " '{}', 'DEAD', now(), now(), now() FROM (SELECT ?::uuid AS run, ?::text AS tenant) p",
      // The item takes the run's id, so its version can name it.
      "INSERT INTO memory_item (id, tenant_id, agent_name, key, created_at, head_version,"
          + " updated_at) VALUES (?::uuid, ?, 'probe', 'k', now(), 1, now())",
      "INSERT INTO memory_version (item_id, version, tenant_id, content, origin, actor,"
          + " created_at) VALUES (?::uuid, 1, ?, 'v', 'person', 'test', now())",
      // Audit records and the chain head come from the rows above (V18's triggers); a digest:
      "INSERT INTO audit_digest (tenant_id, period_start, covers_seq, head_hash, signed_at,"
          + " key_id, signature) SELECT p.tenant, now(), 0, 'h', now(), 'k', 's'"
          + " FROM (SELECT ?::uuid AS run, ?::text AS tenant) p",
    };
    for (String sql : statements) {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, run.toString());
        ps.setString(2, tenant);
        ps.executeUpdate();
      }
    }
    Auth.newKey(tenant, "auditor");
  }
}
