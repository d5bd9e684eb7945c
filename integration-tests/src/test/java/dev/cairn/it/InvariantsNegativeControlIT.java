package dev.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Negative controls for {@link Invariants} and {@link LedgerServer}: a consistent history passes,
 * and each deliberately broken history fails the invariant it breaks. Without these, a green crash
 * scenario could mean a blind check.
 *
 * <p>Runs without the runtime: the schema comes from the persistence module's Flyway scripts,
 * applied in version order.
 */
class InvariantsNegativeControlIT {

  private static final String RUN = "00000000-0000-0000-0000-000000000001";
  private static final String KEY = RUN + ":2";

  private static TestDatabase database;
  private final HttpClient http = HttpClient.newHttpClient();
  private LedgerServer ledger;
  private Invariants invariants;

  @BeforeAll
  static void createSchema() throws Exception {
    database = TestDatabase.create();
    Path migrations =
        Path.of(System.getProperty("basedir", "."))
            .resolve("../persistence/src/main/resources/db/migration")
            .normalize();
    List<Path> scripts;
    try (Stream<Path> files = Files.list(migrations)) {
      scripts =
          files
              .filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql"))
              .sorted(Comparator.comparingInt(InvariantsNegativeControlIT::version))
              .toList();
    }
    for (Path script : scripts) {
      execute(Files.readString(script));
    }
  }

  @AfterAll
  static void dropDatabase() {
    if (database != null) {
      database.close();
    }
  }

  @BeforeEach
  void consistentHistory() throws Exception {
    ledger = LedgerServer.start();
    invariants = new Invariants(database, "negative-control");
    execute(
        """
        TRUNCATE tool_invocation, checkpoint, run_message, agent_run, agent_definition CASCADE;
        INSERT INTO agent_definition (tenant_id, name, version, spec, spec_hash, created_at,
                                      published_by)
          VALUES ('default', 'crashy', 1, '{}', 'h', now(), 'test');
        INSERT INTO agent_run (id, tenant_id, agent_name, agent_version, status, input, wake_at,
                               lease_owner, lease_epoch, step_count, created_at, updated_at,
                               submitted_by)
          VALUES ('%1$s', 'default', 'crashy', 1, 'COMPLETED', '"run-0"', now(),
                  'node-1-7', 3, 5, now(), now(), 'test');
        INSERT INTO checkpoint (run_id, seq, tenant_id, kind, lease_owner, lease_epoch, decision,
                                outcome, status_after, state_after, hash, created_at)
          SELECT '%1$s', seq, 'default', 'step', owner, epoch, '{}', '{}',
                 CASE WHEN seq = 5 THEN 'COMPLETED' ELSE 'RUNNING' END, '{}', 'h' || seq, now()
          FROM (VALUES (1, 'node-1-5', 1), (2, 'node-1-5', 1), (3, 'node-1-6', 2),
                       (4, 'node-1-7', 3), (5, 'node-1-7', 3)) AS s (seq, owner, epoch);
        INSERT INTO tool_invocation (run_id, seq, tenant_id, tool_call_id, tool_name, side_effect,
                                     idempotency_key, arguments, status, lease_epoch, intent_at)
          VALUES ('%1$s', 2, 'default', 'call_1', 'webhook', 'IDEMPOTENT', '%2$s', '{}', 'DONE',
                  1, now());
        """
            .formatted(RUN, KEY));
    // The effect was attempted twice (a retry after a crash) and applied once.
    postHook(KEY);
    postHook(KEY);
  }

  @AfterEach
  void stopLedger() {
    ledger.close();
  }

  @Test
  void shouldPassWhenHistoryIsConsistent() {
    assertThat(ledger.attempts(KEY)).isEqualTo(2);
    assertThat(ledger.appliedCount(KEY)).isEqualTo(1);
    assertThatCode(() -> invariants.assertAll(List.of(RUN), ledger)).doesNotThrowAnyException();
  }

  @Test
  void shouldFailI1WhenAnAcknowledgedRunIsMissingOrUnfinished() throws Exception {
    assertThatThrownBy(() -> invariants.assertNoRunLost(List.of(RUN, UUID.randomUUID().toString())))
        .hasMessageContaining("I-1");
    execute("UPDATE agent_run SET status = 'RUNNING' WHERE id = '" + RUN + "'");
    assertThatThrownBy(() -> invariants.assertNoRunLost(List.of(RUN))).hasMessageContaining("I-1");
  }

  @Test
  void shouldFailI2WhenACheckpointIsMissing() throws Exception {
    execute("DELETE FROM checkpoint WHERE seq = 3");
    assertThatThrownBy(invariants::assertCheckpointsContiguous).hasMessageContaining("I-2");
  }

  @Test
  void shouldFailI3WhenAnEffectHasNoRecordOrARecordHasNoEffect() throws Exception {
    postHook(UUID.randomUUID() + ":2");
    assertThatThrownBy(() -> invariants.assertEffectsExactlyOnce(ledger))
        .hasMessageContaining("I-3");

    ledger.close();
    ledger = LedgerServer.start();
    assertThatThrownBy(() -> invariants.assertEffectsExactlyOnce(ledger))
        .hasMessageContaining("I-3");
  }

  @Test
  void shouldFailI3WhenAnIntentStaysOpenInACompletedRun() throws Exception {
    execute(
        """
        INSERT INTO tool_invocation (run_id, seq, tenant_id, tool_call_id, tool_name, side_effect,
                                     idempotency_key, arguments, status, lease_epoch, intent_at)
          VALUES ('%s', 4, 'default', 'call_2', 'calculator', 'READ_ONLY', '%s:4', '{}', 'INTENT',
                  3, now())
        """
            .formatted(RUN, RUN));
    assertThatThrownBy(() -> invariants.assertEffectsExactlyOnce(ledger))
        .hasMessageContaining("I-3");
  }

  @Test
  void shouldFailI4WhenARunHasTwoTerminalCheckpoints() throws Exception {
    execute("UPDATE checkpoint SET status_after = 'COMPLETED' WHERE seq = 3");
    assertThatThrownBy(invariants::assertRecordedExactlyOnce).hasMessageContaining("I-4");
  }

  @Test
  void shouldFailI5WhenAnOlderEpochWritesAfterANewerOne() throws Exception {
    execute("UPDATE checkpoint SET lease_epoch = 1, lease_owner = 'node-1-5' WHERE seq = 4");
    assertThatThrownBy(invariants::assertNoDoubleOwnership).hasMessageContaining("I-5");
  }

  @Test
  void shouldFailI5WhenTwoOwnersWriteInOneEpoch() throws Exception {
    execute("UPDATE checkpoint SET lease_owner = 'b-9' WHERE seq = 5");
    assertThatThrownBy(invariants::assertNoDoubleOwnership).hasMessageContaining("I-5");
  }

  private void postHook(String key) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(ledger.url()))
            .header("Idempotency-Key", key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"step\",\"payload\":{}}"))
            .build();
    assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
  }

  private static void execute(String sql) throws SQLException {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      // Corrupts history on purpose, as a superuser would: past the append-only triggers.
      statement.execute("SET session_replication_role = replica");
      statement.execute(sql);
    }
  }

  private static int version(Path script) {
    String name = script.getFileName().toString();
    return Integer.parseInt(name.substring(1, name.indexOf("__")));
  }
}
