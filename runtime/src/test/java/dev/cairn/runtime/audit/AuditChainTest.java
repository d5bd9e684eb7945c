package dev.cairn.runtime.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.persistence.TenantScope;
import dev.cairn.runtime.audit.chain.AuditDigests;
import dev.cairn.runtime.audit.chain.AuditVerifier;
import dev.cairn.runtime.audit.chain.BreakReason;
import dev.cairn.runtime.audit.chain.VerifyReport;
import dev.cairn.runtime.testing.Auth;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chain against a database superuser: each kind of tampering is detected by verify with its
 * reason, the log is insert-only for the application's roles, and concurrent writers leave one
 * contiguous chain.
 */
@QuarkusTest
class AuditChainTest {
  /** Digests written by tests go to periods far from now, one per test call. */
  private static final AtomicLong PERIOD = new AtomicLong();

  @Inject DataSource dataSource;
  @Inject AuditVerifier verifier;
  @Inject AuditDigests digests;

  private String tenant;

  @BeforeEach
  void tenantWithSixRecords() {
    tenant = Auth.newTenant();
    for (int i = 0; i < 5; i++) {
      Auth.newKey(tenant, "auditor");
    }
    assertThat(count(tenant)).isEqualTo(6);
  }

  @Test
  void shouldReportIntactWhenNobodyTampered() {
    writeDigest();
    VerifyReport report = verifier.verify(tenant);
    assertThat(report.intact()).as("%s", report.firstBreak()).isTrue();
    assertThat(report.eventsChecked()).isEqualTo(6);
    assertThat(report.lastSeq()).isEqualTo(6);
    assertThat(report.digestsChecked()).isEqualTo(1);
  }

  @Test
  void shouldReportRowMissingWhenAMiddleRowIsDeleted() throws SQLException {
    asSuperuser("DELETE FROM audit_event WHERE tenant_id = ? AND seq = 3");
    assertBroken(BreakReason.ROW_MISSING, 3);
  }

  @Test
  void shouldReportRowMissingWhenARowIsDeletedAndTheRestRenumbered() throws SQLException {
    asSuperuser(
        "DELETE FROM audit_event WHERE tenant_id = ? AND seq = 3",
        "UPDATE audit_event SET seq = seq + 1000000 WHERE tenant_id = ? AND seq > 3",
        "UPDATE audit_event SET seq = seq - 1000001 WHERE tenant_id = ? AND seq > 1000000",
        "UPDATE audit_head SET seq = seq - 1 WHERE tenant_id = ?");
    assertBroken(BreakReason.ROW_MISSING, 3);
  }

  @Test
  void shouldReportRowsReorderedWhenTwoRowsSwapPlaces() throws SQLException {
    asSuperuser(
        "UPDATE audit_event SET seq = 1000003 WHERE tenant_id = ? AND seq = 3",
        "UPDATE audit_event SET seq = 3 WHERE tenant_id = ? AND seq = 4",
        "UPDATE audit_event SET seq = 4 WHERE tenant_id = ? AND seq = 1000003");
    assertBroken(BreakReason.ROWS_REORDERED, 3);
  }

  @Test
  void shouldReportContentChangedWhenOneByteIsEdited() throws SQLException {
    asSuperuser(
        "UPDATE audit_event SET actor = overlay(actor placing 'X' from 5 for 1)"
            + " WHERE tenant_id = ? AND seq = 4");
    assertBroken(BreakReason.CONTENT_CHANGED, 4);
  }

  @Test
  void shouldReportContentChangedWhenDetailsAreEdited() throws SQLException {
    asSuperuser(
        "UPDATE audit_event SET details = details || '{\"name\":\"other\"}'"
            + " WHERE tenant_id = ? AND seq = 2");
    assertBroken(BreakReason.CONTENT_CHANGED, 2);
  }

