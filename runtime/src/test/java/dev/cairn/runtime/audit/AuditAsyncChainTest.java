package dev.cairn.runtime.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.runtime.audit.chain.AuditChainer;
import dev.cairn.runtime.audit.chain.AuditVerifier;
import dev.cairn.runtime.audit.chain.VerifyReport;
import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The asynchronous chain mode: a change's record is committed with the change and chained after
 * commit, contiguously, even with writers in both modes and the chainer running among them; a
 * rolled-back change leaves nothing to chain.
 */
@QuarkusTest
class AuditAsyncChainTest {
  @Inject DataSource dataSource;
  @Inject AuditChainer chainer;
  @Inject AuditVerifier verifier;

  /** Publishes an agent version (one audit record) on a session in the given chain mode. */
  private void publish(String tenant, String name, int version, String mode, boolean commit)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCAL cairn.audit_chain = '" + mode + "'");
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO agent_definition (tenant_id, name, version, spec, spec_hash,"
                  + " created_at, published_by) VALUES (?, ?, ?, '{}', 'h', now(), 'key:async')")) {
        ps.setString(1, tenant);
        ps.setString(2, name);
        ps.setInt(3, version);
        ps.executeUpdate();
      }
      if (commit) {
        c.commit();
      } else {
        c.rollback();
      }
    }
  }

  private long events(Db db, String tenant) {
    return db.count("SELECT count(*) FROM audit_event WHERE tenant_id = ?", tenant);
  }

  private long pending(Db db, String tenant) {
    return db.count("SELECT count(*) FROM audit_pending WHERE tenant = ?", tenant);
  }

  @Test
  void aRecordCommittedWithItsChangeIsChainedAfterCommit() throws SQLException {
    String tenant = Auth.newTenant();
    Db db = new Db(dataSource);
    long before = events(db, tenant);

    publish(tenant, "async-a", 1, "async", true);
    publish(tenant, "async-a", 2, "async", false);
    assertThat(pending(db, tenant)).isEqualTo(1);
    assertThat(events(db, tenant)).isEqualTo(before);

    assertThat(chainer.chainNow()).isGreaterThanOrEqualTo(1);
    assertThat(pending(db, tenant)).isZero();
    assertThat(events(db, tenant)).isEqualTo(before + 1);
    assertThat(
            db.text(
                "SELECT action FROM audit_event WHERE tenant_id = ? ORDER BY seq DESC LIMIT 1",
                tenant))
        .isEqualTo("agent.published");
    VerifyReport report = verifier.verify(tenant);
    assertThat(report.intact()).as("%s", report.firstBreak()).isTrue();
  }

  @Test
  void writersInBothModesAndARunningChainerLeaveOneContiguousChain() throws Exception {
    String tenant = Auth.newTenant();
    Db db = new Db(dataSource);
    long before = events(db, tenant);
    int writers = 4;
    int each = 15;
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
    try {
      Future<?> chaining =
          pool.submit(
              () -> {
                while (writing.get()) {
                  chainer.chainNow();
                }
                return null;
              });
      List<Future<?>> work = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        String name = "mixed-" + w;
        String mode = w % 2 == 0 ? "async" : "commit";
        work.add(
            pool.submit(
                () -> {
                  for (int v = 1; v <= each; v++) {
                    publish(tenant, name, v, mode, true);
                  }
                  return null;
                }));
      }
      for (Future<?> f : work) {
        f.get();
      }
      writing.set(false);
      chaining.get();
    } finally {
      pool.shutdownNow();
    }
    chainer.chainNow();
    assertThat(pending(db, tenant)).isZero();
    assertThat(events(db, tenant)).isEqualTo(before + (long) writers * each);
    assertThat(
            db.count("SELECT max(seq) - min(seq) + 1 FROM audit_event WHERE tenant_id = ?", tenant))
        .isEqualTo(events(db, tenant));
    VerifyReport report = verifier.verify(tenant);
    assertThat(report.intact()).as("%s", report.firstBreak()).isTrue();
  }
}