  @Test
  void shouldReportTailTruncatedWhenTheLastRowsAreDeleted() throws SQLException {
    asSuperuser("DELETE FROM audit_event WHERE tenant_id = ? AND seq > 4");
    assertBroken(BreakReason.TAIL_TRUNCATED, 5);
  }

  @Test
  void shouldReportTailTruncatedFromASignedDigestWhenTheHeadIsRewrittenToo() throws SQLException {
    writeDigest();
    asSuperuser(
        "DELETE FROM audit_event WHERE tenant_id = ? AND seq > 4",
        "UPDATE audit_head h SET seq = 4, hash = e.hash FROM audit_event e"
            + " WHERE h.tenant_id = ? AND e.tenant_id = h.tenant_id AND e.seq = 4");
    assertBroken(BreakReason.TAIL_TRUNCATED, 5);
  }

  @Test
  void shouldReportDigestMismatchWhenTheWholeChainIsRecomputedWithoutTheKey() throws SQLException {
    writeDigest();
    Auth.newKey(tenant, "auditor");
    // The attacker edits record 2 and recomputes every hash from there on, and the head: the
    // chain is consistent again. Only the signed digest (of records 1-6) still knows.
    asSuperuser(
        "UPDATE audit_event SET details = details || '{\"name\":\"forged\"}'"
            + " WHERE tenant_id = ? AND seq = 2");
    for (int seq = 2; seq <= 7; seq++) {
      asSuperuser(
          "UPDATE audit_event e SET prev_hash = p.hash,"
              + " hash = audit_hash(p.hash, e.seq, e.tenant_id, e.at, e.actor, e.action,"
              + " e.target_type, e.target_id, e.details)"
              + " FROM audit_event p WHERE e.tenant_id = ? AND p.tenant_id = e.tenant_id"
              + " AND e.seq = "
              + seq
              + " AND p.seq = e.seq - 1");
    }
    asSuperuser(
        "UPDATE audit_head h SET hash = e.hash FROM audit_event e"
            + " WHERE h.tenant_id = ? AND e.tenant_id = h.tenant_id AND e.seq = h.seq");
    assertBroken(BreakReason.DIGEST_MISMATCH, 6);
  }

  @Test
  void shouldReportBadSignatureWhenADigestIsEdited() throws SQLException {
    writeDigest();
    asSuperuser(
        "UPDATE audit_digest SET signed_at = signed_at + interval '1 second'"
            + " WHERE tenant_id = ?");
    assertBroken(BreakReason.BAD_SIGNATURE, 6);
  }

  @Test
  void shouldRefuseUpdateDeleteAndTruncateToTheApplicationsLogin() throws SQLException {
    writeDigest();
    for (String table : List.of("audit_event", "audit_digest")) {
      for (String sql :
          List.of(
              "UPDATE " + table + " SET tenant_id = tenant_id WHERE tenant_id = ?",
              "DELETE FROM " + table + " WHERE tenant_id = ?",
              "TRUNCATE " + table)) {
        try (Connection c = dataSource.getConnection();
            PreparedStatement ps = c.prepareStatement(sql)) {
          if (sql.contains("?")) {
            ps.setString(1, tenant);
          }
          assertThatThrownBy(ps::execute).as(sql).hasMessageContaining("insert-only");
        }
      }
    }
    assertThat(count(tenant)).isEqualTo(6);
  }

  @Test
  void shouldRefuseEveryWriteToTheApiRole() throws SQLException {
    for (String sql :
        List.of(
            "UPDATE audit_event SET actor = 'x'",
            "DELETE FROM audit_event",
            "TRUNCATE audit_event",
            "INSERT INTO audit_event (tenant_id, seq, at, actor, action, target_type, target_id,"
                + " prev_hash, hash) VALUES (current_setting('cairn.tenant_id'), 99, now(), 'x',"
                + " 'x', 'x', 'x', 'x', 'x')",
            "UPDATE audit_digest SET signature = 'x'",
            "INSERT INTO audit_pending (tenant, at, actor, action, target_type, target_id,"
                + " details) VALUES ('x', now(), 'x', 'x', 'x', 'x', '{}')",
            "UPDATE audit_head SET seq = 0",
            "SELECT audit_record('x', now(), 'x', 'x', 'x', 'x', '{}')")) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
          TenantScope.enter(c, tenant);
          assertThatThrownBy(() -> s.execute(sql)).as(sql).hasMessageContaining("permission");
        } finally {
          c.rollback();
          c.setAutoCommit(true);
        }
      }
    }
    assertThat(verifier.verify(tenant).intact()).isTrue();
  }

  @Test
  void shouldLeaveNoRecordWhenTheChangeRollsBack() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT audit_record(?, now(), 'test', 'test.rollback', 'x', 'x', '{}')")) {
        ps.setString(1, tenant);
        ps.execute();
      }
      c.rollback();
      c.setAutoCommit(true);
    }
    assertThat(count(tenant)).isEqualTo(6);
    assertThat(verifier.verify(tenant).intact()).isTrue();
  }

  @Test
  void shouldKeepOneContiguousChainUnderConcurrentWritersOfSeveralTenants() throws Exception {
    String second = Auth.newTenant();
    long before = count(tenant) + count(second);
    int threads = 8;
    int transactions = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> writeConcurrently(thread, transactions, second)));
      }
      int written = 0;
      for (Future<Integer> f : done) {
        written += f.get();
      }
      assertThat(count(tenant) + count(second)).isEqualTo(before + written);
    } finally {
      pool.shutdownNow();
    }
    for (String t : List.of(tenant, second)) {
      VerifyReport report = verifier.verify(t);
      assertThat(report.intact()).as("%s: %s", t, report.firstBreak()).isTrue();
      assertThat(report.eventsChecked()).isEqualTo(count(t));
      assertThat(report.lastSeq()).isEqualTo(count(t));
    }
  }

  /** Transactions that each record in both tenants, in alternating order. */
  private int writeConcurrently(int thread, int transactions, String second) throws SQLException {
    int written = 0;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      for (int i = 0; i < transactions; i++) {
        List<String> order =
            (thread + i) % 2 == 0 ? List.of(tenant, second, tenant) : List.of(second, tenant);
        for (String t : order) {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT audit_record(?, now(), ?, 'test.concurrent', 'thread', ?, '{}')")) {
            ps.setString(1, t);
            ps.setString(2, "thread:" + thread);
            ps.setString(3, Integer.toString(thread));
            ps.execute();
          }
          written++;
        }
        c.commit();
      }
      c.setAutoCommit(true);
    }
    return written;
  }

  private void assertBroken(BreakReason reason, long seq) {
    VerifyReport report = verifier.verify(tenant);
    assertThat(report.intact()).isFalse();
    assertThat(report.firstBreak()).isNotNull();
    assertThat(report.firstBreak().reason()).as("%s", report.firstBreak()).isEqualTo(reason);
    assertThat(report.firstBreak().seq()).as("%s", report.firstBreak()).isEqualTo(seq);
  }

  /** A digest of every tenant's head, in a period of its own far in the future. */
  private void writeDigest() {
    Instant period =
        Instant.parse("2200-01-01T00:00:00Z").plus(Duration.ofDays(PERIOD.incrementAndGet()));
    assertThat(digests.writeDue(period)).isPositive();
  }

  /** Runs statements as the superuser with every trigger off, as a DBA could. */
  private void asSuperuser(String... statements) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCAL session_replication_role = replica");
      }
      for (String sql : statements) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setString(1, tenant);
          ps.executeUpdate();
        }
      }
      c.commit();
      c.setAutoCommit(true);
    }
  }

  private long count(String t) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT count(*) FROM audit_event WHERE tenant_id = ?")) {
      ps.setString(1, t);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
